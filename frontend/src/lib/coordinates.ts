import type { LatLon } from "./types";

/**
 * Kind of typed place text: a valid point, invalid coordinates with a message naming
 * the value, or other text, which the place search handles.
 */
export type LatLonText = { kind: "point"; point: LatLon } | { kind: "invalid"; message: string } | { kind: "text" };

// Same rule as the search API's looks_like_coordinate: only digits, signs, dots, spaces and exactly one comma.
const COORDINATE_CHARACTERS = /^[\d.,+\-\s]*$/;
const DECIMAL_NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)$/;
const EXAMPLE = "1.3328,103.8471";
// Longer typed values are cut in messages, so that a pasted string of digits stays readable.
const MAX_QUOTED_VALUE_LENGTH = 20;

interface Axis {
  label: "Latitude" | "Longitude";
  limit: number;
  missing: string;
}

const LATITUDE: Axis = { label: "Latitude", limit: 90, missing: "before" };
const LONGITUDE: Axis = { label: "Longitude", limit: 180, missing: "after" };

function quote(value: string): string {
  return value.length > MAX_QUOTED_VALUE_LENGTH ? `${value.slice(0, MAX_QUOTED_VALUE_LENGTH)}…` : value;
}

/** Parses one half of "LAT,LON". Returns the number, or a message naming the typed value. */
function readAxis(text: string, axis: Axis): { value: number } | { message: string } {
  const trimmed = text.trim();
  if (trimmed === "") {
    return { message: `Type a ${axis.label.toLowerCase()} ${axis.missing} the comma, such as ${EXAMPLE}.` };
  }
  if (!DECIMAL_NUMBER.test(trimmed)) {
    return { message: `${axis.label} “${quote(trimmed)}” is not a number: type decimal degrees, such as ${EXAMPLE}.` };
  }
  const value = Number(trimmed);
  // A string of several hundred digits parses as Infinity, which fails the range check like any large value.
  if (!Number.isFinite(value) || Math.abs(value) > axis.limit) {
    return { message: `${axis.label} ${quote(trimmed)} is out of range: use -${axis.limit} to ${axis.limit}.` };
  }
  return { value };
}

/**
 * Reads text typed into a place input. Text made only of digits, signs, dots and
 * spaces with exactly one comma is taken as "LAT,LON" in decimal degrees and checked:
 * latitude -90 to 90, longitude -180 to 180, both finite. Any other text is a place name.
 */
export function readLatLonText(text: string): LatLonText {
  const hasDigit = /\d/.test(text);
  const commaCount = text.split(",").length - 1;
  if (!hasDigit || commaCount !== 1 || !COORDINATE_CHARACTERS.test(text)) return { kind: "text" };

  const [latText, lonText] = text.split(",");
  const lat = readAxis(latText, LATITUDE);
  const lon = readAxis(lonText, LONGITUDE);
  if ("value" in lat && "value" in lon) return { kind: "point", point: { lat: lat.value, lon: lon.value } };

  const messages = [lat, lon].flatMap((axis) => ("message" in axis ? [axis.message] : []));
  // Typing longitude first ("103.8,1.3") is a common slip, so the message adds a hint when the swapped order is valid.
  const swappedLat = readAxis(lonText, LATITUDE);
  const swappedLon = readAxis(latText, LONGITUDE);
  if ("message" in lat && "value" in swappedLat && "value" in swappedLon) {
    messages.push(`Type the latitude first: ${lonText.trim()},${latText.trim()}.`);
  }
  return { kind: "invalid", message: messages.join(" ") };
}

/** Parses "LAT,LON" in decimal degrees. Returns null for other text and for invalid coordinates. */
export function parseLatLon(text: string): LatLon | null {
  const result = readLatLonText(text);
  return result.kind === "point" ? result.point : null;
}

/** Formats a point as "LAT,LON" with 6 decimals (about 0.1 m), the form the plan API takes. */
export function formatLatLon(point: LatLon): string {
  return `${point.lat.toFixed(6)},${point.lon.toFixed(6)}`;
}

/** Formats a point for people to read as "LAT, LON" with 5 decimals (about 1 m), such as "1.33287, 103.84714". */
export function formatLatLonName(point: LatLon): string {
  return `${point.lat.toFixed(5)}, ${point.lon.toFixed(5)}`;
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Returns the great-circle (haversine) distance between two points in metres, on a sphere of the Earth's mean radius. */
export function distanceMetres(a: LatLon, b: LatLon): number {
  const radians = Math.PI / 180;
  const dLat = (b.lat - a.lat) * radians;
  const dLon = (b.lon - a.lon) * radians;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * radians) * Math.cos(b.lat * radians) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
