import { describe, expect, it } from "vitest";

import { chooseRoute, describePitStops, describeShare, routeOptionsFromResponse } from "@/lib/routes";
import type { PlanResponse } from "@/lib/types";

import { SAMPLE_ALTERNATIVE, SAMPLE_PLAN, SAMPLE_RESPONSE } from "./fakes";

describe("routeOptionsFromResponse", () => {
  it("puts the fastest route first", () => {
    const routes = routeOptionsFromResponse(SAMPLE_RESPONSE);
    expect(routes).toHaveLength(2);
    expect(routes[0].label).toBe("Fastest route");
    expect(routes[0].sharedWithFastest).toBeNull();
    expect(routes[0].plan.rides).toBe(SAMPLE_PLAN.rides);
    expect(routes[0].plan).not.toHaveProperty("alternatives");
  });

  it("labels alternatives in the API's order", () => {
    const second = { ...SAMPLE_ALTERNATIVE, total_time_s: 2400, shared_with_fastest: 0.25 };
    const routes = routeOptionsFromResponse({ ...SAMPLE_PLAN, alternatives: [SAMPLE_ALTERNATIVE, second] });
    expect(routes.map((route) => route.label)).toEqual(["Fastest route", "Alternative 1", "Alternative 2"]);
    expect(routes[1].sharedWithFastest).toBe(0.618);
    expect(routes[1].plan.rides).toBe(SAMPLE_ALTERNATIVE.rides);
    expect(routes[1].plan).not.toHaveProperty("shared_with_fastest");
    expect(routes[2].plan.total_time_s).toBe(2400);
    expect(routes[2].sharedWithFastest).toBe(0.25);
  });

  it("gives the fastest route alone without alternatives", () => {
    expect(routeOptionsFromResponse(SAMPLE_PLAN)).toHaveLength(1);
    expect(routeOptionsFromResponse({ ...SAMPLE_PLAN, alternatives: [] })).toHaveLength(1);
  });

  it("ignores alternatives that are not an array", () => {
    const response = { ...SAMPLE_PLAN, alternatives: { 0: SAMPLE_ALTERNATIVE } } as unknown as PlanResponse;
    expect(routeOptionsFromResponse(response)).toHaveLength(1);
  });

  it("drops malformed alternatives", () => {
    const { rides: _rides, ...withoutRides } = SAMPLE_ALTERNATIVE;
    const response = {
      ...SAMPLE_PLAN,
      alternatives: [null, "route", withoutRides, { ...SAMPLE_ALTERNATIVE, total_time_s: "45" }, SAMPLE_ALTERNATIVE],
    } as unknown as PlanResponse;
    const routes = routeOptionsFromResponse(response);
    expect(routes).toHaveLength(2);
    expect(routes[1].label).toBe("Alternative 1");
    expect(routes[1].plan.total_time_s).toBe(SAMPLE_ALTERNATIVE.total_time_s);
  });

  it.each([
    [1.2, 1],
    [-0.1, 0],
    [Number.NaN, null],
    ["0.5", null],
    [undefined, null],
  ])("reads share %j as %j", (share, expected) => {
    const alternative = { ...SAMPLE_ALTERNATIVE, shared_with_fastest: share } as unknown as typeof SAMPLE_ALTERNATIVE;
    const routes = routeOptionsFromResponse({ ...SAMPLE_PLAN, alternatives: [alternative] });
    expect(routes[1].sharedWithFastest).toBe(expected);
  });
});

describe("chooseRoute", () => {
  const routes = routeOptionsFromResponse(SAMPLE_RESPONSE);

  it("keeps a route the plan has", () => {
    expect(chooseRoute(routes, 0)).toBe(0);
    expect(chooseRoute(routes, 1)).toBe(1);
  });

  it.each([2, 3, -1, 0.5, Number.NaN])("falls back to the fastest for %s", (requested) => {
    expect(chooseRoute(routes, requested)).toBe(0);
  });
});

describe("route descriptions", () => {
  it.each([
    [0.618, "shares 62% with the fastest"],
    [0.702, "shares 70% with the fastest"],
    [0, "shares 0% with the fastest"],
    [0.8, "shares 80% with the fastest"],
  ])("describes share %s", (share, expected) => {
    expect(describeShare(share)).toBe(expected);
  });

  it.each([
    [0, "no pit stops"],
    [1, "1 pit stop"],
    [3, "3 pit stops"],
  ])("describes %s pit stops", (count, expected) => {
    expect(describePitStops(count)).toBe(expected);
  });
});
