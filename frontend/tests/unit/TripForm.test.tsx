import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { SEARCH_DEBOUNCE_MS } from "@/components/PlaceInput";
import { TripForm, type TripFormValues, type TripSubmission } from "@/components/TripForm";
import type { SearchClient } from "@/lib/api";

import { tableSearchClient } from "./fakes";

const EMPTY: TripFormValues = { fromText: "", from: null, toText: "", to: null, limit: "30", margin: "2" };

const PLACES: Pick<TripFormValues, "fromText" | "from" | "toText" | "to"> = {
  fromText: "A",
  from: { name: "A", lat: 1.3, lon: 103.8 },
  toText: "B",
  to: { name: "B", lat: 1.31, lon: 103.81 },
};

function Harness({
  initial = EMPTY,
  planning = false,
  clients,
  onSubmit,
  onInvalidSubmit,
}: {
  initial?: TripFormValues;
  planning?: boolean;
  clients?: { from: SearchClient; to: SearchClient };
  onSubmit: (submission: TripSubmission) => void;
  onInvalidSubmit?: () => void;
}) {
  const [values, setValues] = useState(initial);
  const [defaultClients] = useState(() => ({ from: tableSearchClient({}).client, to: tableSearchClient({}).client }));
  return (
    <TripForm
      values={values}
      onChange={setValues}
      onSubmit={onSubmit}
      onInvalidSubmit={onInvalidSubmit}
      planning={planning}
      searchClients={clients ?? defaultClients}
    />
  );
}

function renderForm(props: { initial?: TripFormValues; planning?: boolean; clients?: { from: SearchClient; to: SearchClient } } = {}) {
  const onSubmit = vi.fn();
  const onInvalidSubmit = vi.fn();
  const user = userEvent.setup();
  render(<Harness {...props} onSubmit={onSubmit} onInvalidSubmit={onInvalidSubmit} />);
  return { user, onSubmit, onInvalidSubmit };
}

const originalGeolocation = Object.getOwnPropertyDescriptor(window.navigator, "geolocation");

function setGeolocation(value: unknown) {
  Object.defineProperty(window.navigator, "geolocation", { value, configurable: true });
}

