import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { describeMissingRoute, PlanPanel, type PlannedTrip } from "@/components/PlanPanel";
import { formatRideMinutes } from "@/lib/format";
import { INVALID_ROUTE_CHOICE } from "@/lib/urlState";
import { describeDeviation, formatRackType } from "@/lib/parking";
import { routeOptionsFromResponse } from "@/lib/routes";
import type { Plan, PlanResponse, Ride } from "@/lib/types";

import { SAMPLE_ALTERNATIVE, SAMPLE_PLAN, SAMPLE_RESPONSE } from "./fakes";

const TRIP: PlannedTrip = {
  from: { name: "Toa Payoh MRT", lat: 1.332867, lon: 103.847143 },
  to: { name: "Holland Village MRT", lat: 1.311201, lon: 103.796228 },
  limitMin: 15,
  marginMin: 2,
};

/** Renders the panel for a plan response with the given route chosen; returns the onChooseRoute mock. */
function renderPanel(response: PlanResponse, chosenRoute = 0, missingRoute = 0) {
  const onChooseRoute = vi.fn();
  const routes = routeOptionsFromResponse(response);
  const view = render(
    <PlanPanel trip={TRIP} routes={routes} chosenRoute={chosenRoute} onChooseRoute={onChooseRoute} missingRoute={missingRoute} />,
  );
  return { onChooseRoute, routes, view };
}

/** Reads the text of a GPX data: URL. */
function decodeDataUrl(href: string): string {
  const prefix = "data:application/gpx+xml;charset=utf-8,";
  expect(href.startsWith(prefix)).toBe(true);
  return decodeURIComponent(href.slice(prefix.length));
}

