import { formatMinutes, formatRideMinutes } from "./format";
import { describeSpot } from "./parking";
import { geometryToLatLngs } from "./polyline";
import type { Plan, Ride } from "./types";

/**
 * Escapes text for XML content and attributes. XML 1.0 forbids most control characters even when
 * escaped, so those are dropped, as the backend's GPX writer does.
 */
export function escapeXml(text: string): string {
  let escaped = "";
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (character === "&") escaped += "&amp;";
    else if (character === "<") escaped += "&lt;";
    else if (character === ">") escaped += "&gt;";
    else if (character === '"') escaped += "&quot;";
    else if (character === "'") escaped += "&apos;";
    else if (code >= 0x20 || character === "\t" || character === "\n" || character === "\r") escaped += character;
  }
  return escaped;
}

function coordinate(value: number): string {
  return value.toFixed(6);
}

function waypoint(ride: Ride, index: number, isLast: boolean): string {
  const place = ride.to;
  // The panel's words and rounding, such as "HDB racks, 20 racks, sheltered; ride 1 takes 12.7 min".
  const description = `${describeSpot(place)}; ride ${index + 1} takes ${formatRideMinutes(ride.duration_s)} min`;
  return (
    `  <wpt lat="${coordinate(place.lat)}" lon="${coordinate(place.lon)}">\n` +
    `    <name>${escapeXml(place.name)}</name>\n` +
    `    <desc>${escapeXml(description)}</desc>\n` +
    `    <type>${isLast ? "last parking spot" : "pit stop"}</type>\n` +
    "  </wpt>\n"
  );
}

function track(ride: Ride, index: number): string {
  let text = `  <trk>\n    <name>Ride ${index + 1}: ${escapeXml(ride.from.name)} to ${escapeXml(ride.to.name)}</name>\n    <trkseg>\n`;
  for (const [lat, lon] of geometryToLatLngs(ride.geometry)) {
    text += `      <trkpt lat="${coordinate(lat)}" lon="${coordinate(lon)}"/>\n`;
  }
  return text + "    </trkseg>\n  </trk>\n";
}

/**
 * Writes a plan as GPX 1.1 in the layout of the API's format=gpx: a waypoint per parking spot and a
 * track per ride. The API's GPX contains only the fastest route's plan, so the app writes the GPX of
 * an alternative itself. routeNote, when given, ends the metadata description, such as
 * "alternative 1, shares 70% with the fastest".
 *
 * NOTE: the plan's JSON geometry is an encoded polyline with 5 decimals, so track points are rounded
 * to about 1 m, where the API's own GPX keeps 6 decimals.
 */
export function planToGpx(plan: Plan, routeNote = ""): string {
  const rides = plan.rides;
  const summary =
    `${rides.length} ${rides.length === 1 ? "ride" : "rides"}, ride limit ${formatMinutes(plan.ride_limit_s / 60)} min, ` +
    `margin ${formatMinutes(plan.margin_s / 60)} min${plan.feasible ? "" : ", not feasible"}` +
    (routeNote ? `; ${routeNote}` : "");

  let text =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<gpx version="1.1" creator="PitStop" xmlns="http://www.topografix.com/GPX/1/1">\n' +
    "  <metadata>\n" +
    `    <name>${escapeXml(plan.from.name)} to ${escapeXml(plan.to.name)}</name>\n` +
    `    <desc>${escapeXml(summary)}</desc>\n` +
    "  </metadata>\n";
  rides.forEach((ride, index) => {
    if (ride.to.spot_id !== undefined) text += waypoint(ride, index, index === rides.length - 1);
  });
  rides.forEach((ride, index) => {
    text += track(ride, index);
  });
  return text + "</gpx>\n";
}
