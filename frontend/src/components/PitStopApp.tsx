"use client";

import { useCallback, useEffect, useRef, useState } from "react";

import { fetchPlan, isAbortError, type FetchFunction, type SearchClient } from "@/lib/api";
import { describePlanError, type PlanErrorMessage } from "@/lib/planErrors";
import { chooseRoute, routeOptionsFromResponse, type RouteOption } from "@/lib/routes";
import {
  hasCompleteTrip,
  readRouteChoice,
  readTripFromSearch,
  searchWithRouteChoice,
  tripToSearchParams,
  DEFAULT_LIMIT_MIN,
  DEFAULT_MARGIN_MIN,
  type TripUrlState,
} from "@/lib/urlState";
import type { Place } from "@/lib/types";
import { validateRideSettings } from "@/lib/validation";

import { HELP_SEEN_KEY, HelpDialog } from "./HelpDialog";
import { PlanPanel, type PlannedTrip } from "./PlanPanel";
import { TripForm, type TripFormValues, type TripSubmission } from "./TripForm";
import { TripMap } from "./TripMap";

const EMPTY_FORM: TripFormValues = {
  fromText: "",
  from: null,
  toText: "",
  to: null,
  limit: DEFAULT_LIMIT_MIN,
  margin: DEFAULT_MARGIN_MIN,
};

type HistoryMode = "push" | "none";

// One empty list for every render without a plan, so the map's effect does not run again for a new empty array.
const NO_ROUTES: RouteOption[] = [];

/** The plan on screen: the trip as requested, its routes and the one the rider chose. */
interface PlanResult {
  trip: PlannedTrip;
  /** The fastest route first, then its alternatives. */
  routes: RouteOption[];
  /** Position in routes of the route on show. */
  chosenRoute: number;
  /**
   * Alternative that the page URL requested but the plan does not offer, INVALID_ROUTE_CHOICE for an alt value
   * that names no route, and 0 when there is none.
   */
  missingRoute: number;
}

// Below this width the page is one column (see globals.css), and the map and plan lie below the form.
const ONE_COLUMN_QUERY = "(max-width: 899px)";

function samePlace(a: Place | null, b: Place): boolean {
  return a !== null && a.lat === b.lat && a.lon === b.lon && a.name === b.name;
}

/** Tells whether the form still describes the trip of the plan on screen (same places, limit and margin). */
export function formMatchesTrip(form: TripFormValues, trip: PlannedTrip): boolean {
  const { settings } = validateRideSettings(form.limit, form.margin);
  return (
    samePlace(form.from, trip.from) &&
    samePlace(form.to, trip.to) &&
    settings !== null &&
    settings.limitMin === trip.limitMin &&
    settings.marginMin === trip.marginMin
  );
}

/**
 * Scrolls the map to the top of the window on a one-column (phone) layout, where it lies below the form,
 * so that the rider sees the new plan without scrolling. The plan's heading and route list follow under the map.
 */
function scrollPlanIntoView(map: HTMLElement | null) {
  if (!map || typeof window.matchMedia !== "function" || !window.matchMedia(ONE_COLUMN_QUERY).matches) return;
  const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  map.scrollIntoView?.({ block: "start", behavior: reduceMotion ? "auto" : "smooth" });
}

/** Adds a history entry for the trip unless the URL already shows it. The new entry shows the fastest route. */
function pushTripToUrl(state: TripUrlState) {
  const search = `?${tripToSearchParams(state)}`;
  if (search !== window.location.search) window.history.pushState(null, "", search);
}

/**
 * Writes the chosen route into the current history entry, so that a reload or a copied link shows it.
 * Choosing a route adds no history entry, so Back still leaves the trip.
 */
function replaceRouteInUrl(route: number) {
  const search = searchWithRouteChoice(window.location.search, route);
  if (search !== window.location.search) window.history.replaceState(null, "", `${window.location.pathname}${search}`);
}

