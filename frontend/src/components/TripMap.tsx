"use client";

import type * as Leaflet from "leaflet";
import { useEffect, useRef, useState } from "react";

import { firstWalkLine } from "@/lib/firstWalk";
import { formatDistance, formatDuration, formatMinutes, formatRideMinutes } from "@/lib/format";
import { rideColour } from "@/lib/palette";
import { describeDeviation, describeSpot } from "@/lib/parking";
import { geometryToLatLngs } from "@/lib/polyline";
import { describeShare, type RouteOption } from "@/lib/routes";
import type { Plan, Ride } from "@/lib/types";

import { budgetMinutes, type PlannedTrip } from "./PlanPanel";

const ONEMAP_TILE_URL = "https://www.onemap.gov.sg/maps/tiles/Default/{z}/{x}/{y}.png";
const ONEMAP_ATTRIBUTION =
  '<img src="https://www.onemap.gov.sg/web-assets/images/logo/om_logo.png" style="height:20px;width:20px;"/>&nbsp;' +
  '<a href="https://www.onemap.gov.sg/" target="_blank" rel="noopener noreferrer">OneMap</a>&nbsp;&copy;&nbsp;contributors' +
  '&nbsp;&#124;&nbsp;<a href="https://www.sla.gov.sg/" target="_blank" rel="noopener noreferrer">Singapore Land Authority</a>';
// The route and parking data are credited apart from the tiles, so they stay when the tile source changes.
const DATA_ATTRIBUTION =
  '&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener noreferrer">OpenStreetMap</a> contributors' +
  "&nbsp;&#124;&nbsp;Contains information from LTA DataMall";

// NEXT_PUBLIC_ values are inlined when `next build` runs, so changing them needs a new build.
const TILE_URL = process.env.NEXT_PUBLIC_TILE_URL || ONEMAP_TILE_URL;
const TILE_ATTRIBUTION = process.env.NEXT_PUBLIC_TILE_ATTRIBUTION || (TILE_URL === ONEMAP_TILE_URL ? ONEMAP_ATTRIBUTION : "");

const SINGAPORE_CENTRE: [number, number] = [1.3521, 103.8198];
const TRANSPARENT_PIXEL = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";

type LeafletModule = typeof Leaflet;

function markerIcon(L: LeafletModule, modifier: string, label: string): Leaflet.DivIcon {
  return L.divIcon({
    className: `map-marker map-marker--${modifier}`,
    html: `<span aria-hidden="true">${label}</span>`,
    iconSize: [30, 30],
    iconAnchor: [15, 15],
    popupAnchor: [0, -16],
  });
}

/**
 * Builds the destination marker as a pin: its tip marks the point and its round head, with the label, sits
 * above it. The last parking spot is often a few metres from the destination, where a round D centred on
 * the point would lie under or over the round P. With the head above the point, the P marker covers at
 * most the tip of the pin at any zoom, and the pin is drawn above P, so both labels stay readable.
 */
function destinationIcon(L: LeafletModule): Leaflet.DivIcon {
  return L.divIcon({
    className: "map-marker map-marker--destination map-marker--pin",
    html: '<span class="map-marker__head" aria-hidden="true">D</span>',
    iconSize: [30, 42],
    iconAnchor: [15, 42],
    popupAnchor: [0, -40],
  });
}

// Draw order of the markers: the pit stops above the start, and the destination pin above the pit stops.
const START_Z_OFFSET = 500;
const STOP_Z_OFFSET = 1000;
const DESTINATION_Z_OFFSET = 1500;

function textElement(tag: string, text: string, className?: string): HTMLElement {
  const element = document.createElement(tag);
  element.textContent = text;
  if (className) element.className = className;
  return element;
}

/** Builds a parking spot popup with DOM nodes, so spot descriptions from the data are never parsed as HTML. */
function spotPopup(plan: Plan, ride: Ride, index: number, title: string): HTMLElement {
  const popup = document.createElement("div");
  popup.className = "map-popup";
  popup.append(textElement("p", title, "map-popup__title"));
  popup.append(textElement("p", ride.to.name, "map-popup__name"));
  popup.append(textElement("p", describeSpot(ride.to)));
  popup.append(textElement("p", describeDeviation(ride.deviation_m)));
  popup.append(
    textElement("p", `Ride ${index + 1}: ${formatRideMinutes(ride.duration_s)} of ${formatMinutes(budgetMinutes(plan))} min`),
  );
  return popup;
}

function placePopup(title: string, name: string): HTMLElement {
  const popup = document.createElement("div");
  popup.className = "map-popup";
  popup.append(textElement("p", title, "map-popup__title"));
  popup.append(textElement("p", name, "map-popup__name"));
  return popup;
}

// Style of both walks, to the first ride and from the last parking spot: a dotted grey line, thinner than a ride line.
const WALK_STYLE: Leaflet.PolylineOptions = { color: "#3d4650", weight: 4, dashArray: "2 8", lineCap: "round", interactive: false };

