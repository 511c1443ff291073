import { distanceMetres } from "./coordinates";
import { formatRackType } from "./parking";
import type { Suggestion } from "./types";

const KIND_LABELS: Record<string, string> = {
  street: "Street",
  place: "Place",
  amenity: "Amenity",
  parking: "Bicycle parking",
  coordinate: "Coordinates",
  address: "Address",
};

// A parking spot's id, such as "lta-31ab286699cdaa0e" or "lta-31ab286699cdaa0e-2" for a second spot with the same fields.
const PARKING_ID = /\s*\blta-[0-9a-f]+(?:-\d+)?$/i;

/**
 * Returns the "(detail)" part of the search API's ADDRESS, which it builds as
 * "NAME (DETAIL)" for stations (line codes) and parking spots (rack type and id).
 * Returns "" when the address has no such part.
 */
function bracketedDetail(suggestion: Suggestion): string {
  const prefix = `${suggestion.name} (`;
  if (!suggestion.address.startsWith(prefix) || !suggestion.address.endsWith(")")) return "";
  return suggestion.address.slice(prefix.length, -1).trim();
}

/**
 * Describes a suggestion in the short line under its name, such as "MRT station · NS19",
 * "Street" or "Bicycle parking · MRT racks". The name itself and internal ids are left out.
 */
export function describeSuggestion(suggestion: Suggestion): string {
  switch (suggestion.kind) {
    case "station": {
      const type = /\bLRT\b/i.test(suggestion.name) ? "LRT station" : "MRT station";
      const lineCodes = bracketedDetail(suggestion);
      return lineCodes ? `${type} · ${lineCodes}` : type;
    }
    case "parking": {
      const rackType = bracketedDetail(suggestion).replace(PARKING_ID, "");
      return rackType ? `Bicycle parking · ${formatRackType(rackType)}` : "Bicycle parking";
    }
    case "address":
      // OneMap's results contain a full postal address, which distinguishes places of the same name.
      return suggestion.address && suggestion.address !== suggestion.name ? `Address · ${suggestion.address}` : "Address";
    default:
      return KIND_LABELS[suggestion.kind] ?? "";
  }
}

/**
 * Suggestions of the same name closer together than this are taken as one place. The search can return a
 * road once per OSM way, and two entries of one name a few metres apart look the same in the list.
 * NOTE: entries of one name further apart stay, such as the two "Woodlands Road" points about 800 m
 * apart in the real data, and nothing in the list distinguishes them.
 */
export const DUPLICATE_DISTANCE_M = 200;

function sameName(a: Suggestion, b: Suggestion): boolean {
  return a.name.trim().toLowerCase() === b.name.trim().toLowerCase();
}

/**
 * Drops every suggestion that has the same name (ignoring case) as an earlier one within
 * DUPLICATE_DISTANCE_M, so the first of each group stays, in the API's order.
 */
export function dropDuplicateSuggestions(suggestions: readonly Suggestion[]): Suggestion[] {
  const unique: Suggestion[] = [];
  for (const suggestion of suggestions) {
    const duplicate = unique.some(
      (earlier) => sameName(earlier, suggestion) && distanceMetres(earlier, suggestion) <= DUPLICATE_DISTANCE_M,
    );
    if (!duplicate) unique.push(suggestion);
  }
  return unique;
}

/** Returns the text that screen readers hear when the list opens, such as "1 suggestion. …". */
export function describeSuggestionCount(count: number): string {
  const noun = count === 1 ? "suggestion" : "suggestions";
  const keys = count === 1 ? "Press Enter to pick it, or use the down arrow key." : "Use the up and down arrow keys to choose one.";
  return `${count} ${noun}. ${keys}`;
}
