import type { Plan, PlanResponse } from "./types";

/** A route the rider can choose: the fastest route's plan or an alternative's, with the text that names it. */
export interface RouteOption {
  /** "Fastest route" or "Alternative N". */
  label: string;
  plan: Plan;
  /**
   * Share of this route's length that the fastest route also rides, from 0 to 1. Null for the fastest
   * route itself and for an alternative whose share is missing from the response.
   */
  sharedWithFastest: number | null;
}

/** Position of the fastest route in a route list; alternative N is at position N. */
export const FASTEST_ROUTE = 0;

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** Checks the fields that the panel and the map read from a plan without guarding them. */
function hasPlanShape(value: unknown): value is Plan {
  if (typeof value !== "object" || value === null) return false;
  const plan = value as Partial<Record<keyof Plan, unknown>>;
  return (
    typeof plan.feasible === "boolean" &&
    isFiniteNumber(plan.total_time_s) &&
    isFiniteNumber(plan.total_distance_m) &&
    isFiniteNumber(plan.pit_stops) &&
    isFiniteNumber(plan.ride_limit_s) &&
    isFiniteNumber(plan.margin_s) &&
    Array.isArray(plan.rides) &&
    Array.isArray(plan.warnings) &&
    typeof plan.walk === "object" &&
    plan.walk !== null
  );
}

function readShare(value: unknown): number | null {
  if (!isFiniteNumber(value)) return null;
  return Math.min(1, Math.max(0, value));
}

/**
 * Splits a plan response into the fastest route's plan followed by its alternatives, in the API's order.
 * A response without an alternatives array, as from a backend older than the alternatives parameter,
 * gives the fastest route alone. Alternatives that lack a field of the plan shape are left out, and
 * the labels number the ones that remain.
 */
export function routeOptionsFromResponse(response: PlanResponse): RouteOption[] {
  const { alternatives, ...fastest } = response;
  const routes: RouteOption[] = [{ label: "Fastest route", plan: fastest, sharedWithFastest: null }];
  if (!Array.isArray(alternatives)) return routes;

  for (const alternative of alternatives) {
    if (!hasPlanShape(alternative)) continue;
    const { shared_with_fastest: shared, ...plan } = alternative;
    routes.push({ label: `Alternative ${routes.length}`, plan, sharedWithFastest: readShare(shared) });
  }
  return routes;
}

/** Returns the requested route's position when the list has it, else the fastest route's. */
export function chooseRoute(routes: readonly RouteOption[], requested: number): number {
  return Number.isInteger(requested) && requested >= 0 && requested < routes.length ? requested : FASTEST_ROUTE;
}

/** Formats a share from 0 to 1 as "shares 62% with the fastest", rounded to whole percent. */
export function describeShare(shared: number): string {
  return `shares ${Math.round(shared * 100)}% with the fastest`;
}

/** Formats a pit stop count as "no pit stops", "1 pit stop" or "3 pit stops". */
export function describePitStops(count: number): string {
  if (count === 0) return "no pit stops";
  return `${count} ${count === 1 ? "pit stop" : "pit stops"}`;
}