export interface PitStopAppProps {
  /** Replaces window.fetch for plan requests (tests pass a fake). */
  fetchImpl?: FetchFunction;
  /** Replace the place inputs' search clients (tests pass fakes). */
  searchClients?: { from: SearchClient; to: SearchClient };
  searchDebounceMs?: number;
}

function readHelpSeen(): boolean {
  try {
    return window.localStorage.getItem(HELP_SEEN_KEY) === "1";
  } catch {
    // Storage can be blocked (private windows, strict settings): show the help, it does no harm.
    return false;
  }
}

function storeHelpSeen() {
  try {
    window.localStorage.setItem(HELP_SEEN_KEY, "1");
  } catch {
    // Without storage the help opens again on the next visit.
  }
}

/** Renders the whole page (trip form, error alert, map and plan) and keeps the trip in the page URL. */
export function PitStopApp({ fetchImpl, searchClients, searchDebounceMs }: PitStopAppProps) {
  const [form, setForm] = useState<TripFormValues>(EMPTY_FORM);
  const [planning, setPlanning] = useState(false);
  const [error, setError] = useState<PlanErrorMessage | null>(null);
  const [result, setResult] = useState<PlanResult | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  // Number of plans that arrived after a submit. Each new value scrolls the plan into view on a phone.
  const [submittedPlans, setSubmittedPlans] = useState(0);
  const planController = useRef<AbortController | null>(null);
  const mapSection = useRef<HTMLElement>(null);

  // requestedRoute is the route that the page URL chose (0 for the fastest), shown when the new plan has it.
  const requestPlan = useCallback(
    async (submission: TripSubmission, history: HistoryMode, requestedRoute = 0) => {
      const trip: PlannedTrip = { ...submission };
      if (history === "push") {
        pushTripToUrl({ from: trip.from, to: trip.to, limit: String(trip.limitMin), margin: String(trip.marginMin) });
      }

      planController.current?.abort();
      const controller = new AbortController();
      planController.current = controller;
      setPlanning(true);
      setError(null);
      try {
        const response = await fetchPlan(trip, { signal: controller.signal, fetchImpl });
        if (controller.signal.aborted) return;
        const routes = routeOptionsFromResponse(response);
        const chosenRoute = chooseRoute(routes, requestedRoute);
        const missingRoute = chosenRoute === requestedRoute ? 0 : requestedRoute;
        if (missingRoute) replaceRouteInUrl(chosenRoute);
        setResult({ trip, routes, chosenRoute, missingRoute });
        if (history === "push") setSubmittedPlans((count) => count + 1);
      } catch (failure) {
        if (isAbortError(failure) || controller.signal.aborted) return;
        setResult(null);
        setError(describePlanError(failure));
      } finally {
        if (planController.current === controller) {
          planController.current = null;
          setPlanning(false);
        }
      }
    },
    [fetchImpl],
  );

  // Fills the form from the page URL and plans at once when the URL names both places.
  const loadFromUrl = useCallback(() => {
    const state = readTripFromSearch(window.location.search);
    setForm({
      fromText: state.from?.name ?? "",
      from: state.from,
      toText: state.to?.name ?? "",
      to: state.to,
      limit: state.limit,
      margin: state.margin,
    });
    const { settings } = validateRideSettings(state.limit, state.margin);
    if (state.from && state.to && settings) {
      void requestPlan({ from: state.from, to: state.to, ...settings }, "none", readRouteChoice(window.location.search));
    } else {
      planController.current?.abort();
      setResult(null);
      setError(null);
    }
  }, [requestPlan]);

  // After a submit that fails validation, the earlier plan, API error and plan URL no longer match the form,
  // so they are cleared. The URL gets the form's places and its valid settings, so that a reload shows
  // this form. An invalid limit or margin is left out, and a reload shows the default instead.
  const handleInvalidSubmit = useCallback(() => {
    planController.current?.abort();
    setError(null);
    setResult(null);
    const { errors } = validateRideSettings(form.limit, form.margin);
    pushTripToUrl({
      from: form.from,
      to: form.to,
      limit: errors.limit ? "" : form.limit,
      margin: errors.margin ? "" : form.margin,
    });
  }, [form]);

  const handleChooseRoute = useCallback(
    (index: number) => {
      if (!result || index < 0 || index >= result.routes.length) return;
      setResult({ ...result, chosenRoute: index, missingRoute: 0 });
      replaceRouteInUrl(index);
    },
    [result],
  );

  useEffect(() => {
    // Someone who opens a shared plan wants to see the plan first, so there the help opens only from the Help button.
    const opensSharedPlan = hasCompleteTrip(readTripFromSearch(window.location.search));
    if (!opensSharedPlan && !readHelpSeen()) setHelpOpen(true);
    loadFromUrl();
    window.addEventListener("popstate", loadFromUrl);
    return () => {
      window.removeEventListener("popstate", loadFromUrl);
      planController.current?.abort();
    };
  }, [loadFromUrl]);

  useEffect(() => {
    if (submittedPlans > 0) scrollPlanIntoView(mapSection.current);
  }, [submittedPlans]);

  function closeHelp() {
    setHelpOpen(false);
    storeHelpSeen();
  }

  const planIsStale = result !== null && !formMatchesTrip(form, result.trip);

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand__logo" aria-hidden="true">
            P
          </span>
          <div>
            <h1 className="brand__name">PitStop</h1>
            <p className="brand__tagline">Bike-share trips with pit stops, so that no ride goes over your pass&apos;s limit.</p>
          </div>
        </div>
        <button type="button" className="button button--secondary" aria-haspopup="dialog" onClick={() => setHelpOpen(true)}>
          Help
        </button>
      </header>

      <main className="layout">
        <section className="layout__form panel" aria-labelledby="trip-heading">
          <h2 id="trip-heading" className="panel__heading">
            Plan a trip
          </h2>
          <TripForm
            values={form}
            onChange={setForm}
            onSubmit={(submission) => void requestPlan(submission, "push")}
            onInvalidSubmit={handleInvalidSubmit}
            planning={planning}
            searchClients={searchClients}
            searchDebounceMs={searchDebounceMs}
          />
          <div id="plan-error" role="alert" className={error ? "alert" : "alert alert--empty"}>
            {error ? (
              <>
                <p className="alert__summary">{error.summary}</p>
                {error.detail ? (
                  <details className="alert__details">
                    <summary>Technical details</summary>
                    <code>{error.detail}</code>
                  </details>
                ) : null}
              </>
            ) : null}
          </div>
        </section>

        <section
          ref={mapSection}
          className={planIsStale ? "layout__map layout__map--stale" : "layout__map"}
          aria-label="Map"
        >
          <TripMap
            trip={result?.trip ?? null}
            routes={result?.routes ?? NO_ROUTES}
            chosenRoute={result?.chosenRoute ?? 0}
            onChooseRoute={handleChooseRoute}
          />
        </section>

        <section className="layout__plan panel" aria-labelledby="plan-heading" aria-busy={planning}>
          {result ? (
            <>
              <p className={planIsStale ? "stale-note" : "visually-hidden"} role="status">
                {planIsStale ? "The form has changed: press Plan trip to update the plan." : ""}
              </p>
              <div className={planIsStale ? "plan-wrapper plan-wrapper--stale" : "plan-wrapper"}>
                <PlanPanel
                  trip={result.trip}
                  routes={result.routes}
                  chosenRoute={result.chosenRoute}
                  onChooseRoute={handleChooseRoute}
                  missingRoute={result.missingRoute}
                />
              </div>
            </>
          ) : (
            <>
              <h2 id="plan-heading" className="panel__heading">
                Your plan
              </h2>
              <p className="placeholder">
                {planning ? "Planning…" : "Choose a start and a destination, then press Plan trip. The rides, pit stops and the final walk appear here."}
              </p>
            </>
          )}
        </section>
      </main>

      <HelpDialog open={helpOpen} onClose={closeHelp} />
    </div>
  );
}