// Routes other than the chosen one: thinner than a ride line and grey, so the chosen route's colours stand out.
const OTHER_ROUTE_STYLE: Leaflet.PolylineOptions = { color: "#6b7682", weight: 4, opacity: 0.85 };
const OTHER_ROUTE_HOVER_STYLE: Leaflet.PolylineOptions = { color: "#3d4650", weight: 5, opacity: 1 };

function describeOtherRoute(route: RouteOption): string {
  const figures = [formatDuration(route.plan.total_time_s), formatDistance(route.plan.total_distance_m)];
  if (route.sharedWithFastest !== null) figures.push(describeShare(route.sharedWithFastest));
  return `${route.label}: ${figures.join(", ")}. Click to choose this route.`;
}

/**
 * Draws every route but the chosen one as a grey line, one segment per ride, and extends the bounds
 * over them. Clicking a line calls choose with that route's position. They are drawn before the chosen
 * route, so they lie under it.
 */
function drawOtherRoutes(
  L: LeafletModule,
  layer: Leaflet.LayerGroup,
  routes: readonly RouteOption[],
  chosenRoute: number,
  choose: (index: number) => void,
  bounds: Leaflet.LatLngBounds,
) {
  routes.forEach((route, index) => {
    if (index === chosenRoute) return;
    const segments = route.plan.rides.map((ride) => geometryToLatLngs(ride.geometry)).filter((points) => points.length >= 2);
    if (segments.length === 0) return;
    L.polyline(segments, { color: "#ffffff", weight: 7, opacity: 0.8, interactive: false }).addTo(layer);
    const line = L.polyline(segments, { ...OTHER_ROUTE_STYLE, className: "map-alternative" });
    line
      .bindTooltip(describeOtherRoute(route), { sticky: true })
      .on("click", () => choose(index))
      .on("mouseover", () => line.setStyle(OTHER_ROUTE_HOVER_STYLE))
      .on("mouseout", () => line.setStyle(OTHER_ROUTE_STYLE))
      .addTo(layer);
    segments.forEach((points) => points.forEach((point) => bounds.extend(point)));
  });
}

/** Draws the plan on the layer and extends the bounds over everything drawn. */
function drawPlan(L: LeafletModule, layer: Leaflet.LayerGroup, plan: Plan, trip: PlannedTrip, bounds: Leaflet.LatLngBounds) {
  plan.rides.forEach((ride, index) => {
    const points = geometryToLatLngs(ride.geometry);
    if (points.length < 2) return;
    // A white casing under each line keeps it visible on dark and busy tiles.
    L.polyline(points, { color: "#ffffff", weight: 8, opacity: 0.9, interactive: false }).addTo(layer);
    L.polyline(points, { color: rideColour(index), weight: 5, opacity: 1, className: "map-ride" })
      .bindTooltip(`Ride ${index + 1}: ${formatRideMinutes(ride.duration_s)} of ${formatMinutes(budgetMinutes(plan))} min`, {
        sticky: true,
      })
      .addTo(layer);
    points.forEach((point) => bounds.extend(point));
  });

  // Without this line, the map leaves a gap between the start marker and ride 1 when the start lies off the roads.
  const walkToFirstRide = firstWalkLine(plan, trip.from);
  if (walkToFirstRide) {
    L.polyline(walkToFirstRide, { ...WALK_STYLE, className: "map-walk map-walk--first" }).addTo(layer);
    walkToFirstRide.forEach((point) => bounds.extend(point));
  }

  if (plan.walk.distance_m > 0) {
    const walk: [number, number][] = [
      [plan.walk.from.lat, plan.walk.from.lon],
      [plan.walk.to.lat, plan.walk.to.lon],
    ];
    L.polyline(walk, { ...WALK_STYLE, className: "map-walk map-walk--final" }).addTo(layer);
    walk.forEach((point) => bounds.extend(point));
  }

  const start: [number, number] = [trip.from.lat, trip.from.lon];
  const destination: [number, number] = [trip.to.lat, trip.to.lon];
  L.marker(start, { icon: markerIcon(L, "start", "S"), title: `Start: ${trip.from.name}`, zIndexOffset: START_Z_OFFSET })
    .bindPopup(placePopup("Start", trip.from.name))
    .addTo(layer);
  L.marker(destination, {
    icon: destinationIcon(L),
    title: `Destination: ${trip.to.name}`,
    zIndexOffset: DESTINATION_Z_OFFSET,
  })
    .bindPopup(placePopup("Destination", trip.to.name))
    .addTo(layer);
  bounds.extend(start).extend(destination);

  plan.rides.forEach((ride, index) => {
    if (ride.to.spot_id === undefined) return;
    const isLast = index === plan.rides.length - 1;
    const title = isLast ? "Last parking spot" : `Pit stop ${index + 1}`;
    const label = isLast ? "P" : String(index + 1);
    const point: [number, number] = [ride.to.lat, ride.to.lon];
    L.marker(point, {
      icon: markerIcon(L, isLast ? "parking" : "stop", label),
      title: `${title}: ${ride.to.name}`,
      zIndexOffset: STOP_Z_OFFSET,
    })
      .bindPopup(spotPopup(plan, ride, index, title))
      .addTo(layer);
    bounds.extend(point);
  });
}