describe("TripForm", () => {
  afterEach(() => {
    if (originalGeolocation) Object.defineProperty(window.navigator, "geolocation", originalGeolocation);
    else Reflect.deleteProperty(window.navigator, "geolocation");
  });

  it("names the area it covers", () => {
    renderForm();
    expect(screen.getByText("PitStop plans trips within Singapore.")).toBeInTheDocument();
  });

  it("submits typed coordinates", async () => {
    const { user, onSubmit } = renderForm();
    await user.type(screen.getByRole("combobox", { name: "Start" }), "1.3328,103.8471");
    await user.type(screen.getByRole("combobox", { name: "Destination" }), "1.3112, 103.7962");
    await user.click(screen.getByRole("button", { name: "Plan trip" }));
    expect(onSubmit).toHaveBeenCalledWith({
      from: { name: "1.332800,103.847100", lat: 1.3328, lon: 103.8471 },
      to: { name: "1.311200,103.796200", lat: 1.3112, lon: 103.7962 },
      limitMin: 30,
      marginMin: 2,
    });
  });

  it("reports missing places on submit", async () => {
    const { user, onSubmit } = renderForm();
    await user.type(screen.getByRole("combobox", { name: "Destination" }), "somewhere");
    await user.click(screen.getByRole("button", { name: "Plan trip" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText("Enter a start: a place name or lat,lon.")).toBeInTheDocument();
    expect(screen.getByText(/Pick the destination from the suggestions/)).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Start" })).toHaveFocus();
    expect(screen.getByRole("combobox", { name: "Start" })).toHaveAttribute("aria-invalid", "true");
  });

  it("validates the ride limit while typing", async () => {
    const { user } = renderForm();
    const limit = screen.getByLabelText("Ride limit (minutes)");
    await user.clear(limit);
    await user.type(limit, "300");
    expect(screen.getByText("The ride limit must be between 1 and 240 minutes.")).toBeInTheDocument();
    expect(limit).toHaveAttribute("aria-invalid", "true");
    expect(limit).toHaveAccessibleDescription("The ride limit must be between 1 and 240 minutes.");
  });

  it("validates the margin against the limit", async () => {
    const { user, onSubmit } = renderForm({ initial: { ...EMPTY, ...PLACES } });
    const margin = screen.getByLabelText("Safety margin (minutes)");
    await user.clear(margin);
    await user.type(margin, "30");
    expect(screen.getByText(/must be less than the ride limit: at most 29.5 min for a 30 min limit/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Plan trip" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(margin).toHaveFocus();

    await user.clear(margin);
    await user.type(margin, "-1");
    expect(screen.getByText("The safety margin cannot be negative.")).toBeInTheDocument();
  });

  it("sets the limit from a preset", async () => {
    const { user } = renderForm();
    const preset = screen.getByRole("button", { name: "45 min" });
    expect(screen.getByRole("button", { name: "30 min" })).toHaveAttribute("aria-pressed", "true");
    await user.click(preset);
    expect(screen.getByLabelText("Ride limit (minutes)")).toHaveValue(45);
    expect(preset).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByRole("button", { name: "30 min" })).toHaveAttribute("aria-pressed", "false");
    expect(screen.getAllByRole("button", { name: /^\d+ min$/ }).map((button) => button.textContent)).toEqual([
      "20 min",
      "30 min",
      "45 min",
      "60 min",
    ]);
  });

  it("shows progress while planning", () => {
    renderForm({ planning: true });
    const button = screen.getByRole("button", { name: "Planning…" });
    expect(button).toBeDisabled();
  });

  it("swaps start and destination", async () => {
    const { user } = renderForm();
    await user.type(screen.getByRole("combobox", { name: "Start" }), "1.3,103.8");
    await user.type(screen.getByRole("combobox", { name: "Destination" }), "north");
    await user.click(screen.getByRole("button", { name: "Swap start and destination" }));
    expect(screen.getByRole("combobox", { name: "Start" })).toHaveValue("north");
    expect(screen.getByRole("combobox", { name: "Destination" })).toHaveValue("1.3,103.8");
  });

  it("fills the start from the device location", async () => {
    setGeolocation({
      getCurrentPosition: (success: PositionCallback) =>
        success({ coords: { latitude: 1.3521, longitude: 103.8198 } } as GeolocationPosition),
    });
    const { user, onSubmit } = renderForm();
    const start = screen.getByRole("combobox", { name: "Start" });
    await user.click(screen.getByRole("button", { name: "Use my location" }));
    expect(start).toHaveValue("My location");
    await user.type(screen.getByRole("combobox", { name: "Destination" }), "1.3112,103.7962");
    await user.click(screen.getByRole("button", { name: "Plan trip" }));
    // "My location" would name the recipient's position in a shared plan, so the plan gets the coordinates.
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ from: { name: "1.35210, 103.81980", lat: 1.3521, lon: 103.8198 } }),
    );
    expect(start).toHaveValue("1.35210, 103.81980");
  });

  it("explains a denied location", async () => {
    setGeolocation({
      getCurrentPosition: (_success: PositionCallback, failure: PositionErrorCallback) =>
        failure({ code: 1, PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3, message: "denied" } as GeolocationPositionError),
    });
    const { user } = renderForm();
    await user.click(screen.getByRole("button", { name: "Use my location" }));
    const expected = window.isSecureContext ? /^Location access was denied\./ : /only with secure \(https\) pages/;
    expect(screen.getByText(expected)).toHaveAttribute("role", "status");
    expect(screen.getByRole("combobox", { name: "Start" })).toHaveValue("");
  });

  it("explains a missing geolocation API", async () => {
    // jsdom has no geolocation API, like some embedded browsers.
    expect("geolocation" in window.navigator).toBe(false);
    const { user } = renderForm();
    await user.click(screen.getByRole("button", { name: "Use my location" }));
    expect(screen.getByText("This browser cannot share its location. Type the start as a place name or lat,lon.")).toBeInTheDocument();
  });

  it("names out-of-range coordinates", async () => {
    const { user, onSubmit, onInvalidSubmit } = renderForm();
    const start = screen.getByRole("combobox", { name: "Start" });
    await user.type(start, "91,200");
    const message = "Latitude 91 is out of range: use -90 to 90. Longitude 200 is out of range: use -180 to 180.";
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(start).toHaveAttribute("aria-invalid", "true");

    await user.type(screen.getByRole("combobox", { name: "Destination" }), "1.3112,103.7962");
    await user.click(screen.getByRole("button", { name: "Plan trip" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(onInvalidSubmit).toHaveBeenCalledTimes(1);
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(screen.queryByText(/Pick the start from the suggestions/)).not.toBeInTheDocument();
    expect(start).toHaveFocus();
  });

  it("suggests the order of swapped coordinates", async () => {
    const { user } = renderForm();
    await user.type(screen.getByRole("combobox", { name: "Destination" }), "103.7962,1.3112");
    expect(
      screen.getByText("Latitude 103.7962 is out of range: use -90 to 90. Type the latitude first: 1.3112,103.7962."),
    ).toBeInTheDocument();
  });

  it("shows the search API's error on submit", async () => {
    const message = "search query is too long (240 bytes): shorten it to at most 200 bytes";
    const failing: SearchClient = { search: vi.fn(async () => ({ status: "error" as const, message })), cancel: vi.fn() };
    const { user, onSubmit } = renderForm({ clients: { from: failing, to: tableSearchClient({}).client } });
    await user.type(screen.getByRole("combobox", { name: "Start" }), "a very long name");
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 50));
    });
    await user.click(screen.getByRole("button", { name: "Plan trip" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(
      screen.getByText(`The start search failed: ${message}. You can also type the start as lat,lon.`),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Pick the start from the suggestions/)).not.toBeInTheDocument();
  });

  it("clears a place error when the text changes", async () => {
    const { user } = renderForm();
    const start = screen.getByRole("combobox", { name: "Start" });
    await user.click(screen.getByRole("button", { name: "Plan trip" }));
    expect(screen.getByText("Enter a start: a place name or lat,lon.")).toBeInTheDocument();
    await user.type(start, "toa");
    expect(screen.queryByText("Enter a start: a place name or lat,lon.")).not.toBeInTheDocument();
    expect(start).not.toHaveAttribute("aria-invalid");
  });

  it("reports an invalid ride limit submit", async () => {
    const { user, onSubmit, onInvalidSubmit } = renderForm({ initial: { ...EMPTY, ...PLACES, limit: "0" } });
    await user.click(screen.getByRole("button", { name: "Plan trip" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(onInvalidSubmit).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText("Ride limit (minutes)")).toHaveFocus();
  });

  it("does not report a valid submit as invalid", async () => {
    const { user, onSubmit, onInvalidSubmit } = renderForm({ initial: { ...EMPTY, ...PLACES } });
    await user.click(screen.getByRole("button", { name: "Plan trip" }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onInvalidSubmit).not.toHaveBeenCalled();
  });
});
