import { formatLatLon, formatLatLonName, parseLatLon } from "./coordinates";
import { MY_LOCATION_NAME, placeForSharing } from "./places";
import type { Place } from "./types";

export const DEFAULT_LIMIT_MIN = "30";
export const DEFAULT_MARGIN_MIN = "2";

/**
 * The trip request as the page URL stores it, so that a plan can be shared and reloaded:
 * ?from=LAT,LON&fromName=…&to=LAT,LON&toName=…&limit=30&margin=2.
 * The limit and margin stay text, as typed, so that the form can show and check them.
 */
export interface TripUrlState {
  from: Place | null;
  to: Place | null;
  limit: string;
  margin: string;
}

function readPlace(params: URLSearchParams, coordinateKey: string, nameKey: string): Place | null {
  const point = parseLatLon(params.get(coordinateKey) ?? "");
  if (!point) return null;
  const name = params.get(nameKey)?.trim();
  if (!name) return { ...point, name: formatLatLon(point) };
  // Links written before device locations got coordinate names contain fromName=My location for the sender's position.
  if (name.toLowerCase() === MY_LOCATION_NAME.toLowerCase()) return { ...point, name: formatLatLonName(point) };
  return { ...point, name };
}

/** Reads the trip from a URL query string; missing or malformed parts fall back to empty places and the default limit and margin. */
export function readTripFromSearch(search: string | URLSearchParams): TripUrlState {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  return {
    from: readPlace(params, "from", "fromName"),
    to: readPlace(params, "to", "toName"),
    limit: params.get("limit")?.trim() || DEFAULT_LIMIT_MIN,
    margin: params.get("margin")?.trim() || DEFAULT_MARGIN_MIN,
  };
}

/**
 * Writes the trip as URL query parameters in a fixed order. A missing place leaves its two parameters out,
 * and an empty limit or margin leaves its parameter out, so that a reload falls back to the default.
 * The device location is written with its coordinates as its name (see placeForSharing).
 */
export function tripToSearchParams(state: TripUrlState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.from) {
    const from = placeForSharing(state.from);
    params.set("from", formatLatLon(from));
    params.set("fromName", from.name);
  }
  if (state.to) {
    const to = placeForSharing(state.to);
    params.set("to", formatLatLon(to));
    params.set("toName", to.name);
  }
  if (state.limit !== "") params.set("limit", state.limit);
  if (state.margin !== "") params.set("margin", state.margin);
  return params;
}

/** Tells whether a query string names both places, so that the page should plan as soon as it loads. */
export function hasCompleteTrip(state: TripUrlState): boolean {
  return state.from !== null && state.to !== null;
}

/**
 * Query parameter of the chosen route: absent for the fastest route and N for alternative N, such as alt=1.
 * It follows the trip parameters and is not part of TripUrlState, because a new trip starts on the fastest route.
 */
export const ROUTE_PARAM = "alt";

/** readRouteChoice's value for an alt parameter that is not a whole number from 1 up, such as alt=abc or alt=0. */
export const INVALID_ROUTE_CHOICE = -1;

/**
 * Reads the chosen route from a URL query string: 0 for the fastest route when alt is absent or empty,
 * N for alt=N with N a whole number from 1 up, and INVALID_ROUTE_CHOICE for any other value.
 * A number larger than the plan's alternatives is returned as it is, so that the page can report it as missing.
 */
export function readRouteChoice(search: string | URLSearchParams): number {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const text = params.get(ROUTE_PARAM)?.trim() ?? "";
  if (text === "") return 0;
  if (!/^[1-9]\d*$/.test(text)) return INVALID_ROUTE_CHOICE;
  const route = Number(text);
  return Number.isSafeInteger(route) ? route : INVALID_ROUTE_CHOICE;
}

/**
 * Returns the query string, with its leading "?", that keeps the other parameters of the search and sets
 * the chosen route: alt=N for alternative N, and no alt parameter for the fastest route (0).
 */
export function searchWithRouteChoice(search: string, route: number): string {
  const params = new URLSearchParams(search);
  if (route > 0) params.set(ROUTE_PARAM, String(route));
  else params.delete(ROUTE_PARAM);
  const query = params.toString();
  return query ? `?${query}` : "";
}
