import { formatDistance } from "./format";
import type { PlanPlace } from "./types";

// Owners whose DataMall abbreviation reads badly in upper case.
const RACK_OWNER_NAMES: Record<string, string> = {
  NPARKS: "NParks",
  SPORTSG: "SportSG",
  "NANYANG POLY": "Nanyang Poly",
};

/**
 * Turns a DataMall rack type such as "HDB_RACKS" into "HDB racks". Other values are
 * shown with underscores as spaces, such as "Yellow Box".
 */
export function formatRackType(rackType: string | undefined): string {
  if (!rackType) return "Unknown rack type";
  const match = /^([A-Z][A-Z ]*)_RACKS$/.exec(rackType);
  if (!match) return rackType.replaceAll("_", " ");
  const owner = RACK_OWNER_NAMES[match[1]] ?? match[1];
  return `${owner} racks`;
}

/** Describes a parking spot's racks and shelter, such as "HDB racks, 20 racks, sheltered". */
export function describeSpot(place: PlanPlace): string {
  const parts = [formatRackType(place.rack_type)];
  if (typeof place.rack_count === "number") parts.push(`${place.rack_count} ${place.rack_count === 1 ? "rack" : "racks"}`);
  if (typeof place.sheltered === "boolean") parts.push(place.sheltered ? "sheltered" : "not sheltered");
  return parts.join(", ");
}

/**
 * Describes a ride's deviation_m, such as "713 m off the direct route", in the CLI's words. It is how far the
 * spot lies from the direct route, not the extra distance ridden, so the app never calls it a detour.
 */
export function describeDeviation(deviationMetres: number): string {
  return `${formatDistance(deviationMetres)} off the direct route`;
}
