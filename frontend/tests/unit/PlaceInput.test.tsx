import { act, fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { PlaceInput, SEARCH_DEBOUNCE_MS } from "@/components/PlaceInput";
import type { SearchClient } from "@/lib/api";
import type { Place } from "@/lib/types";

import { suggestion, tableSearchClient } from "./fakes";

const TABLE = {
  "toa payoh": [
    suggestion("Toa Payoh MRT Station", 1.3327, 103.8474, "station", "Toa Payoh MRT Station (NS19)"),
    suggestion("Toa Payoh Central", 1.3343, 103.8497, "street"),
    suggestion("Toa Payoh Bus Interchange", 1.3326, 103.8475, "amenity"),
  ],
  "toa payoh racks": [
    suggestion("Toa Payoh MRT Exit A", 1.3326, 103.8473, "parking", "Toa Payoh MRT Exit A (MRT_RACKS lta-31ab286699cdaa0e)"),
  ],
  // Two OSM ways of one road about 55 m apart, and a road of the same name 5 km away.
  "woodlands road": [
    suggestion("Woodlands Road", 1.3905, 103.7581, "street"),
    suggestion("Woodlands Road", 1.3910, 103.7582, "street"),
    suggestion("Woodlands Road", 1.4355, 103.7581, "street"),
  ],
};

function Harness({
  client,
  onPlace,
  onSearchError,
  error,
}: {
  client: SearchClient;
  onPlace: (place: Place | null) => void;
  onSearchError?: (query: string, message: string) => void;
  error?: string;
}) {
  const [text, setText] = useState("");
  return (
    <form onSubmit={(event) => event.preventDefault()}>
      <PlaceInput
        id="start"
        label="Start"
        text={text}
        onChange={(value, place) => {
          setText(value);
          onPlace(place);
        }}
        onSearchError={onSearchError}
        error={error}
        searchClient={client}
      />
      <button type="button">Next control</button>
    </form>
  );
}

describe("PlaceInput", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup() {
    const { client, search, cancel } = tableSearchClient(TABLE);
    const onPlace = vi.fn();
    const user = userEvent.setup();
    render(<Harness client={client} onPlace={onPlace} />);
    return { user, search, cancel, onPlace, input: screen.getByRole("combobox", { name: "Start" }) };
  }

  // Types the text, then waits for the debounced search to finish (with real timers).
  async function typeAndWait(user: ReturnType<typeof userEvent.setup>, input: HTMLElement, text: string) {
    await user.type(input, text);
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 50));
    });
  }

  it("debounces typing into one search", async () => {
    // fireEvent with fake timers: user-event and Testing Library's async helpers wait on real timers.
    vi.useFakeTimers();
    const { client, search } = tableSearchClient(TABLE);
    render(<Harness client={client} onPlace={vi.fn()} />);
    const input = screen.getByRole("combobox", { name: "Start" });
    for (const text of ["t", "to", "toa", "toa p", "toa payoh"]) {
      fireEvent.change(input, { target: { value: text } });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(100);
      });
    }
    expect(search).not.toHaveBeenCalled();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 100 - 1);
    });
    expect(search).not.toHaveBeenCalled();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1);
    });
    expect(search).toHaveBeenCalledTimes(1);
    expect(search).toHaveBeenCalledWith("toa payoh");
  });

  it("shows suggestions in a listbox", async () => {
    const { user, input } = setup();
    await typeAndWait(user, input, "toa payoh");
    expect(input).toHaveAttribute("aria-expanded", "true");
    const options = screen.getAllByRole("option");
    expect(options.map((option) => option.textContent)).toEqual([
      "Toa Payoh MRT StationMRT station · NS19",
      "Toa Payoh CentralStreet",
      "Toa Payoh Bus InterchangeAmenity",
    ]);
    expect(screen.getByRole("listbox")).toHaveAttribute("id", input.getAttribute("aria-controls"));
  });

  it("describes parking without its id", async () => {
    const { user, input } = setup();
    await typeAndWait(user, input, "toa payoh racks");
    const option = screen.getByRole("option");
    expect(option.querySelector(".suggestion__name")).toHaveTextContent("Toa Payoh MRT Exit A");
    expect(option.querySelector(".suggestion__detail")).toHaveTextContent("Bicycle parking · MRT racks");
    expect(option).not.toHaveTextContent(/lta-/);
    expect(option).not.toHaveTextContent(/MRT_RACKS/);
  });

  it("moves through suggestions with the arrow keys", async () => {
    const { user, input } = setup();
    await typeAndWait(user, input, "toa payoh");

    await user.keyboard("{ArrowDown}");
    expect(input).toHaveAttribute("aria-activedescendant", "start-option-0");
    expect(screen.getAllByRole("option")[0]).toHaveAttribute("aria-selected", "true");

    await user.keyboard("{ArrowDown}{ArrowDown}{ArrowDown}");
    expect(input).toHaveAttribute("aria-activedescendant", "start-option-0");

    await user.keyboard("{ArrowUp}");
    expect(input).toHaveAttribute("aria-activedescendant", "start-option-2");
  });

  it("picks the highlighted suggestion with Enter", async () => {
    const { user, input, onPlace } = setup();
    await typeAndWait(user, input, "toa payoh");
    await user.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(input).toHaveValue("Toa Payoh Central");
    expect(onPlace).toHaveBeenLastCalledWith({ name: "Toa Payoh Central", lat: 1.3343, lon: 103.8497 });
    expect(input).toHaveAttribute("aria-expanded", "false");
  });

  it("picks a suggestion by click", async () => {
    const { user, input, onPlace } = setup();
    await typeAndWait(user, input, "toa payoh");
    await user.click(screen.getByRole("option", { name: /Bus Interchange/ }));
    expect(input).toHaveValue("Toa Payoh Bus Interchange");
    expect(onPlace).toHaveBeenLastCalledWith({ name: "Toa Payoh Bus Interchange", lat: 1.3326, lon: 103.8475 });
  });

  it("closes the list with Escape", async () => {
    const { user, input } = setup();
    await typeAndWait(user, input, "toa payoh");
    await user.keyboard("{Escape}");
    expect(input).toHaveAttribute("aria-expanded", "false");
    expect(input).not.toHaveAttribute("aria-activedescendant");
    expect(input).toHaveValue("toa payoh");
  });

  it("takes lat,lon text without searching", async () => {
    const { user, input, search, onPlace } = setup();
    await typeAndWait(user, input, "1.3328,103.8471");
    expect(search).not.toHaveBeenCalled();
    expect(onPlace).toHaveBeenLastCalledWith({ name: "1.332800,103.847100", lat: 1.3328, lon: 103.8471 });
  });

  it("says when nothing matches", async () => {
    const { user, input } = setup();
    await typeAndWait(user, input, "zzz");
    expect(screen.getByText(/No places match “zzz”/)).toBeInTheDocument();
    expect(input).toHaveAttribute("aria-expanded", "false");
  });

  it("shows a search error inline", async () => {
    const client: SearchClient = {
      search: vi.fn(async () => ({ status: "error" as const, message: "The PitStop server is not available right now (HTTP 502): try again in a minute." })),
      cancel: vi.fn(),
    };
    const user = userEvent.setup();
    render(<Harness client={client} onPlace={vi.fn()} />);
    await typeAndWait(user, screen.getByRole("combobox"), "bishan");
    expect(screen.getByText(/Search failed: The PitStop server is not available/)).toBeInTheDocument();
  });

  it("never searches invalid coordinates", async () => {
    const { user, input, search, onPlace } = setup();
    await typeAndWait(user, input, "91,200");
    expect(search).not.toHaveBeenCalled();
    expect(onPlace).toHaveBeenLastCalledWith(null);
    expect(input).toHaveAttribute("aria-expanded", "false");
  });

  it("passes a search error to the form", async () => {
    const message = "search query has too many words (13): use at most 12 words";
    const client: SearchClient = { search: vi.fn(async () => ({ status: "error" as const, message })), cancel: vi.fn() };
    const onSearchError = vi.fn();
    const user = userEvent.setup();
    render(<Harness client={client} onPlace={vi.fn()} onSearchError={onSearchError} />);
    await typeAndWait(user, screen.getByRole("combobox"), " bishan ");
    expect(onSearchError).toHaveBeenCalledWith("bishan", message);
  });

  it("leaves a repeated search error to the field error", async () => {
    const client: SearchClient = {
      search: vi.fn(async () => ({ status: "error" as const, message: "Search index is loading" })),
      cancel: vi.fn(),
    };
    const user = userEvent.setup();
    const fieldError = "The start search failed: Search index is loading. You can also type the start as lat,lon.";
    render(<Harness client={client} onPlace={vi.fn()} error={fieldError} />);
    await typeAndWait(user, screen.getByRole("combobox"), "bishan");
    expect(screen.getByText(fieldError)).toBeInTheDocument();
    expect(screen.queryByText(/^Search failed:/)).not.toBeInTheDocument();
  });

  it("drops a repeated place of the same name", async () => {
    const { user, input } = setup();
    await typeAndWait(user, input, "woodlands road");
    const options = screen.getAllByRole("option");
    expect(options).toHaveLength(2);
    await user.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(input).toHaveValue("Woodlands Road");
  });

  it("keeps the picked duplicate's first coordinates", async () => {
    const { user, input, onPlace } = setup();
    await typeAndWait(user, input, "woodlands road");
    await user.keyboard("{ArrowDown}{Enter}");
    expect(onPlace).toHaveBeenLastCalledWith({ name: "Woodlands Road", lat: 1.3905, lon: 103.7581 });
  });

  it("counts one suggestion in the singular", async () => {
    const { user, input } = setup();
    await typeAndWait(user, input, "toa payoh racks");
    const status = document.getElementById("start-status");
    expect(status).toHaveTextContent(/^1 suggestion\. Press Enter to pick it/);
    expect(status).not.toHaveTextContent("suggestions");
  });

  it("counts several suggestions in the plural", async () => {
    const { user, input } = setup();
    await typeAndWait(user, input, "toa payoh");
    expect(document.getElementById("start-status")).toHaveTextContent(/^3 suggestions\. Use the up and down arrow keys/);
  });

  it("picks the only suggestion with Enter", async () => {
    const { user, input, onPlace } = setup();
    await typeAndWait(user, input, "toa payoh racks");
    expect(input).not.toHaveAttribute("aria-activedescendant");
    await user.keyboard("{Enter}");
    expect(input).toHaveValue("Toa Payoh MRT Exit A");
    expect(onPlace).toHaveBeenLastCalledWith({ name: "Toa Payoh MRT Exit A", lat: 1.3326, lon: 103.8473 });
    expect(input).toHaveAttribute("aria-expanded", "false");
  });

  it("leaves Enter alone among several unhighlighted suggestions", async () => {
    const { user, input, onPlace } = setup();
    await typeAndWait(user, input, "toa payoh");
    onPlace.mockClear();
    await user.keyboard("{Enter}");
    expect(input).toHaveValue("toa payoh");
    expect(onPlace).not.toHaveBeenCalled();
  });

  it("closes the list on Tab and moves focus on", async () => {
    const { user, input, onPlace } = setup();
    await typeAndWait(user, input, "toa payoh");
    await user.keyboard("{ArrowDown}");
    onPlace.mockClear();
    await user.tab();
    expect(input).toHaveAttribute("aria-expanded", "false");
    expect(screen.getByRole("button", { name: "Next control" })).toHaveFocus();
    expect(input).toHaveValue("toa payoh");
    expect(onPlace).not.toHaveBeenCalled();
  });

  it("keeps the list out of the Tab order", async () => {
    const { user, input } = setup();
    await typeAndWait(user, input, "toa payoh");
    expect(screen.getByRole("listbox")).toHaveAttribute("tabindex", "-1");
  });
});
