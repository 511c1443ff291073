import { useRef, type KeyboardEvent } from "react";

import { formatDistance, formatDuration } from "@/lib/format";
import { describePitStops, describeShare, type RouteOption } from "@/lib/routes";

/** Id of the tab for the route at a position in the route list, which the tab panel names as its label. */
export function routeTabId(index: number): string {
  return `route-tab-${index}`;
}

export interface RouteTabsProps {
  routes: readonly RouteOption[];
  chosenRoute: number;
  onChooseRoute: (index: number) => void;
  /** Id of the tab panel that shows the chosen route's plan. */
  panelId: string;
}

/** Returns the tab that a navigation key moves to, or null for any other key. */
function targetTab(key: string, current: number, count: number): number | null {
  switch (key) {
    case "ArrowDown":
    case "ArrowRight":
      return (current + 1) % count;
    case "ArrowUp":
    case "ArrowLeft":
      return (current - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}

/**
 * Renders the fastest route and its alternatives as a vertical ARIA tab list, one row per route with its
 * time, distance, pit stops, feasibility and shared length. The arrow keys, Home and End move between the
 * tabs and choose the route at once (the tab pattern's automatic activation), and only the chosen tab is
 * in the Tab order.
 */
export function RouteTabs({ routes, chosenRoute, onChooseRoute, panelId }: RouteTabsProps) {
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const focused = tabs.current.findIndex((tab) => tab === event.target);
    const target = targetTab(event.key, focused >= 0 ? focused : chosenRoute, routes.length);
    if (target === null) return;
    event.preventDefault();
    onChooseRoute(target);
    tabs.current[target]?.focus();
  }

  return (
    <div role="tablist" aria-label="Routes" aria-orientation="vertical" className="route-tabs" onKeyDown={handleKeyDown}>
      {routes.map((route, index) => {
        const selected = index === chosenRoute;
        const { plan } = route;
        return (
          <button
            key={index}
            ref={(element) => {
              tabs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={routeTabId(index)}
            aria-selected={selected}
            aria-controls={panelId}
            tabIndex={selected ? 0 : -1}
            className={selected ? "route-tab route-tab--selected" : "route-tab"}
            onClick={() => onChooseRoute(index)}
          >
            <span className="route-tab__head">
              <span className="route-tab__name">
                <span className="route-tab__line" aria-hidden="true" />
                {route.label}
              </span>
              <span className="route-tab__figures">
                {formatDuration(plan.total_time_s)} · {formatDistance(plan.total_distance_m)}
              </span>
            </span>
            <span className="route-tab__details">
              {describePitStops(plan.pit_stops)}
              {" · "}
              <span className={plan.feasible ? "route-tab__feasible" : "route-tab__infeasible"}>
                {plan.feasible ? "feasible" : "not feasible"}
              </span>
              {route.sharedWithFastest !== null ? ` · ${describeShare(route.sharedWithFastest)}` : null}
            </span>
          </button>
        );
      })}
    </div>
  );
}
