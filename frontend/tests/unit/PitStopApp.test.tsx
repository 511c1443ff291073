import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { HELP_SEEN_KEY } from "@/components/HelpDialog";
import { PitStopApp } from "@/components/PitStopApp";
import type { FetchFunction } from "@/lib/api";

import { SAMPLE_PLAN, tableSearchClient } from "./fakes";

// Leaflet needs a real layout engine; the map has its own end-to-end checks.
vi.mock("@/components/TripMap", () => ({
  TripMap: ({ plan }: { plan: unknown }) => <div data-testid="map" data-has-plan={plan ? "true" : "false"} />,
}));

const SHARED_QUERY =
  "?from=1.332867%2C103.847143&fromName=Toa+Payoh+MRT&to=1.311201%2C103.796228&toName=Holland+Village+MRT&limit=15&margin=2";

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function renderApp(fetchImpl: FetchFunction) {
  const clients = { from: tableSearchClient({}).client, to: tableSearchClient({}).client };
  const user = userEvent.setup();
  render(<PitStopApp fetchImpl={fetchImpl} searchClients={clients} />);
  return { user };
}

describe("PitStopApp", () => {
  beforeEach(() => {
    window.localStorage.setItem(HELP_SEEN_KEY, "1");
    window.history.replaceState(null, "", "/");
  });

  afterEach(() => {
    window.history.replaceState(null, "", "/");
  });

  it("plans a shared URL on load", async () => {
    window.history.replaceState(null, "", `/${SHARED_QUERY}`);
    const fetchImpl = vi.fn<FetchFunction>(async () => jsonResponse(SAMPLE_PLAN));
    renderApp(fetchImpl);

    expect(await screen.findByRole("heading", { name: "Toa Payoh MRT → Holland Village MRT" })).toBeInTheDocument();
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    const url = new URL(fetchImpl.mock.calls[0][0], "http://localhost");
    expect(url.pathname).toBe("/api/v2/plan");
    expect(url.searchParams.get("from")).toBe("1.332867,103.847143");
    expect(url.searchParams.get("rideLimitMin")).toBe("15");
    expect(url.searchParams.get("marginMin")).toBe("2");
    expect(url.searchParams.get("fromName")).toBe("Toa Payoh MRT");
    expect(url.searchParams.get("toName")).toBe("Holland Village MRT");

    expect(screen.getByRole("combobox", { name: "Start" })).toHaveValue("Toa Payoh MRT");
    expect(screen.getByRole("combobox", { name: "Destination" })).toHaveValue("Holland Village MRT");
    expect(screen.getByLabelText("Ride limit (minutes)")).toHaveValue(15);
    expect(screen.getByTestId("map")).toHaveAttribute("data-has-plan", "true");
  });

  it("puts a submitted trip in the URL", async () => {
    const fetchImpl = vi.fn<FetchFunction>(async () => jsonResponse(SAMPLE_PLAN));
    const { user } = renderApp(fetchImpl);
    await user.type(screen.getByRole("combobox", { name: "Start" }), "1.332867,103.847143");
    await user.type(screen.getByRole("combobox", { name: "Destination" }), "1.311201,103.796228");
    await user.click(screen.getByRole("button", { name: "20 min" }));
    await user.click(screen.getByRole("button", { name: "Plan trip" }));

    await screen.findByRole("list", { name: "Rides" });
    const params = new URLSearchParams(window.location.search);
    expect(params.get("from")).toBe("1.332867,103.847143");
    expect(params.get("fromName")).toBe("1.332867,103.847143");
    expect(params.get("to")).toBe("1.311201,103.796228");
    expect(params.get("limit")).toBe("20");
    expect(params.get("margin")).toBe("2");
  });

  it("shows the API's error message in an alert", async () => {
    const message = "parameter 'to' = 1.220000,103.900000 is outside the map data's area: choose a point inside it";
    const fetchImpl: FetchFunction = async () =>
      jsonResponse({ error: { code: "outside_coverage", message, parameter: "to" } }, 400);
    const { user } = renderApp(fetchImpl);
    await user.type(screen.getByRole("combobox", { name: "Start" }), "1.332867,103.847143");
    await user.type(screen.getByRole("combobox", { name: "Destination" }), "1.2200,103.9000");
    await user.click(screen.getByRole("button", { name: "Plan trip" }));

    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent(message));
    expect(screen.getByRole("button", { name: "Plan trip" })).toBeEnabled();
  });

  it("disables the submit button while planning", async () => {
    let respond: (response: Response) => void = () => {};
    const fetchImpl: FetchFunction = () => new Promise((resolve) => (respond = resolve));
    window.history.replaceState(null, "", `/${SHARED_QUERY}`);
    renderApp(fetchImpl);

    const button = await screen.findByRole("button", { name: "Planning…" });
    expect(button).toBeDisabled();
    respond(jsonResponse(SAMPLE_PLAN));
    expect(await screen.findByRole("button", { name: "Plan trip" })).toBeEnabled();
  });

  it("opens the help on the first visit only", async () => {
    window.localStorage.removeItem(HELP_SEEN_KEY);
    const { user } = renderApp(async () => jsonResponse(SAMPLE_PLAN));
    const dialog = await screen.findByRole("dialog", { name: "How PitStop works" });
    expect(within(dialog).getByText(/OpenStreetMap contributors/)).toBeInTheDocument();
    expect(within(dialog).getByText(/LTA DataMall/)).toBeInTheDocument();
    expect(within(dialog).getByText(/Singapore Open Data Licence/)).toBeInTheDocument();
    expect(within(dialog).getByRole("link", { name: "Singapore Land Authority" })).toBeInTheDocument();

    await user.click(within(dialog).getByRole("button", { name: "Got it" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(window.localStorage.getItem(HELP_SEEN_KEY)).toBe("1");

    await user.click(screen.getByRole("button", { name: "Help" }));
    expect(await screen.findByRole("dialog", { name: "How PitStop works" })).toBeInTheDocument();
  });

  it("keeps the help closed for a returning visitor", async () => {
    renderApp(async () => jsonResponse(SAMPLE_PLAN));
    await screen.findByRole("heading", { name: "Plan a trip" });
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("clears the plan after an invalid submit", async () => {
    window.history.replaceState(null, "", `/${SHARED_QUERY}`);
    const fetchImpl = vi.fn<FetchFunction>(async () => jsonResponse(SAMPLE_PLAN));
    const { user } = renderApp(fetchImpl);
    await screen.findByRole("list", { name: "Rides" });

    const limit = screen.getByLabelText("Ride limit (minutes)");
    await user.clear(limit);
    await user.type(limit, "0");
    await user.click(screen.getByRole("button", { name: "Plan trip" }));

    expect(screen.getByText("The ride limit must be between 1 and 240 minutes.")).toBeInTheDocument();
    expect(screen.queryByRole("list", { name: "Rides" })).not.toBeInTheDocument();
    expect(screen.getByTestId("map")).toHaveAttribute("data-has-plan", "false");
    expect(screen.getByText(/Choose a start and a destination/)).toBeInTheDocument();
    expect(new URLSearchParams(window.location.search).get("limit")).toBe("0");
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it("clears the plan when the margin equals the limit", async () => {
    window.history.replaceState(null, "", `/${SHARED_QUERY}`);
    const { user } = renderApp(async () => jsonResponse(SAMPLE_PLAN));
    await screen.findByRole("list", { name: "Rides" });

    const margin = screen.getByLabelText("Safety margin (minutes)");
    await user.clear(margin);
    await user.type(margin, "15");
    await user.click(screen.getByRole("button", { name: "Plan trip" }));

    expect(screen.queryByRole("list", { name: "Rides" })).not.toBeInTheDocument();
    expect(new URLSearchParams(window.location.search).get("margin")).toBe("15");
  });

  it("clears the API error on the next submit", async () => {
    const message = "parameter 'to' = 1.220000,103.900000 is outside the map data's area: choose a point inside it";
    const fetchImpl: FetchFunction = async () =>
      jsonResponse({ error: { code: "outside_coverage", message, parameter: "to" } }, 400);
    const { user } = renderApp(fetchImpl);
    const start = screen.getByRole("combobox", { name: "Start" });
    const destination = screen.getByRole("combobox", { name: "Destination" });
    await user.type(start, "1.332867,103.847143");
    await user.type(destination, "1.2200,103.9000");
    await user.click(screen.getByRole("button", { name: "Plan trip" }));
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent(message));

    await user.clear(start);
    await user.clear(destination);
    await user.click(screen.getByRole("button", { name: "Plan trip" }));

    expect(screen.getByText("Enter a start: a place name or lat,lon.")).toBeInTheDocument();
    expect(screen.getByText("Enter a destination: a place name or lat,lon.")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toBeEmptyDOMElement();
  });

  it("shares the device location as coordinates", async () => {
    Object.defineProperty(window.navigator, "geolocation", {
      configurable: true,
      value: {
        getCurrentPosition: (success: PositionCallback) =>
          success({ coords: { latitude: 1.332867, longitude: 103.847143 } } as GeolocationPosition),
      },
    });
    try {
      const fetchImpl = vi.fn<FetchFunction>(async () => jsonResponse(SAMPLE_PLAN));
      const { user } = renderApp(fetchImpl);
      await user.click(screen.getByRole("button", { name: "Use my location" }));
      expect(screen.getByRole("combobox", { name: "Start" })).toHaveValue("My location");
      await user.type(screen.getByRole("combobox", { name: "Destination" }), "1.311201,103.796228");
      await user.click(screen.getByRole("button", { name: "Plan trip" }));

      await screen.findByRole("list", { name: "Rides" });
      expect(new URLSearchParams(window.location.search).get("fromName")).toBe("1.33287, 103.84714");
      const planRequest = new URL(fetchImpl.mock.calls[0][0], "http://localhost");
      expect(planRequest.searchParams.get("fromName")).toBe("1.33287, 103.84714");
      expect(screen.getByRole("heading", { name: /^1\.33287, 103\.84714 →/ })).toBeInTheDocument();
      expect(screen.queryByText("My location")).not.toBeInTheDocument();
    } finally {
      Reflect.deleteProperty(window.navigator, "geolocation");
    }
  });

  it("keeps the help closed for a shared plan", async () => {
    window.localStorage.removeItem(HELP_SEEN_KEY);
    window.history.replaceState(null, "", `/${SHARED_QUERY}`);
    const { user } = renderApp(async () => jsonResponse(SAMPLE_PLAN));
    await screen.findByRole("list", { name: "Rides" });
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Help" }));
    expect(await screen.findByRole("dialog", { name: "How PitStop works" })).toBeInTheDocument();
  });
});
