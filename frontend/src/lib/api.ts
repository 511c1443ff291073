import { formatLatLon } from "./coordinates";
import type { LatLon, PlanResponse, SearchResult, Suggestion } from "./types";

/** An error response of the PitStop API, or a failure to reach it. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly parameter: string | null;

  constructor(message: string, status: number, code: string, parameter: string | null = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.parameter = parameter;
  }
}

export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>;

const defaultFetch: FetchFunction = (input, init) => fetch(input, init);

function fallbackMessage(status: number): string {
  if (status === 429) return "Too many requests in a short time: wait a few seconds and try again.";
  if (status === 502 || status === 503 || status === 504) {
    return `The PitStop server is not available right now (HTTP ${status}): try again in a minute.`;
  }
  return `The request failed with HTTP status ${status}.`;
}

/**
 * Builds an ApiError from an error response body. The API sends
 * {"error": {"code", "message", "parameter"}}; a body of another shape, such as
 * a gateway's HTML error page, gets a message chosen by the HTTP status.
 */
export function extractApiError(body: string, status: number): ApiError {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(body);
  } catch {
    // Not JSON, so the status alone describes the failure.
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown; parameter?: unknown } } | null)?.error;
  if (error && typeof error.message === "string" && error.message.trim() !== "") {
    return new ApiError(
      error.message,
      status,
      typeof error.code === "string" ? error.code : "error",
      typeof error.parameter === "string" ? error.parameter : null,
    );
  }
  return new ApiError(fallbackMessage(status), status, "http_error");
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException ? error.name === "AbortError" : (error as Error | null)?.name === "AbortError";
}

async function requestJson<T>(url: string, fetchImpl: FetchFunction, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(url, { signal, headers: { Accept: "application/json" } });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(
      "Could not reach the PitStop server: check the connection and try again.",
      0,
      "network_error",
    );
  }
  const body = await response.text();
  if (!response.ok) throw extractApiError(body, response.status);
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new ApiError(`The PitStop server sent an invalid response (HTTP ${response.status}).`, response.status, "invalid_response");
  }
}

/** Converts one search result to a suggestion; returns null when its coordinates are missing or not numbers. */
export function suggestionFromResult(result: SearchResult): Suggestion | null {
  const lat = Number.parseFloat(result.LATITUDE);
  const lon = Number.parseFloat(result.LONGITUDE);
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || !result.SEARCHVAL) return null;
  return {
    name: result.SEARCHVAL,
    lat,
    lon,
    kind: result.KIND ?? "",
    address: result.ADDRESS || result.SEARCHVAL,
  };
}

/** Requests the first page (10 results) of /api/v1/search for the text. */
export async function searchPlaces(
  text: string,
  options: { signal?: AbortSignal; fetchImpl?: FetchFunction } = {},
): Promise<Suggestion[]> {
  const url = `/api/v1/search?${new URLSearchParams({ searchVal: text, pageNum: "1" })}`;
  const results = await requestJson<SearchResult[]>(url, options.fetchImpl ?? defaultFetch, options.signal);
  if (!Array.isArray(results)) return [];
  return results.map(suggestionFromResult).filter((item): item is Suggestion => item !== null);
}

export type SearchOutcome =
  | { status: "ok"; results: Suggestion[] }
  | { status: "stale" }
  | { status: "error"; message: string };

export interface SearchClient {
  /** Searches for the text; the outcome is "stale" when a newer search started or cancel() ran before this one finished. */
  search(text: string): Promise<SearchOutcome>;
  /** Aborts the search under way and marks it stale. */
  cancel(): void;
}

/**
 * Creates a search client for one input. Each search gets a sequence number and
 * aborts the one before it. A response whose number is no longer the latest is
 * reported as stale, so a slow old response never replaces a newer one, even when
 * the fetch function ignores the abort signal.
 */
export function createSearchClient(fetchImpl: FetchFunction = defaultFetch): SearchClient {
  let latest = 0;
  let controller: AbortController | null = null;

  return {
    async search(text: string): Promise<SearchOutcome> {
      const sequence = ++latest;
      controller?.abort();
      const own = new AbortController();
      controller = own;
      try {
        const results = await searchPlaces(text, { signal: own.signal, fetchImpl });
        if (sequence !== latest) return { status: "stale" };
        return { status: "ok", results };
      } catch (error) {
        if (sequence !== latest || isAbortError(error)) return { status: "stale" };
        return { status: "error", message: error instanceof Error ? error.message : String(error) };
      } finally {
        if (controller === own) controller = null;
      }
    },
    cancel() {
      latest++;
      controller?.abort();
      controller = null;
    },
  };
}

/** The plan API rejects a fromName or toName longer than this many bytes of UTF-8. */
export const MAX_PLACE_NAME_BYTES = 200;

/**
 * Alternative routes requested with every plan (the API allows 0 to 3). Two give three choices, which fit as
 * three rows beside the map and on a phone. In a sample of 12 trips between central MRT stations on the real
 * data (15-minute limit), 5 had a third alternative. It added 28% to 43% to the response, and in 4 of the 5 it
 * shared more of its length with the fastest route than the first two alternatives did.
 */
export const PLAN_ALTERNATIVES = 2;

/** A start or destination of a plan request. Its name, if any, replaces the coordinates in the plan and the GPX. */
export type PlanPoint = LatLon & { name?: string };

export interface PlanRequest {
  from: PlanPoint;
  to: PlanPoint;
  limitMin: number;
  marginMin: number;
}

/** Cuts text to at most maxBytes of UTF-8 without splitting a character, ending a cut text with "…". */
export function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  const ellipsis = "…";
  const budget = maxBytes - encoder.encode(ellipsis).length;
  let result = "";
  let used = 0;
  // Iterating a string yields whole code points, so no surrogate pair is split.
  for (const character of text) {
    const size = encoder.encode(character).length;
    if (used + size > budget) break;
    result += character;
    used += size;
  }
  return result + ellipsis;
}

/**
 * Builds the /api/v2/plan URL; format "gpx" makes the API send a GPX 1.1 file for download.
 * Place names are sent as fromName and toName, cut to the API's 200-byte limit. The JSON URL requests
 * PLAN_ALTERNATIVES alternative routes. The GPX URL requests none, because the API's GPX contains only the
 * fastest route's plan.
 */
export function planUrl(request: PlanRequest, format: "json" | "gpx" = "json"): string {
  const params = new URLSearchParams({
    from: formatLatLon(request.from),
    to: formatLatLon(request.to),
    rideLimitMin: String(request.limitMin),
    marginMin: String(request.marginMin),
  });
  const fromName = request.from.name?.trim();
  const toName = request.to.name?.trim();
  if (fromName) params.set("fromName", truncateUtf8(fromName, MAX_PLACE_NAME_BYTES));
  if (toName) params.set("toName", truncateUtf8(toName, MAX_PLACE_NAME_BYTES));
  if (format === "gpx") {
    params.set("format", "gpx");
  } else {
    params.set("geometry", "polyline");
    params.set("alternatives", String(PLAN_ALTERNATIVES));
  }
  return `/api/v2/plan?${params}`;
}

/** Requests a plan and its alternatives; throws ApiError with the API's own message when the API rejects the request. */
export async function fetchPlan(
  request: PlanRequest,
  options: { signal?: AbortSignal; fetchImpl?: FetchFunction } = {},
): Promise<PlanResponse> {
  return requestJson<PlanResponse>(planUrl(request, "json"), options.fetchImpl ?? defaultFetch, options.signal);
}
