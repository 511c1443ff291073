import { describe, expect, it } from "vitest";

import { firstWalk, firstWalkLine, MIN_SHOWN_FIRST_WALK_M } from "@/lib/firstWalk";
import type { Plan, Ride } from "@/lib/types";

import { SAMPLE_PLAN } from "./fakes";

const START = { lat: 1.351407, lon: 103.848247 };

/** Returns SAMPLE_PLAN with ride 1's access walk and geometry replaced. */
function planWithFirstRide(changes: Partial<Ride>): Plan {
  return { ...SAMPLE_PLAN, rides: [{ ...SAMPLE_PLAN.rides[0], ...changes }, SAMPLE_PLAN.rides[1]] };
}

describe("firstWalk", () => {
  it("returns ride 1's access walk", () => {
    const walk = firstWalk(planWithFirstRide({ access_walk_m: 189.3 }));
    expect(walk?.distance_m).toBe(189.3);
    // 189.3 m at the backend's 1.2 m/s.
    expect(walk?.duration_s).toBeCloseTo(157.75, 6);
  });

  it("shows a walk of exactly the minimum", () => {
    expect(firstWalk(planWithFirstRide({ access_walk_m: MIN_SHOWN_FIRST_WALK_M }))).not.toBeNull();
  });

  it.each([0, 10, MIN_SHOWN_FIRST_WALK_M - 0.1])("leaves out a walk of %s m", (metres) => {
    expect(firstWalk(planWithFirstRide({ access_walk_m: metres }))).toBeNull();
  });

  it("returns null for a plan without rides", () => {
    expect(firstWalk({ ...SAMPLE_PLAN, rides: [] })).toBeNull();
  });
});

describe("firstWalkLine", () => {
  it("joins the start to ride 1's first point", () => {
    // The sample polyline "_p~iF~ps|U_ulLnnqC" starts at 38.5,-120.2.
    const line = firstWalkLine(planWithFirstRide({ access_walk_m: 189.3 }), START);
    expect(line).toHaveLength(2);
    expect(line![0]).toEqual([START.lat, START.lon]);
    expect(line![1][0]).toBeCloseTo(38.5, 5);
    expect(line![1][1]).toBeCloseTo(-120.2, 5);
  });

  it("reads a GeoJSON geometry", () => {
    const geometry = { type: "LineString" as const, coordinates: [[103.8467, 1.3502] as [number, number], [103.8392, 1.3488] as [number, number]] };
    const line = firstWalkLine(planWithFirstRide({ access_walk_m: 189.3, geometry }), START);
    expect(line).toEqual([
      [START.lat, START.lon],
      [1.3502, 103.8467],
    ]);
  });

  it("draws nothing for a short walk", () => {
    expect(firstWalkLine(planWithFirstRide({ access_walk_m: 10 }), START)).toBeNull();
  });

  it("draws nothing without ride geometry", () => {
    expect(firstWalkLine(planWithFirstRide({ access_walk_m: 189.3, geometry: "" }), START)).toBeNull();
  });
});
