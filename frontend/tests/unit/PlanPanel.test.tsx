import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { formatRideMinutes, PlanPanel, type PlannedTrip } from "@/components/PlanPanel";
import { formatRackType } from "@/lib/parking";
import type { Plan, Ride } from "@/lib/types";

import { SAMPLE_PLAN } from "./fakes";

const TRIP: PlannedTrip = {
  from: { name: "Toa Payoh MRT", lat: 1.332867, lon: 103.847143 },
  to: { name: "Holland Village MRT", lat: 1.311201, lon: 103.796228 },
  limitMin: 15,
  marginMin: 2,
};

describe("PlanPanel", () => {
  it("summarises the plan", () => {
    render(<PlanPanel plan={SAMPLE_PLAN} trip={TRIP} />);
    expect(screen.getByRole("heading", { name: "Toa Payoh MRT → Holland Village MRT" })).toBeInTheDocument();
    expect(screen.getByText("Total time").nextSibling).toHaveTextContent("36 min");
    expect(screen.getByText("Distance").nextSibling).toHaveTextContent("7.4 km");
    expect(screen.getByText("Pit stops").nextSibling).toHaveTextContent("1");
    expect(screen.getByText(/2 rides of at most 13 min each \(15 min limit minus 2 min margin\)/)).toBeInTheDocument();
    expect(screen.getByText("Every ride stays within the limit.")).toBeInTheDocument();
  });

  it("lists each ride against the limit", () => {
    render(<PlanPanel plan={SAMPLE_PLAN} trip={TRIP} />);
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
    render(<PlanPanel plan={SAMPLE_PLAN} trip={TRIP} />);
    expect(screen.getByText("21.7 of 13 min")).toBeInTheDocument();
    expect(screen.getByText("over the limit")).toBeInTheDocument();
    expect(screen.getByText(/MRT racks, 1 rack, not sheltered/)).toBeInTheDocument();
  });

  it("shows warnings of an infeasible plan", () => {
    const plan: Plan = { ...SAMPLE_PLAN, feasible: false, warnings: ["No parking spot within reach between km 3 and km 7"] };
    render(<PlanPanel plan={plan} trip={TRIP} />);
    expect(screen.getByText(/Not feasible:/)).toBeInTheDocument();
    expect(within(screen.getByRole("list", { name: "Warnings" })).getByText(/No parking spot within reach/)).toBeInTheDocument();
  });

  it("describes the final walk", () => {
    render(<PlanPanel plan={SAMPLE_PLAN} trip={TRIP} />);
    expect(screen.getByText(/Walk 120 m \(about 2 min\) to/)).toBeInTheDocument();
  });

  it("links the GPX of the same trip", () => {
    render(<PlanPanel plan={SAMPLE_PLAN} trip={TRIP} />);
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
    render(<PlanPanel plan={{ ...SAMPLE_PLAN, rides: [nearLimit] }} trip={TRIP} />);
    expect(screen.getByText("12.7 of 13 min")).toBeInTheDocument();
    expect(screen.queryByText("13 of 13 min")).not.toBeInTheDocument();
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
    expect(formatRideMinutes({ ...SAMPLE_PLAN.rides[0], duration_s: durationSeconds })).toBe(expected);
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