export interface TripMapProps {
  trip: PlannedTrip | null;
  /** The fastest route first, then its alternatives; empty when there is no plan. */
  routes: readonly RouteOption[];
  /** Position in routes of the route drawn in colour with its pit stops. */
  chosenRoute: number;
  /** Called with a route's position when the rider clicks its grey line. */
  onChooseRoute?: (index: number) => void;
}

/**
 * Renders the Leaflet map. Leaflet touches `window` when it loads, so it is imported
 * inside an effect and never runs on the server. The routes and markers are drawn from
 * the plan alone, so the map stays usable when the tiles fail to load. The chosen route
 * has a colour per ride and the pit stop markers, and the other routes lie under it in grey.
 */
export function TripMap({ trip, routes, chosenRoute, onChooseRoute }: TripMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const leafletRef = useRef<{ L: LeafletModule; map: Leaflet.Map; layer: Leaflet.LayerGroup } | null>(null);
  const [ready, setReady] = useState(false);
  const [tilesFailed, setTilesFailed] = useState(false);
  // The map fits its view to a new plan once, so that choosing another route of the same plan does not move it.
  const fittedRoutes = useRef<readonly RouteOption[] | null>(null);
  // Kept in a ref, so that a new callback from the parent does not redraw the map.
  const chooseRef = useRef(onChooseRoute);
  useEffect(() => {
    chooseRef.current = onChooseRoute;
  }, [onChooseRoute]);

  useEffect(() => {
    let cancelled = false;
    let map: Leaflet.Map | null = null;
    let resizeObserver: ResizeObserver | null = null;

    import("leaflet").then((module) => {
      const L = ((module as { default?: LeafletModule }).default ?? module) as LeafletModule;
      if (cancelled || !containerRef.current) return;
      // Half zoom steps let a fitted route fill more of a small phone map than whole steps do.
      map = L.map(containerRef.current, { center: SINGAPORE_CENTRE, zoom: 12, zoomControl: true, zoomSnap: 0.5 });
      const tiles = L.tileLayer(TILE_URL, {
        attribution: TILE_ATTRIBUTION,
        maxZoom: 19,
        minZoom: 11,
        errorTileUrl: TRANSPARENT_PIXEL,
      });
      tiles.on("tileerror", () => setTilesFailed(true));
      tiles.addTo(map);
      map.attributionControl.addAttribution(DATA_ATTRIBUTION);
      const layer = L.layerGroup().addTo(map);
      // Leaflet reads the container's size only on window resizes. The tile note below the map, or a
      // layout change, can resize the container without one, and the map would then centre on the old size.
      if (typeof ResizeObserver === "function") {
        const createdMap = map;
        resizeObserver = new ResizeObserver(() => createdMap.invalidateSize());
        resizeObserver.observe(containerRef.current);
      }
      leafletRef.current = { L, map, layer };
      setReady(true);
    });

    return () => {
      cancelled = true;
      resizeObserver?.disconnect();
      map?.remove();
      leafletRef.current = null;
    };
  }, []);

  useEffect(() => {
    const leaflet = leafletRef.current;
    if (!ready || !leaflet) return;
    leaflet.layer.clearLayers();
    const chosen = routes[chosenRoute];
    if (!chosen || !trip) {
      fittedRoutes.current = null;
      return;
    }
    const bounds = leaflet.L.latLngBounds([]);
    drawOtherRoutes(leaflet.L, leaflet.layer, routes, chosenRoute, (index) => chooseRef.current?.(index), bounds);
    drawPlan(leaflet.L, leaflet.layer, chosen.plan, trip, bounds);
    if (fittedRoutes.current !== routes && bounds.isValid()) {
      // The destination pin rises 42 px above its point, so the top edge keeps more room than the sides.
      // The credits lie over the bottom of the map and take several lines on a phone, so the route stays above them.
      const credits = leaflet.map.attributionControl?.getContainer()?.offsetHeight ?? 0;
      leaflet.map.fitBounds(bounds, { paddingTopLeft: [32, 48], paddingBottomRight: [32, 16 + credits], maxZoom: 17 });
      fittedRoutes.current = routes;
    }
  }, [ready, routes, chosenRoute, trip]);

  return (
    <div className="map-wrapper">
      <div
        ref={containerRef}
        className="map"
        data-testid="map"
        data-ready={ready ? "true" : "false"}
        role="region"
        aria-label="Map of the planned trip"
      />
      {tilesFailed ? (
        <p className="map-note" role="status">
          Map tiles could not be loaded. The route and stops are still drawn.
        </p>
      ) : null}
    </div>
  );
}
