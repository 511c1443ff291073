import { geometryToLatLngs } from "./polyline";
import type { LatLon, Plan } from "./types";

/**
 * Shortest first walk, in metres, that the panel and the map show. Most starts lie a few metres from a
 * road, and a walk that short would only add clutter.
 */
export const MIN_SHOWN_FIRST_WALK_M = 20;

/**
 * Walking speed in metres per second: the backend's CyclingProfile::kWalkingSpeed_mps
 * (backend/src/ingest/cycling_profile.hpp), from which the API computes walk.duration_s.
 * NOTE: the API sends no duration for the first walk, so this copy must follow the backend's value.
 */
const WALKING_SPEED_MPS = 1.2;

/** The walk, pushing the bike, from the start onto the nearest road or path, where ride 1 starts. */
export interface FirstWalk {
  distance_m: number;
  /** Estimated from the distance at the backend's walking speed. */
  duration_s: number;
}

/** Returns ride 1's access walk, or null when the plan has no ride or the walk is shorter than MIN_SHOWN_FIRST_WALK_M. */
export function firstWalk(plan: Plan): FirstWalk | null {
  const firstRide = plan.rides[0];
  if (!firstRide || firstRide.access_walk_m < MIN_SHOWN_FIRST_WALK_M) return null;
  return { distance_m: firstRide.access_walk_m, duration_s: firstRide.access_walk_m / WALKING_SPEED_MPS };
}

/**
 * Returns the map line of the first walk, as [lat, lon] points from the start marker to the first point of
 * ride 1's geometry. Null when the panel shows no first walk or ride 1 has no geometry.
 */
export function firstWalkLine(plan: Plan, start: LatLon): [number, number][] | null {
  if (firstWalk(plan) === null) return null;
  const ridePoints = geometryToLatLngs(plan.rides[0].geometry);
  if (ridePoints.length === 0) return null;
  return [[start.lat, start.lon], ridePoints[0]];
}
