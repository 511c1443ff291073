import { vi } from "vitest";

import type { SearchClient, SearchOutcome } from "@/lib/api";
import type { AlternativePlan, Plan, PlanResponse, Suggestion } from "@/lib/types";

export function suggestion(name: string, lat: number, lon: number, kind = "station", address = name): Suggestion {
  return { name, lat, lon, kind, address };
}

/** Creates a search client that returns results from a table, keyed by the searched text. */
export function tableSearchClient(table: Record<string, Suggestion[]>) {
  const search = vi.fn(async (text: string): Promise<SearchOutcome> => ({ status: "ok", results: table[text] ?? [] }));
  const cancel = vi.fn();
  const client: SearchClient = { search, cancel };
  return { client, search, cancel };
}

// A polyline of two points per ride is enough for the panel and map code.
export const SAMPLE_PLAN: Plan = {
  feasible: true,
  ride_limit_s: 900,
  margin_s: 120,
  speed_kmh: 15,
  from: { lat: 1.332867, lon: 103.847143, name: "1.332867,103.847143" },
  to: { lat: 1.311201, lon: 103.796228, name: "1.311201,103.796228" },
  start_snap_m: 12.5,
  destination_snap_m: 8.1,
  total_distance_m: 7420.4,
  total_time_s: 2160,
  pit_stops: 1,
  rides: [
    {
      from: { lat: 1.332867, lon: 103.847143, name: "1.332867,103.847143" },
      to: {
        lat: 1.3201,
        lon: 103.8201,
        name: "Blk 123 Lorong 1",
        spot_id: "dm-1",
        rack_type: "HDB_RACKS",
        rack_count: 20,
        sheltered: true,
      },
      distance_m: 3500.2,
      duration_s: 718.4,
      within_budget: true,
      access_walk_m: 10,
      egress_walk_m: 15,
      deviation_m: 120.4,
      geometry: "_p~iF~ps|U_ulLnnqC",
      steps: [
        {
          maneuver: "depart",
          modifier: "",
          street_name: "Lorong 6 Toa Payoh",
          instruction: "Head west on Lorong 6 Toa Payoh",
          distance_m: 400,
          duration_s: 96,
          location: { lat: 1.332867, lon: 103.847143 },
        },
        {
          maneuver: "arrive",
          modifier: "",
          street_name: "",
          instruction: "Arrive at Blk 123 Lorong 1",
          distance_m: 0,
          duration_s: 0,
          location: { lat: 1.3201, lon: 103.8201 },
        },
      ],
    },
    {
      from: { lat: 1.3201, lon: 103.8201, name: "Blk 123 Lorong 1" },
      to: {
        lat: 1.3112,
        lon: 103.7963,
        name: "Holland Village MRT racks",
        spot_id: "dm-2",
        rack_type: "MRT_RACKS",
        rack_count: 1,
        sheltered: false,
      },
      distance_m: 3800,
      duration_s: 1300,
      within_budget: false,
      access_walk_m: 5,
      egress_walk_m: 5,
      deviation_m: 0,
      geometry: "_p~iF~ps|U_ulLnnqC",
      steps: [],
    },
  ],
  walk: { from: { lat: 1.3112, lon: 103.7963 }, to: { lat: 1.311201, lon: 103.796228 }, distance_m: 120.2, duration_s: 100 },
  warnings: [],
};

// An alternative to SAMPLE_PLAN: a longer route with two pit stops at other spots, one ride over the limit.
export const SAMPLE_ALTERNATIVE: AlternativePlan = {
  ...SAMPLE_PLAN,
  feasible: false,
  total_distance_m: 8910.7,
  total_time_s: 2700,
  pit_stops: 2,
  rides: [
    {
      ...SAMPLE_PLAN.rides[0],
      to: { lat: 1.3301, lon: 103.8302, name: "Whampoa Drive racks", spot_id: "dm-7", rack_type: "NPARKS_RACKS", rack_count: 6, sheltered: false },
      duration_s: 700,
    },
    {
      ...SAMPLE_PLAN.rides[0],
      from: { lat: 1.3301, lon: 103.8302, name: "Whampoa Drive racks" },
      to: { lat: 1.3204, lon: 103.8105, name: "Bukit Timah & Co <Block 9>", spot_id: "dm-8", rack_type: "Yellow Box", rack_count: 12, sheltered: true },
      duration_s: 1000,
      within_budget: false,
      steps: [],
    },
    {
      ...SAMPLE_PLAN.rides[1],
      from: { lat: 1.3204, lon: 103.8105, name: "Bukit Timah & Co <Block 9>" },
      duration_s: 600,
      within_budget: true,
    },
  ],
  warnings: ["Ride 2 takes 16.7 min, over the 13.0 min budget: no parking spot lies within reach on this stretch."],
  shared_with_fastest: 0.618,
};

/** A plan response with SAMPLE_ALTERNATIVE as its only alternative. */
export const SAMPLE_RESPONSE: PlanResponse = { ...SAMPLE_PLAN, alternatives: [SAMPLE_ALTERNATIVE] };