describe("PlanPanel", () => {
  it("summarises the plan", () => {
    renderPanel(SAMPLE_PLAN);
    expect(screen.getByRole("heading", { name: "Toa Payoh MRT → Holland Village MRT" })).toBeInTheDocument();
    expect(screen.getByText("Total time").nextSibling).toHaveTextContent("36 min");
    expect(screen.getByText("Distance").nextSibling).toHaveTextContent("7.4 km");
    expect(screen.getByText("Pit stops").nextSibling).toHaveTextContent("1");
    expect(screen.getByText(/2 rides of at most 13 min each \(15 min limit minus 2 min margin\)/)).toBeInTheDocument();
    expect(screen.getByText("Every ride stays within the limit.")).toBeInTheDocument();
  });

  it("lists each ride against the limit", () => {
    renderPanel(SAMPLE_PLAN);
    const rides = within(screen.getByRole("list", { name: "Rides" })).getAllByRole("listitem");
    const first = rides[0];
    expect(first).toHaveTextContent("12.0 of 13 min");
    expect(first).toHaveTextContent("3.5 km");
    expect(first).toHaveTextContent("Pit stop 1: park at Blk 123 Lorong 1");
    expect(first).toHaveTextContent("HDB racks, 20 racks, sheltered");
    expect(first).toHaveTextContent("Turn-by-turn directions (2 steps)");
    expect(first).toHaveTextContent("Head west on Lorong 6 Toa Payoh (400 m)");
  });

  it("marks a ride over the limit", () => {
    renderPanel(SAMPLE_PLAN);
    expect(screen.getByText("21.7 of 13 min")).toBeInTheDocument();
    expect(screen.getByText("over the limit")).toBeInTheDocument();
    expect(screen.getByText(/MRT racks, 1 rack, not sheltered/)).toBeInTheDocument();
  });

  it("shows warnings of an infeasible plan", () => {
    const plan: Plan = { ...SAMPLE_PLAN, feasible: false, warnings: ["No parking spot within reach between km 3 and km 7"] };
    renderPanel(plan);
    expect(screen.getByText(/Not feasible:/)).toBeInTheDocument();
    expect(within(screen.getByRole("list", { name: "Warnings" })).getByText(/No parking spot within reach/)).toBeInTheDocument();
  });

  it("drops each for a single ride", () => {
    renderPanel({ ...SAMPLE_PLAN, pit_stops: 0, rides: [SAMPLE_PLAN.rides[0]] });
    expect(screen.getByText("1 ride of at most 13 min (15 min limit minus 2 min margin).")).toBeInTheDocument();
    expect(screen.queryByText(/each/)).not.toBeInTheDocument();
  });

  it("describes the first walk before ride 1", () => {
    const firstRide: Ride = { ...SAMPLE_PLAN.rides[0], access_walk_m: 189.3 };
    renderPanel({ ...SAMPLE_PLAN, rides: [firstRide, SAMPLE_PLAN.rides[1]] });
    const walk = screen.getByRole("heading", { name: "First walk" }).parentElement!;
    expect(walk).toHaveTextContent(
      "Walk 189 m (about 3 min) with the bike to the start of ride 1 on the nearest road or path. Ride 1's time includes this walk.",
    );
    const rides = screen.getByRole("list", { name: "Rides" });
    expect(walk.compareDocumentPosition(rides) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it.each([0, 10, 19.9])("leaves out a first walk of %s m", (metres) => {
    const firstRide: Ride = { ...SAMPLE_PLAN.rides[0], access_walk_m: metres };
    renderPanel({ ...SAMPLE_PLAN, rides: [firstRide, SAMPLE_PLAN.rides[1]] });
    expect(screen.queryByRole("heading", { name: "First walk" })).not.toBeInTheDocument();
    expect(screen.queryByText(/to the start of ride 1/)).not.toBeInTheDocument();
  });

  it("describes the final walk", () => {
    renderPanel(SAMPLE_PLAN);
    expect(screen.getByText(/Walk 120 m \(about 2 min\) to/)).toBeInTheDocument();
  });

  it("links the GPX of the same trip", () => {
    renderPanel(SAMPLE_PLAN);
    const link = screen.getByRole("link", { name: "Download GPX" });
    const url = new URL(link.getAttribute("href")!, "http://localhost");
    expect(url.pathname).toBe("/api/v2/plan");
    expect(url.searchParams.get("format")).toBe("gpx");
    expect(url.searchParams.get("from")).toBe("1.332867,103.847143");
    expect(url.searchParams.get("to")).toBe("1.311201,103.796228");
    expect(url.searchParams.get("rideLimitMin")).toBe("15");
    expect(url.searchParams.get("marginMin")).toBe("2");
    expect(url.searchParams.get("fromName")).toBe("Toa Payoh MRT");
    expect(url.searchParams.get("toName")).toBe("Holland Village MRT");
    expect(link).toHaveAttribute("download", "pitstop-plan.gpx");
  });

  it("shows tenths near the budget", () => {
    const nearLimit: Ride = { ...SAMPLE_PLAN.rides[0], duration_s: 762 };
    renderPanel({ ...SAMPLE_PLAN, rides: [nearLimit] });
    expect(screen.getByText("12.7 of 13 min")).toBeInTheDocument();
    expect(screen.queryByText("13 of 13 min")).not.toBeInTheDocument();
  });
});

describe("PlanPanel route choice", () => {
  it("lists the routes as tabs", () => {
    renderPanel(SAMPLE_RESPONSE);
    const tablist = screen.getByRole("tablist", { name: "Routes" });
    expect(tablist).toHaveAttribute("aria-orientation", "vertical");
    const tabs = within(tablist).getAllByRole("tab");
    expect(tabs).toHaveLength(2);
    expect(tabs[0]).toHaveTextContent("Fastest route36 min · 7.4 km1 pit stop · feasible");
    expect(tabs[0]).not.toHaveTextContent("shares");
    expect(tabs[1]).toHaveTextContent("Alternative 145 min · 8.9 km2 pit stops · not feasible · shares 62% with the fastest");
  });

  it("marks the chosen tab", () => {
    renderPanel(SAMPLE_RESPONSE, 1);
    const [fastest, alternative] = screen.getAllByRole("tab");
    expect(alternative).toHaveAttribute("aria-selected", "true");
    expect(alternative).toHaveAttribute("tabindex", "0");
    expect(fastest).toHaveAttribute("aria-selected", "false");
    expect(fastest).toHaveAttribute("tabindex", "-1");
    const panel = screen.getByRole("tabpanel");
    expect(alternative).toHaveAttribute("aria-controls", panel.id);
    expect(panel).toHaveAttribute("aria-labelledby", alternative.id);
    expect(screen.getByRole("tabpanel", { name: /Alternative 1/ })).toBe(panel);
  });

  it("shows the chosen alternative's plan", () => {
    renderPanel(SAMPLE_RESPONSE, 1);
    expect(screen.getByText("Total time").nextSibling).toHaveTextContent("45 min");
    expect(screen.getByText("Pit stops").nextSibling).toHaveTextContent("2");
    expect(screen.getByRole("list", { name: "Rides" }).children).toHaveLength(3);
    expect(screen.getByText("Whampoa Drive racks")).toBeInTheDocument();
    expect(screen.getByText(/Not feasible:/)).toBeInTheDocument();
    expect(within(screen.getByRole("list", { name: "Warnings" })).getByText(/Ride 2 takes 16.7 min/)).toBeInTheDocument();
  });

  it("chooses a route on click", async () => {
    const user = userEvent.setup();
    const { onChooseRoute } = renderPanel(SAMPLE_RESPONSE);
    await user.click(screen.getByRole("tab", { name: /Alternative 1/ }));
    expect(onChooseRoute).toHaveBeenCalledWith(1);
  });

  it("moves between tabs with the keyboard", async () => {
    const user = userEvent.setup();
    const twoAlternatives: PlanResponse = { ...SAMPLE_PLAN, alternatives: [SAMPLE_ALTERNATIVE, SAMPLE_ALTERNATIVE] };
    const { onChooseRoute } = renderPanel(twoAlternatives);
    const tabs = screen.getAllByRole("tab");

    await user.tab();
    expect(tabs[0]).toHaveFocus();
    await user.keyboard("{ArrowDown}");
    expect(onChooseRoute).toHaveBeenLastCalledWith(1);
    expect(tabs[1]).toHaveFocus();
    await user.keyboard("{ArrowRight}");
    expect(onChooseRoute).toHaveBeenLastCalledWith(2);
    await user.keyboard("{ArrowDown}");
    expect(onChooseRoute).toHaveBeenLastCalledWith(0);
    expect(tabs[0]).toHaveFocus();
    await user.keyboard("{ArrowUp}");
    expect(onChooseRoute).toHaveBeenLastCalledWith(2);
    await user.keyboard("{Home}");
    expect(onChooseRoute).toHaveBeenLastCalledWith(0);
    await user.keyboard("{End}");
    expect(onChooseRoute).toHaveBeenLastCalledWith(2);
    expect(tabs[2]).toHaveFocus();
  });

  it("explains a plan without alternatives", () => {
    renderPanel({ ...SAMPLE_PLAN, alternatives: [] });
    expect(screen.queryByRole("tablist")).not.toBeInTheDocument();
    expect(screen.queryByRole("tabpanel")).not.toBeInTheDocument();
    expect(screen.getByText(/No alternative route: every other route is more than 25% slower/)).toBeInTheDocument();
  });

  it("reports a missing linked alternative", () => {
    renderPanel(SAMPLE_RESPONSE, 0, 2);
    expect(
      screen.getByText("The link chose alternative 2, which this trip no longer has, so the fastest route is shown."),
    ).toBeInTheDocument();
  });

  it("reports a linked alternative beyond those requested", () => {
    renderPanel(SAMPLE_RESPONSE, 0, 7);
    expect(
      screen.getByText(
        "The link chose alternative 7, but PitStop offers at most 2 alternative routes, so the fastest route is shown.",
      ),
    ).toBeInTheDocument();
  });

  it("reports an alt that names no route", () => {
    renderPanel(SAMPLE_RESPONSE, 0, INVALID_ROUTE_CHOICE);
    expect(screen.getByRole("status")).toHaveTextContent("The link chose a route that does not exist, so the fastest route is shown.");
  });

  it("says nothing of a missing route without one", () => {
    renderPanel(SAMPLE_RESPONSE, 0, 0);
    expect(screen.queryByText(/The link chose/)).not.toBeInTheDocument();
  });

  it("builds the GPX of an alternative", () => {
    renderPanel(SAMPLE_RESPONSE, 1);
    expect(screen.queryByRole("link", { name: "Download GPX" })).not.toBeInTheDocument();
    const link = screen.getByRole("link", { name: "Download GPX of alternative 1" });
    expect(link).toHaveAttribute("download", "pitstop-plan-alternative-1.gpx");
    const gpx = decodeDataUrl(link.getAttribute("href")!);
    expect(gpx).toContain("<desc>3 rides, ride limit 15 min, margin 2 min, not feasible; alternative 1, shares 62% with the fastest</desc>");
    expect(gpx).toContain("<name>Whampoa Drive racks</name>");
    expect(gpx.match(/<trk>/g)).toHaveLength(3);
  });
});

describe("describeMissingRoute", () => {
  it.each([
    [1, "The link chose alternative 1, which this trip no longer has, so the fastest route is shown."],
    [2, "The link chose alternative 2, which this trip no longer has, so the fastest route is shown."],
    [3, "The link chose alternative 3, but PitStop offers at most 2 alternative routes, so the fastest route is shown."],
    [INVALID_ROUTE_CHOICE, "The link chose a route that does not exist, so the fastest route is shown."],
  ])("explains route %s", (route, expected) => {
    expect(describeMissingRoute(route)).toBe(expected);
  });
});

describe("formatRideMinutes", () => {
  it.each([
    [762, "12.7"],
    [758.4, "12.7"],
    [762.0000001, "12.7"],
    [780, "13.0"],
    [780.6, "13.1"],
    [718.4, "12.0"],
    [30, "0.5"],
    [0, "0.0"],
  ])("formats %s s", (durationSeconds, expected) => {
    expect(formatRideMinutes(durationSeconds)).toBe(expected);
  });
});

describe("describeDeviation", () => {
  it.each([
    [713.4, "713 m off the direct route"],
    [0, "0 m off the direct route"],
    [1250, "1.3 km off the direct route"],
  ])("describes %s m", (metres, expected) => {
    expect(describeDeviation(metres)).toBe(expected);
  });
});

describe("formatRackType", () => {
  it.each([
    ["HDB_RACKS", "HDB racks"],
    ["NPARKS_RACKS", "NParks racks"],
    ["NANYANG POLY_RACKS", "Nanyang Poly racks"],
    ["PA_RACKS", "PA racks"],
    ["Yellow Box", "Yellow Box"],
    ["SOME_OTHER_TYPE", "SOME OTHER TYPE"],
    ["", "Unknown rack type"],
  ])("formats %j", (input, expected) => {
    expect(formatRackType(input)).toBe(expected);
  });
});
