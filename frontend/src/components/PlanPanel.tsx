import { useMemo } from "react";

import { planUrl, type PlanRequest } from "@/lib/api";
import { PLAN_ALTERNATIVES } from "@/lib/api";
import { formatDistance, formatDuration, formatMinutes, formatRideMinutes } from "@/lib/format";
import { firstWalk } from "@/lib/firstWalk";
import { planToGpx } from "@/lib/gpx";
import { rideColour } from "@/lib/palette";
import { describeSpot } from "@/lib/parking";
import { describeShare, FASTEST_ROUTE, type RouteOption } from "@/lib/routes";
import type { Place, Plan, Ride } from "@/lib/types";
import { INVALID_ROUTE_CHOICE } from "@/lib/urlState";

import { RouteTabs, routeTabId } from "./RouteTabs";

const ROUTE_PANEL_ID = "route-plan";

/** The request that produced the plan on screen, with the names the rider chose. */
export interface PlannedTrip extends PlanRequest {
  from: Place;
  to: Place;
}

export function budgetMinutes(plan: Plan): number {
  return (plan.ride_limit_s - plan.margin_s) / 60;
}

function rideEndLabel(endsAtSpot: boolean, isLast: boolean, index: number): string {
  if (!endsAtSpot) return "Ride to ";
  if (isLast) return "Park at ";
  return `Pit stop ${index + 1}: park at `;
}

