import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { HELP_SEEN_KEY } from "@/components/HelpDialog";
import { PitStopApp } from "@/components/PitStopApp";
import type { FetchFunction } from "@/lib/api";

import type { TripMapProps } from "@/components/TripMap";

import { SAMPLE_PLAN, SAMPLE_RESPONSE, tableSearchClient } from "./fakes";

// Leaflet needs a real layout engine; the map has its own end-to-end checks. The fake map shows what it
// received and offers a button per grey route line, which stands for clicking that line.
vi.mock("@/components/TripMap", () => ({
  TripMap: ({ routes, chosenRoute, onChooseRoute }: TripMapProps) => (
    <div
      data-testid="map"
      data-has-plan={routes.length > 0 ? "true" : "false"}
      data-route-count={routes.length}
      data-chosen-route={chosenRoute}
    >
      {routes.map((route, index) =>
        index === chosenRoute ? null : (
          <button key={index} type="button" onClick={() => onChooseRoute?.(index)}>
            Map line of {route.label}
          </button>
        ),
      )}
    </div>
  ),
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

    const alert = await screen.findByRole("alert");
    await waitFor(() =>
      expect(alert.querySelector(".alert__summary")).toHaveTextContent(
        "The destination is outside the area PitStop covers (Singapore). Choose a place in Singapore.",
      ),
    );
    expect(alert.querySelector(".alert__summary")).not.toHaveTextContent("parameter");
    const details = within(alert).getByText("Technical details").closest("details");
    expect(details).not.toHaveAttribute("open");
    expect(details).toHaveTextContent(`HTTP 400, outside_coverage (to): ${message}`);
    expect(screen.getByRole("button", { name: "Plan trip" })).toBeEnabled();
  });

  it("shows a client failure without details", async () => {
    const fetchImpl: FetchFunction = async () => {
      throw new TypeError("Failed to fetch");
    };
    const { user } = renderApp(fetchImpl);
    await user.type(screen.getByRole("combobox", { name: "Start" }), "1.332867,103.847143");
    await user.type(screen.getByRole("combobox", { name: "Destination" }), "1.311201,103.796228");
    await user.click(screen.getByRole("button", { name: "Plan trip" }));

    const alert = await screen.findByRole("alert");
    await waitFor(() => expect(alert).toHaveTextContent("Could not reach the PitStop server: check the connection and try again."));
    expect(within(alert).queryByText("Technical details")).not.toBeInTheDocument();
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
    expect(within(dialog).getByText(/map covers Singapore only/)).toBeInTheDocument();
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
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it("keeps an invalid limit out of the URL", async () => {
    window.history.replaceState(null, "", `/${SHARED_QUERY}`);
    const { user } = renderApp(async () => jsonResponse(SAMPLE_PLAN));
    await screen.findByRole("list", { name: "Rides" });

    const limit = screen.getByLabelText("Ride limit (minutes)");
    await user.clear(limit);
    await user.type(limit, "0");
    await user.click(screen.getByRole("button", { name: "Plan trip" }));

    const params = new URLSearchParams(window.location.search);
    expect(params.has("limit")).toBe(false);
    expect(params.get("margin")).toBe("2");
    expect(params.get("fromName")).toBe("Toa Payoh MRT");
    expect(params.get("toName")).toBe("Holland Village MRT");
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
    const params = new URLSearchParams(window.location.search);
    expect(params.has("margin")).toBe(false);
    expect(params.get("limit")).toBe("15");
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
    expect(screen.getByRole("alert")).toHaveTextContent(/The destination is outside the area PitStop covers/);

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

  describe("route choice", () => {
    it("offers the alternatives of a plan", async () => {
      window.history.replaceState(null, "", `/${SHARED_QUERY}`);
      const fetchImpl = vi.fn<FetchFunction>(async () => jsonResponse(SAMPLE_RESPONSE));
      renderApp(fetchImpl);

      const tabs = await screen.findAllByRole("tab");
      expect(tabs.map((tab) => tab.textContent)).toEqual([
        expect.stringMatching(/^Fastest route/),
        expect.stringMatching(/^Alternative 1/),
      ]);
      expect(tabs[0]).toHaveAttribute("aria-selected", "true");
      expect(new URL(fetchImpl.mock.calls[0][0], "http://localhost").searchParams.get("alternatives")).toBe("2");
      expect(screen.getByTestId("map")).toHaveAttribute("data-route-count", "2");
      expect(screen.getByTestId("map")).toHaveAttribute("data-chosen-route", "0");
    });

    it("chooses an alternative from the list", async () => {
      window.history.replaceState(null, "", `/${SHARED_QUERY}`);
      const { user } = renderApp(async () => jsonResponse(SAMPLE_RESPONSE));
      const rides = await screen.findByRole("list", { name: "Rides" });
      expect(rides.children).toHaveLength(2);
      const historyLength = window.history.length;

      await user.click(screen.getByRole("tab", { name: /Alternative 1/ }));
      expect(screen.getByRole("tab", { name: /Alternative 1/ })).toHaveAttribute("aria-selected", "true");
      expect(screen.getByRole("list", { name: "Rides" }).children).toHaveLength(3);
      expect(screen.getByRole("link", { name: "Download GPX of alternative 1" })).toBeInTheDocument();
      expect(screen.getByTestId("map")).toHaveAttribute("data-chosen-route", "1");
      expect(new URLSearchParams(window.location.search).get("alt")).toBe("1");
      expect(new URLSearchParams(window.location.search).get("toName")).toBe("Holland Village MRT");
      expect(window.history.length).toBe(historyLength);

      await user.click(screen.getByRole("tab", { name: /Fastest route/ }));
      expect(screen.getByRole("list", { name: "Rides" }).children).toHaveLength(2);
      expect(new URLSearchParams(window.location.search).has("alt")).toBe(false);
    });

    it("chooses an alternative on the map", async () => {
      window.history.replaceState(null, "", `/${SHARED_QUERY}`);
      const { user } = renderApp(async () => jsonResponse(SAMPLE_RESPONSE));
      await user.click(await screen.findByRole("button", { name: "Map line of Alternative 1" }));

      expect(screen.getByRole("tab", { name: /Alternative 1/ })).toHaveAttribute("aria-selected", "true");
      expect(screen.getByRole("button", { name: "Map line of Fastest route" })).toBeInTheDocument();
      expect(new URLSearchParams(window.location.search).get("alt")).toBe("1");
    });

    it("restores the alternative from the URL", async () => {
      window.history.replaceState(null, "", `/${SHARED_QUERY}&alt=1`);
      renderApp(async () => jsonResponse(SAMPLE_RESPONSE));

      expect(await screen.findByRole("tab", { name: /Alternative 1/ })).toHaveAttribute("aria-selected", "true");
      expect(screen.getByRole("list", { name: "Rides" }).children).toHaveLength(3);
      expect(screen.queryByText(/The link chose alternative/)).not.toBeInTheDocument();
      expect(new URLSearchParams(window.location.search).get("alt")).toBe("1");
    });

    it("falls back when the linked alternative is gone", async () => {
      window.history.replaceState(null, "", `/${SHARED_QUERY}&alt=2`);
      const { user } = renderApp(async () => jsonResponse(SAMPLE_RESPONSE));

      expect(await screen.findByRole("tab", { name: /Fastest route/ })).toHaveAttribute("aria-selected", "true");
      expect(
        screen.getByText("The link chose alternative 2, which this trip no longer has, so the fastest route is shown."),
      ).toBeInTheDocument();
      expect(new URLSearchParams(window.location.search).has("alt")).toBe(false);
      expect(new URLSearchParams(window.location.search).get("limit")).toBe("15");

      await user.click(screen.getByRole("tab", { name: /Alternative 1/ }));
      expect(screen.queryByText(/The link chose alternative/)).not.toBeInTheDocument();
    });

    it("starts a new trip on the fastest route", async () => {
      window.history.replaceState(null, "", `/${SHARED_QUERY}&alt=1`);
      const fetchImpl = vi.fn<FetchFunction>(async () => jsonResponse(SAMPLE_RESPONSE));
      const { user } = renderApp(fetchImpl);
      await screen.findByRole("tab", { name: /Alternative 1/ });

      await user.click(screen.getByRole("button", { name: "20 min" }));
      await user.click(screen.getByRole("button", { name: "Plan trip" }));

      await waitFor(() => expect(fetchImpl).toHaveBeenCalledTimes(2));
      await waitFor(() => expect(screen.getByRole("tab", { name: /Fastest route/ })).toHaveAttribute("aria-selected", "true"));
      const params = new URLSearchParams(window.location.search);
      expect(params.get("limit")).toBe("20");
      expect(params.has("alt")).toBe(false);
    });
  });

  describe("route choice in links", () => {
    it.each([
      ["7", "The link chose alternative 7, but PitStop offers at most 2 alternative routes, so the fastest route is shown."],
      ["abc", "The link chose a route that does not exist, so the fastest route is shown."],
      ["0", "The link chose a route that does not exist, so the fastest route is shown."],
    ])("corrects alt=%s", async (alt, note) => {
      window.history.replaceState(null, "", `/${SHARED_QUERY}&alt=${alt}`);
      renderApp(async () => jsonResponse(SAMPLE_RESPONSE));

      expect(await screen.findByRole("tab", { name: /Fastest route/ })).toHaveAttribute("aria-selected", "true");
      expect(screen.getByText(note)).toBeInTheDocument();
      const params = new URLSearchParams(window.location.search);
      expect(params.has("alt")).toBe(false);
      expect(params.get("toName")).toBe("Holland Village MRT");
    });
  });

  describe("plan out of date", () => {
    const NOTE = "The form has changed: press Plan trip to update the plan.";

    async function renderSharedPlan() {
      window.history.replaceState(null, "", `/${SHARED_QUERY}`);
      const fetchImpl = vi.fn<FetchFunction>(async () => jsonResponse(SAMPLE_RESPONSE));
      const { user } = renderApp(fetchImpl);
      const rides = await screen.findByRole("list", { name: "Rides" });
      return { user, fetchImpl, rides };
    }

    function planWrapper(): HTMLElement {
      return screen.getByRole("list", { name: "Rides" }).closest(".plan-wrapper") as HTMLElement;
    }

    it("is current after a plan loads", async () => {
      await renderSharedPlan();
      expect(screen.queryByText(NOTE)).not.toBeInTheDocument();
      expect(planWrapper()).not.toHaveClass("plan-wrapper--stale");
    });

    it("marks the plan after a limit edit", async () => {
      const { user } = await renderSharedPlan();
      await user.click(screen.getByRole("button", { name: "20 min" }));
      expect(screen.getByText(NOTE)).toBeInTheDocument();
      expect(planWrapper()).toHaveClass("plan-wrapper--stale");
      expect(screen.getByRole("region", { name: "Map" })).toHaveClass("layout__map--stale");
    });

    it("clears the mark when the edit is undone", async () => {
      const { user } = await renderSharedPlan();
      const limit = screen.getByLabelText("Ride limit (minutes)");
      await user.clear(limit);
      await user.type(limit, "16");
      expect(screen.getByText(NOTE)).toBeInTheDocument();
      await user.clear(limit);
      await user.type(limit, "15");
      expect(screen.queryByText(NOTE)).not.toBeInTheDocument();
    });

    it("marks the plan after a margin edit", async () => {
      const { user } = await renderSharedPlan();
      const margin = screen.getByLabelText("Safety margin (minutes)");
      await user.clear(margin);
      await user.type(margin, "3");
      expect(screen.getByText(NOTE)).toBeInTheDocument();
    });

    it("marks the plan after a start edit", async () => {
      const { user } = await renderSharedPlan();
      await user.type(screen.getByRole("combobox", { name: "Start" }), " Exit B");
      expect(screen.getByText(NOTE)).toBeInTheDocument();
      expect(planWrapper()).toHaveClass("plan-wrapper--stale");
    });

    it("marks the plan after a destination edit", async () => {
      const { user } = await renderSharedPlan();
      const destination = screen.getByRole("combobox", { name: "Destination" });
      await user.clear(destination);
      await user.type(destination, "1.3,103.8");
      expect(screen.getByText(NOTE)).toBeInTheDocument();
    });

    it("marks the plan after a swap", async () => {
      const { user } = await renderSharedPlan();
      await user.click(screen.getByRole("button", { name: "Swap start and destination" }));
      expect(screen.getByText(NOTE)).toBeInTheDocument();
    });

    it("clears the mark when the new plan arrives", async () => {
      const { user, fetchImpl } = await renderSharedPlan();
      await user.click(screen.getByRole("button", { name: "Swap start and destination" }));
      await user.click(screen.getByRole("button", { name: "Plan trip" }));
      await waitFor(() => expect(fetchImpl).toHaveBeenCalledTimes(2));
      expect(await screen.findByRole("heading", { name: "Holland Village MRT → Toa Payoh MRT" })).toBeInTheDocument();
      expect(screen.queryByText(NOTE)).not.toBeInTheDocument();
      expect(planWrapper()).not.toHaveClass("plan-wrapper--stale");
    });

    it("keeps the mark while the new plan loads", async () => {
      const { user, fetchImpl } = await renderSharedPlan();
      let respond: (response: Response) => void = () => {};
      fetchImpl.mockImplementationOnce(() => new Promise((resolve) => (respond = resolve)));
      await user.click(screen.getByRole("button", { name: "20 min" }));
      await user.click(screen.getByRole("button", { name: "Plan trip" }));
      await screen.findByRole("button", { name: "Planning…" });
      expect(screen.getByText(NOTE)).toBeInTheDocument();

      respond(jsonResponse({ ...SAMPLE_RESPONSE, ride_limit_s: 1200 }));
      await screen.findByRole("button", { name: "Plan trip" });
      expect(screen.queryByText(NOTE)).not.toBeInTheDocument();
    });
  });

  describe("scroll after planning", () => {
    let scrollIntoView: ReturnType<typeof vi.fn>;

    function mockViewport(oneColumn: boolean) {
      Object.defineProperty(window, "matchMedia", {
        configurable: true,
        value: (query: string) => ({ matches: query === "(max-width: 899px)" ? oneColumn : false, media: query }),
      });
    }

    beforeEach(() => {
      scrollIntoView = vi.fn();
      Object.defineProperty(HTMLElement.prototype, "scrollIntoView", { configurable: true, value: scrollIntoView });
    });

    afterEach(() => {
      Reflect.deleteProperty(window, "matchMedia");
      Reflect.deleteProperty(HTMLElement.prototype, "scrollIntoView");
    });

    async function submitTrip() {
      const { user } = renderApp(async () => jsonResponse(SAMPLE_PLAN));
      await user.type(screen.getByRole("combobox", { name: "Start" }), "1.332867,103.847143");
      await user.type(screen.getByRole("combobox", { name: "Destination" }), "1.311201,103.796228");
      await user.click(screen.getByRole("button", { name: "Plan trip" }));
      await screen.findByRole("list", { name: "Rides" });
    }

    it("scrolls the map into view on a phone", async () => {
      mockViewport(true);
      await submitTrip();
      await waitFor(() => expect(scrollIntoView).toHaveBeenCalledTimes(1));
      expect(scrollIntoView.mock.contexts[0]).toBe(screen.getByRole("region", { name: "Map" }));
      expect(scrollIntoView).toHaveBeenCalledWith({ block: "start", behavior: "smooth" });
    });

    it("leaves the two-column page where it is", async () => {
      mockViewport(false);
      await submitTrip();
      expect(scrollIntoView).not.toHaveBeenCalled();
    });

    it("does not scroll for a shared link", async () => {
      mockViewport(true);
      window.history.replaceState(null, "", `/${SHARED_QUERY}`);
      renderApp(async () => jsonResponse(SAMPLE_PLAN));
      await screen.findByRole("list", { name: "Rides" });
      expect(scrollIntoView).not.toHaveBeenCalled();
    });
  });
});
