import { readLatLonText } from "./coordinates";
import type { Place } from "./types";

export const MIN_LIMIT_MIN = 1;
export const MAX_LIMIT_MIN = 240;
/** The plan API rejects a margin above the limit minus this many minutes, so that every ride keeps some riding time. */
export const MIN_RIDING_TIME_MIN = 0.5;

export interface TripFieldErrors {
  from?: string;
  to?: string;
  limit?: string;
  margin?: string;
}

export interface RideSettings {
  limitMin: number;
  marginMin: number;
}

function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/**
 * Checks the ride limit (1 to 240 minutes) and the safety margin (at least 0 and less than the limit).
 * Returns the parsed settings when both are valid, and a message for each invalid field otherwise.
 */
export function validateRideSettings(
  limitText: string,
  marginText: string,
): { settings: RideSettings | null; errors: TripFieldErrors } {
  const errors: TripFieldErrors = {};
  const limit = parseNumber(limitText);
  const margin = parseNumber(marginText);

  if (limitText.trim() === "") {
    errors.limit = "Enter a ride limit in minutes.";
  } else if (limit === null) {
    errors.limit = "The ride limit must be a number of minutes, such as 30.";
  } else if (limit < MIN_LIMIT_MIN || limit > MAX_LIMIT_MIN) {
    errors.limit = `The ride limit must be between ${MIN_LIMIT_MIN} and ${MAX_LIMIT_MIN} minutes.`;
  }

  if (marginText.trim() === "") {
    errors.margin = "Enter a safety margin in minutes (0 for none).";
  } else if (margin === null) {
    errors.margin = "The safety margin must be a number of minutes, such as 2.";
  } else if (margin < 0) {
    errors.margin = "The safety margin cannot be negative.";
  } else if (limit !== null && errors.limit === undefined && margin > limit - MIN_RIDING_TIME_MIN) {
    errors.margin =
      `The safety margin must be less than the ride limit: ` +
      `at most ${limit - MIN_RIDING_TIME_MIN} min for a ${limit} min limit.`;
  }

  const valid = limit !== null && margin !== null && Object.keys(errors).length === 0;
  return { settings: valid ? { limitMin: limit, marginMin: margin } : null, errors };
}

/** Returns the message for typed coordinates that are out of range or not numbers, or undefined for other text. */
export function describeInvalidCoordinates(text: string): string | undefined {
  const coordinates = readLatLonText(text.trim());
  return coordinates.kind === "invalid" ? coordinates.message : undefined;
}

function endSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * Checks that a place was chosen. The text is what the input shows, so that the
 * message can tell an empty input, invalid coordinates, a failed search and an
 * unpicked name apart. searchError is the search API's message for that text, if it sent one.
 */
export function validatePlace(
  place: Place | null,
  text: string,
  role: "start" | "destination",
  searchError?: string,
): string | undefined {
  if (place) return undefined;
  if (text.trim() === "") return `Enter a ${role}: a place name or lat,lon.`;
  const coordinateError = describeInvalidCoordinates(text);
  if (coordinateError) return coordinateError;
  if (searchError) return `The ${role} search failed: ${endSentence(searchError)} You can also type the ${role} as lat,lon.`;
  return `Pick the ${role} from the suggestions, or type it as lat,lon (for example 1.3328,103.8471).`;
}