function RideItem({ plan, ride, index }: { plan: Plan; ride: Ride; index: number }) {
  const isLast = index === plan.rides.length - 1;
  const budget = formatMinutes(budgetMinutes(plan));
  const colour = rideColour(index);
  const endsAtSpot = ride.to.spot_id !== undefined;

  return (
    <li className="ride" style={{ borderLeftColor: colour }}>
      <h3 className="ride__title">
        <span className="ride__swatch" style={{ backgroundColor: colour }} aria-hidden="true" />
        Ride {index + 1}
      </h3>
      <p className={ride.within_budget ? "ride__time" : "ride__time ride__time--over"}>
        <strong>
          {formatRideMinutes(ride.duration_s)} of {budget} min
        </strong>
        {" · "}
        {(ride.distance_m / 1000).toFixed(1)} km
        {ride.within_budget ? null : <span className="badge badge--warn">over the limit</span>}
      </p>
      <div className="ride__end">
        <p>
          {rideEndLabel(endsAtSpot, isLast, index)}
          <strong>{ride.to.name}</strong>
        </p>
        {endsAtSpot ? <p className="ride__spot">{describeSpot(ride.to)}</p> : null}
        {endsAtSpot && !isLast ? <p className="ride__hint">End the ride here, then unlock again for ride {index + 2}.</p> : null}
      </div>
      {ride.steps.length > 0 ? (
        <details className="ride__steps">
          <summary>Turn-by-turn directions ({ride.steps.length} steps)</summary>
          <ol>
            {ride.steps.map((step, stepIndex) => (
              <li key={stepIndex}>
                {step.instruction}
                {step.distance_m > 0 ? <span className="step__distance"> ({formatDistance(step.distance_m)})</span> : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </li>
  );
}

/**
 * Builds the GPX download of the chosen route. The API's format=gpx contains only the fastest route's plan,
 * so the fastest route links to the API and an alternative gets a data: URL of the GPX that planToGpx writes
 * from the plan on screen.
 */
export function gpxDownload(trip: PlannedTrip, route: RouteOption, index: number): { href: string; fileName: string } {
  if (index === FASTEST_ROUTE) return { href: planUrl(trip, "gpx"), fileName: "pitstop-plan.gpx" };
  const share = route.sharedWithFastest === null ? "" : `, ${describeShare(route.sharedWithFastest)}`;
  const gpx = planToGpx(route.plan, `alternative ${index}${share}`);
  return {
    href: `data:application/gpx+xml;charset=utf-8,${encodeURIComponent(gpx)}`,
    fileName: `pitstop-plan-alternative-${index}.gpx`,
  };
}

export interface PlanPanelProps {
  trip: PlannedTrip;
  /** The fastest route first, then its alternatives, as routeOptionsFromResponse returns them. */
  routes: readonly RouteOption[];
  /** Position of the route on show in routes. */
  chosenRoute: number;
  onChooseRoute: (index: number) => void;
  /**
   * Alternative that the page URL requested but this plan does not offer, INVALID_ROUTE_CHOICE for an alt
   * value that names no route, and 0 when there is none.
   */
  missingRoute?: number;
}

/** Explains why the fastest route is shown in place of the route that the page URL chose. */
export function describeMissingRoute(missingRoute: number): string {
  if (missingRoute === INVALID_ROUTE_CHOICE) {
    return "The link chose a route that does not exist, so the fastest route is shown.";
  }
  if (missingRoute > PLAN_ALTERNATIVES) {
    return `The link chose alternative ${missingRoute}, but PitStop offers at most ${PLAN_ALTERNATIVES} alternative routes, so the fastest route is shown.`;
  }
  return `The link chose alternative ${missingRoute}, which this trip no longer has, so the fastest route is shown.`;
}

function RouteChoice({ routes, chosenRoute, onChooseRoute, missingRoute }: Omit<PlanPanelProps, "trip">) {
  return (
    <>
      {routes.length > 1 ? (
        <>
          <p className="routes__hint">Other routes show as grey lines on the map. Choose one here or on the map.</p>
          <RouteTabs routes={routes} chosenRoute={chosenRoute} onChooseRoute={onChooseRoute} panelId={ROUTE_PANEL_ID} />
        </>
      ) : (
        // The limits are the backend's AlternativeSettings defaults (backend/src/routing/alternative_routes.hpp).
        <p className="routes__hint">
          No alternative route: every other route is more than 25% slower than the fastest or shares more than 80% of its
          length with it.
        </p>
      )}
      {missingRoute ? (
        <p className="routes__hint routes__hint--missing" role="status">
          {describeMissingRoute(missingRoute)}
        </p>
      ) : null}
    </>
  );
}

/**
 * Renders the chosen route's plan: summary, feasibility and warnings, the first walk when it is long enough
 * to show, each ride, the final walk and a GPX download. Above it, a tab list offers the fastest route and its
 * alternatives when the plan has any.
 */
export function PlanPanel({ trip, routes, chosenRoute, onChooseRoute, missingRoute = 0 }: PlanPanelProps) {
  const route = routes[chosenRoute];
  const plan = route.plan;
  const budget = formatMinutes(budgetMinutes(plan));
  const limit = formatMinutes(plan.ride_limit_s / 60);
  const margin = formatMinutes(plan.margin_s / 60);
  const stops = plan.pit_stops;
  const rideBudgetText =
    plan.rides.length === 1 ? `1 ride of at most ${budget} min` : `${plan.rides.length} rides of at most ${budget} min each`;
  const hasTabs = routes.length > 1;
  const walkToFirstRide = firstWalk(plan);
  // Writing the GPX of an alternative decodes every ride's polyline, so it runs only when the route changes.
  const gpx = useMemo(() => gpxDownload(trip, route, chosenRoute), [trip, route, chosenRoute]);

  return (
    <div className="plan">
      <h2 id="plan-heading" className="plan__heading">
        {trip.from.name} → {trip.to.name}
      </h2>
      <RouteChoice routes={routes} chosenRoute={chosenRoute} onChooseRoute={onChooseRoute} missingRoute={missingRoute} />

      <div
        id={ROUTE_PANEL_ID}
        className="plan__route"
        role={hasTabs ? "tabpanel" : undefined}
        aria-labelledby={hasTabs ? routeTabId(chosenRoute) : undefined}
      >
        <dl className="plan__summary">
          <div>
            <dt>Total time</dt>
            <dd>{formatDuration(plan.total_time_s)}</dd>
          </div>
          <div>
            <dt>Distance</dt>
            <dd>{formatDistance(plan.total_distance_m)}</dd>
          </div>
          <div>
            <dt>Pit stops</dt>
            <dd>{stops}</dd>
          </div>
        </dl>
        <p className="plan__budget">
          {rideBudgetText} ({limit} min limit minus {margin} min margin).
        </p>
        {plan.feasible ? (
          <p className="status status--ok">Every ride stays within the limit.</p>
        ) : (
          <p className="status status--warn">
            <strong>Not feasible:</strong> at least one ride goes over the limit. See the warnings below.
          </p>
        )}
        {plan.warnings.length > 0 ? (
          <ul className="plan__warnings" aria-label="Warnings">
            {plan.warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        ) : null}

        {walkToFirstRide ? (
          <div className="walk walk--first">
            <h3 className="walk__title">First walk</h3>
            <p>
              Walk {formatDistance(walkToFirstRide.distance_m)} (about {formatDuration(walkToFirstRide.duration_s)}) with the
              bike to the start of ride 1 on the nearest road or path. Ride 1&apos;s time includes this walk.
            </p>
          </div>
        ) : null}

        <ol className="ride-list" aria-label="Rides">
          {plan.rides.map((ride, index) => (
            <RideItem key={index} plan={plan} ride={ride} index={index} />
          ))}
        </ol>

        <div className="walk">
          <h3 className="walk__title">Final walk</h3>
          {plan.walk.distance_m > 0 ? (
            <p>
              Walk {formatDistance(plan.walk.distance_m)} (about {formatDuration(plan.walk.duration_s)}) to{" "}
              <strong>{trip.to.name}</strong>.
            </p>
          ) : (
            <p>
              The last ride ends at <strong>{trip.to.name}</strong>: no walk needed.
            </p>
          )}
        </div>

        <p className="plan__actions">
          <a className="button button--secondary" href={gpx.href} download={gpx.fileName}>
            {chosenRoute === FASTEST_ROUTE ? "Download GPX" : `Download GPX of ${route.label.toLowerCase()}`}
          </a>
        </p>
      </div>
    </div>
  );
}
