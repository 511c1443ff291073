import type { GeoJsonLineString } from "./types";

/**
 * Decodes an encoded polyline (Google's algorithm) into [lat, lon] pairs.
 * The backend encodes with precision 5, that is coordinates times 1e5.
 * Throws an Error when the text ends in the middle of a value.
 */
export function decodePolyline(encoded: string, precision = 5): [number, number][] {
  const factor = 10 ** precision;
  const points: [number, number][] = [];
  let index = 0;
  let lat = 0;
  let lon = 0;

  const readDelta = (): number => {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      if (index >= encoded.length) {
        throw new Error(`Invalid encoded polyline: it ends inside a value at character ${index}`);
      }
      byte = encoded.charCodeAt(index++) - 63;
      if (byte < 0 || byte > 63) {
        throw new Error(`Invalid encoded polyline: character ${index - 1} is outside the encoding's range`);
      }
      result |= (byte & 0x1f) << shift;
      shift += 5;
    } while (byte >= 0x20);
    // The lowest bit carries the sign; the value is stored shifted left by one.
    return result & 1 ? ~(result >> 1) : result >> 1;
  };

  while (index < encoded.length) {
    lat += readDelta();
    lon += readDelta();
    points.push([lat / factor, lon / factor]);
  }
  return points;
}

/** Returns a ride geometry as [lat, lon] pairs, whichever of the two API formats it arrived in. */
export function geometryToLatLngs(geometry: string | GeoJsonLineString): [number, number][] {
  if (typeof geometry === "string") return decodePolyline(geometry, 5);
  return geometry.coordinates.map(([lon, lat]) => [lat, lon]);
}
