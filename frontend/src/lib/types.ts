// Shapes of the PitStop API responses (backend/openapi/openapi.json).

export interface LatLon {
  lat: number;
  lon: number;
}

/** A chosen start or destination: a display name and its coordinates. */
export interface Place extends LatLon {
  name: string;
  /** True for the browser's own position from the Geolocation API, whose name is "My location". */
  isDeviceLocation?: boolean;
}

/** A search result as the place inputs list it. */
export interface Suggestion extends Place {
  /** Place kind from the search API's KIND field, such as "station" or "street"; empty when unknown. */
  kind: string;
  /** Longer text from the ADDRESS field; equals the name when the API has nothing more. */
  address: string;
}

/** One /api/v1/search result. OneMap sends every value as a string, empty where unknown. */
export interface SearchResult {
  SEARCHVAL: string;
  BLK_NO?: string;
  ROAD_NAME?: string;
  BUILDING?: string;
  ADDRESS?: string;
  POSTAL?: string;
  X?: string;
  Y?: string;
  LATITUDE: string;
  LONGITUDE: string;
  KIND?: string;
}

/** A point of the plan; the parking fields are present only when the point is a parking spot. */
export interface PlanPlace extends LatLon {
  name: string;
  spot_id?: string;
  rack_type?: string;
  rack_count?: number;
  sheltered?: boolean;
}

export interface RouteStep {
  maneuver: string;
  modifier: string;
  street_name: string;
  instruction: string;
  distance_m: number;
  duration_s: number;
  location: LatLon;
}

export interface GeoJsonLineString {
  type: "LineString";
  /** [lon, lat] pairs, as GeoJSON orders them. */
  coordinates: [number, number][];
}

export interface Ride {
  from: PlanPlace;
  to: PlanPlace;
  distance_m: number;
  duration_s: number;
  within_budget: boolean;
  /** Walk, pushing the bike, from this ride's start onto the nearest rideable way, in metres. duration_s includes it. */
  access_walk_m: number;
  /** Walk, pushing the bike, from the rideable way to this ride's end, in metres. duration_s includes it. */
  egress_walk_m: number;
  /**
   * Distance from this ride's parking spot to the direct route from the start to the destination, in metres.
   * It is not the extra distance ridden. 0 when the ride ends at no parking spot.
   */
  deviation_m: number;
  /** Encoded polyline (precision 5) by default, or a GeoJSON LineString with geometry=geojson. */
  geometry: string | GeoJsonLineString;
  steps: RouteStep[];
}

export interface Walk {
  from: LatLon;
  to: LatLon;
  distance_m: number;
  duration_s: number;
}

/** One plan of the /api/v2/plan response: the fastest route's plan or one of its alternatives. */
export interface Plan {
  feasible: boolean;
  ride_limit_s: number;
  margin_s: number;
  speed_kmh: number;
  from: PlanPlace;
  to: PlanPlace;
  start_snap_m: number;
  destination_snap_m: number;
  total_distance_m: number;
  total_time_s: number;
  pit_stops: number;
  rides: Ride[];
  walk: Walk;
  warnings: string[];
}

/** A plan that follows an alternative route instead of the fastest one. */
export interface AlternativePlan extends Plan {
  /** Share of this route's length that the fastest route also rides, from 0 to 1. */
  shared_with_fastest: number;
}

/** The /api/v2/plan response: the fastest route's plan, plus its alternatives when the request set alternatives above 0. */
export interface PlanResponse extends Plan {
  /** Absent when the request asked for no alternatives; empty when no route differs enough from the fastest. */
  alternatives?: AlternativePlan[];
}
