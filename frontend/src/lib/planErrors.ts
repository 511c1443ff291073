import { ApiError } from "./api";

/** The area that the map data covers, as riders know it. The backend rejects points outside its box with outside_coverage. */
export const COVERAGE_AREA = "Singapore";

/** A failed plan request as the page shows it: a sentence for the rider and the API's own text for debugging. */
export interface PlanErrorMessage {
  /** Sentence for the rider: what failed and what to do next. */
  summary: string;
  /** The API's status, code, parameter and message, such as "HTTP 400, outside_coverage (to): parameter 'to' = …". Null when there is nothing more to show. */
  detail: string | null;
}

// Names of the plan request's parameters in the form's words.
const FIELD_NAMES: Record<string, string> = {
  from: "start",
  to: "destination",
  rideLimitMin: "ride limit",
  marginMin: "safety margin",
  fromName: "start's name",
  toName: "destination's name",
};

function describeOutsideCoverage(field: string | null): string {
  if (field === "start" || field === "destination") {
    return `The ${field} is outside the area PitStop covers (${COVERAGE_AREA}). Choose a place in ${COVERAGE_AREA}.`;
  }
  return `A place of this trip is outside the area PitStop covers (${COVERAGE_AREA}). Choose places in ${COVERAGE_AREA}.`;
}

// The map data covers Singapore in patches. So a point can lie far from any road in the data, and no road or
// path may join the parts of the data where two points lie.
function describeNotRoutable(field: string | null): string {
  const place = field === "start" || field === "destination" ? `The ${field}` : "A place of this trip";
  return `${place} is too far from any road or path in PitStop's map data, which may not cover that part of ${COVERAGE_AREA}. Choose a place closer to a road, or in another area.`;
}

const NOT_CONNECTED =
  `The start and the destination are in parts of PitStop's map data that are not connected, because the data covers ${COVERAGE_AREA} in patches. ` +
  "Choose places in the same area.";

function describeInvalidValue(field: string | null): string {
  switch (field) {
    case "ride limit":
      return "The ride limit is not valid. Enter a number of minutes from 1 to 240.";
    case "safety margin":
      return "The safety margin is not valid. Enter from 0 minutes up to the ride limit minus half a minute.";
    case "start":
    case "destination":
      return `The ${field} is not a valid place. Pick it again from the suggestions, or type it as lat,lon.`;
    case "start's name":
    case "destination's name":
      return `The ${field} is too long. Pick the place again from the suggestions.`;
    default:
      return "PitStop could not read this trip request. Reload the page and press Plan trip again.";
  }
}

function describeMissingValue(field: string | null): string {
  if (field === null) return "Part of the trip request is missing. Reload the page and press Plan trip again.";
  return `The ${field} is missing. Enter it and press Plan trip again.`;
}

/** Returns the rider's sentence for an API error code, with the field that the API's parameter names. */
function describeApiError(error: ApiError): string {
  const field = error.parameter ? (FIELD_NAMES[error.parameter] ?? null) : null;
  switch (error.code) {
    case "outside_coverage":
      return describeOutsideCoverage(field);
    case "not_routable":
      return describeNotRoutable(field);
    case "not_connected":
      return NOT_CONNECTED;
    case "same_start_and_destination":
      return "The start and the destination are the same place. Choose a destination somewhere else.";
    case "invalid_parameter":
      return describeInvalidValue(field);
    case "missing_parameter":
      return describeMissingValue(field);
    case "not_ready":
      return "PitStop is still loading its map and parking data. Try again in a minute.";
    case "server_busy":
      return "PitStop is busy right now. Try again in a few seconds.";
    case "internal_error":
      return "PitStop failed to plan this trip because of an error on the server. Try again in a minute.";
    // Codes that only a request the app never builds, or an older app talking to a newer server, can cause.
    case "unknown_parameter":
    case "invalid_query":
    case "malformed_request":
    case "not_found":
    case "method_not_allowed":
    case "body_too_large":
    case "target_too_long":
    case "headers_too_large":
      return "The PitStop server could not handle this request. Reload the page to get the current version and try again.";
    default:
      return "PitStop could not plan this trip. Try again in a minute.";
  }
}

// Codes of failures that the API client words for riders itself (see api.ts), so their message is shown as it is.
const CLIENT_CODES = new Set(["http_error", "network_error", "invalid_response"]);

function apiDetail(error: ApiError): string {
  const status = error.status > 0 ? `HTTP ${error.status}, ` : "";
  const parameter = error.parameter ? ` (${error.parameter})` : "";
  return `${status}${error.code}${parameter}: ${error.message}`;
}

/**
 * Turns a failed plan request into a sentence for the rider, keeping the API's message as the detail.
 * The API's messages name query parameters and coordinate boxes, which riders cannot act on.
 */
export function describePlanError(failure: unknown): PlanErrorMessage {
  if (failure instanceof ApiError) {
    if (CLIENT_CODES.has(failure.code)) return { summary: failure.message, detail: null };
    return { summary: describeApiError(failure), detail: apiDetail(failure) };
  }
  const message = failure instanceof Error ? failure.message : String(failure);
  return { summary: "PitStop could not plan this trip. Try again in a minute.", detail: message || null };
}
