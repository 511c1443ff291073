import type { LatLon } from "./types";

const LAT_LON_PATTERN = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/;

/**
 * Parses "LAT,LON" in decimal degrees (spaces around the comma allowed).
 * Returns null for other text or for a latitude outside ±90 or a longitude outside ±180.
 */
export function parseLatLon(text: string): LatLon | null {
  const match = LAT_LON_PATTERN.exec(text);
  if (!match) return null;
  const lat = Number(match[1]);
  const lon = Number(match[2]);
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon };
}

/** Formats a point as "LAT,LON" with 6 decimals (about 0.1 m), the form the plan API takes. */
export function formatLatLon(point: LatLon): string {
  return `${point.lat.toFixed(6)},${point.lon.toFixed(6)}`;
}
