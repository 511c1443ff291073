import { describe, expect, it, vi } from "vitest";

import {
  ApiError,
  createSearchClient,
  extractApiError,
  fetchPlan,
  planUrl,
  MAX_PLACE_NAME_BYTES,
  PLAN_ALTERNATIVES,
  searchPlaces,
  suggestionFromResult,
  truncateUtf8,
  type FetchFunction,
} from "@/lib/api";
import type { SearchResult } from "@/lib/types";

import { SAMPLE_RESPONSE } from "./fakes";

function searchResult(name: string, lat = "1.3328000", lon = "103.8471000"): SearchResult {
  return {
    SEARCHVAL: name,
    BLK_NO: "",
    ROAD_NAME: "",
    BUILDING: name,
    ADDRESS: `${name} (NS19)`,
    POSTAL: "",
    X: "29000.0000",
    Y: "35000.0000",
    LATITUDE: lat,
    LONGITUDE: lon,
    KIND: "station",
  };
}

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

// A fetch whose responses the test releases by hand, in any order; it ignores abort signals on purpose.
function deferredFetch() {
  const pending = new Map<string, (response: Response) => void>();
  const urls: string[] = [];
  const fetchImpl: FetchFunction = (url) =>
    new Promise<Response>((resolve) => {
      urls.push(url);
      pending.set(new URL(url, "http://localhost").searchParams.get("searchVal") ?? "", resolve);
    });
  const release = (query: string, body: unknown) => pending.get(query)?.(jsonResponse(body));
  return { fetchImpl, release, urls };
}

describe("extractApiError", () => {
  it("uses the API's message, code and parameter", () => {
    const body = JSON.stringify({
      error: { code: "outside_coverage", message: "parameter 'to' = 1.22,103.9 is outside the map data's area", parameter: "to" },
    });
    const error = extractApiError(body, 400);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe("parameter 'to' = 1.22,103.9 is outside the map data's area");
    expect(error.code).toBe("outside_coverage");
    expect(error.parameter).toBe("to");
    expect(error.status).toBe(400);
  });

  it("accepts a null parameter", () => {
    const error = extractApiError(JSON.stringify({ error: { code: "x", message: "Failed", parameter: null } }), 503);
    expect(error.parameter).toBeNull();
    expect(error.message).toBe("Failed");
  });

  it("explains a gateway HTML page by status", () => {
    const error = extractApiError("<html><body>502 Bad Gateway</body></html>", 502);
    expect(error.message).toBe("The PitStop server is not available right now (HTTP 502): try again in a minute.");
    expect(error.code).toBe("http_error");
  });

  it("explains rate limiting", () => {
    expect(extractApiError("", 429).message).toMatch(/Too many requests/);
  });

  it("falls back for JSON without a message", () => {
    expect(extractApiError(JSON.stringify({ error: { code: "x", message: "" } }), 418).message).toBe(
      "The request failed with HTTP status 418.",
    );
    expect(extractApiError("[1,2]", 400).message).toBe("The request failed with HTTP status 400.");
  });
});

describe("suggestionFromResult", () => {
  it("parses string coordinates", () => {
    expect(suggestionFromResult(searchResult("TOA PAYOH MRT STATION"))).toEqual({
      name: "TOA PAYOH MRT STATION",
      lat: 1.3328,
      lon: 103.8471,
      kind: "station",
      address: "TOA PAYOH MRT STATION (NS19)",
    });
  });

  it("skips results without coordinates", () => {
    expect(suggestionFromResult(searchResult("X", "", "103.8"))).toBeNull();
    expect(suggestionFromResult(searchResult("X", "1.3", "n/a"))).toBeNull();
  });
});

describe("searchPlaces", () => {
  it("requests the first page of /api/v1/search", async () => {
    const fetchImpl = vi.fn<FetchFunction>(async () => jsonResponse([searchResult("Bishan MRT")]));
    const results = await searchPlaces("bishan mrt", { fetchImpl });
    expect(fetchImpl).toHaveBeenCalledWith("/api/v1/search?searchVal=bishan+mrt&pageNum=1", expect.anything());
    expect(results.map((result) => result.name)).toEqual(["Bishan MRT"]);
  });

  it("raises the API's error message", async () => {
    const fetchImpl: FetchFunction = async () =>
      jsonResponse({ error: { code: "invalid_parameter", message: "searchVal is too long", parameter: "searchVal" } }, 400);
    await expect(searchPlaces("x".repeat(300), { fetchImpl })).rejects.toThrow("searchVal is too long");
  });

  it("reports an unreachable server", async () => {
    const fetchImpl: FetchFunction = async () => {
      throw new TypeError("Failed to fetch");
    };
    await expect(searchPlaces("bishan", { fetchImpl })).rejects.toMatchObject({
      code: "network_error",
      message: "Could not reach the PitStop server: check the connection and try again.",
    });
  });
});

describe("createSearchClient", () => {
  it("ignores a response that arrives after a newer one", async () => {
    const { fetchImpl, release } = deferredFetch();
    const client = createSearchClient(fetchImpl);

    const older = client.search("toa");
    const newer = client.search("toa payoh");
    release("toa payoh", [searchResult("Toa Payoh MRT")]);
    release("toa", [searchResult("Toa Payoh Lorong 1")]);

    await expect(newer).resolves.toEqual({
      status: "ok",
      results: [expect.objectContaining({ name: "Toa Payoh MRT" })],
    });
    await expect(older).resolves.toEqual({ status: "stale" });
  });

  it("ignores an older response that arrives first", async () => {
    const { fetchImpl, release } = deferredFetch();
    const client = createSearchClient(fetchImpl);

    const older = client.search("hol");
    const newer = client.search("holland");
    release("hol", [searchResult("Holland Close")]);
    await expect(older).resolves.toEqual({ status: "stale" });
    release("holland", [searchResult("Holland Village MRT")]);
    await expect(newer).resolves.toMatchObject({ status: "ok" });
  });

  it("aborts the previous request", async () => {
    const signals: AbortSignal[] = [];
    const fetchImpl: FetchFunction = (_url, init) => {
      signals.push(init!.signal!);
      return new Promise(() => {});
    };
    const client = createSearchClient(fetchImpl);
    void client.search("a1");
    void client.search("a2");
    expect(signals[0].aborted).toBe(true);
    expect(signals[1].aborted).toBe(false);
  });

  it("marks a cancelled search stale", async () => {
    const { fetchImpl, release } = deferredFetch();
    const client = createSearchClient(fetchImpl);
    const pending = client.search("bishan");
    client.cancel();
    release("bishan", [searchResult("Bishan MRT")]);
    await expect(pending).resolves.toEqual({ status: "stale" });
  });

  it("reports an error of the latest search", async () => {
    const fetchImpl: FetchFunction = async () =>
      jsonResponse({ error: { code: "unavailable", message: "Search index is loading", parameter: null } }, 503);
    const client = createSearchClient(fetchImpl);
    await expect(client.search("bishan")).resolves.toEqual({ status: "error", message: "Search index is loading" });
  });
});

describe("plan requests", () => {
  const request = { from: { lat: 1.332867, lon: 103.847143 }, to: { lat: 1.311201, lon: 103.796228 }, limitMin: 15, marginMin: 2 };

  it("builds the JSON plan URL", () => {
    expect(planUrl(request)).toBe(
      "/api/v2/plan?from=1.332867%2C103.847143&to=1.311201%2C103.796228&rideLimitMin=15&marginMin=2&geometry=polyline&alternatives=2",
    );
    expect(PLAN_ALTERNATIVES).toBe(2);
  });

  it("builds the GPX plan URL", () => {
    const url = new URL(planUrl(request, "gpx"), "http://localhost");
    expect(url.pathname).toBe("/api/v2/plan");
    expect(url.searchParams.get("format")).toBe("gpx");
    expect(url.searchParams.get("rideLimitMin")).toBe("15");
    expect(url.searchParams.has("alternatives")).toBe(false);
  });

  it("returns the alternatives with the plan", async () => {
    const fetchImpl = vi.fn<FetchFunction>(async () => jsonResponse(SAMPLE_RESPONSE));
    const response = await fetchPlan(request, { fetchImpl });
    expect(response.alternatives).toHaveLength(1);
    expect(response.alternatives?.[0].shared_with_fastest).toBe(0.618);
    expect(new URL(fetchImpl.mock.calls[0][0], "http://localhost").searchParams.get("alternatives")).toBe("2");
  });

  it("sends the place names", () => {
    const named = {
      ...request,
      from: { ...request.from, name: "Toa Payoh MRT Station" },
      to: { ...request.to, name: "Holland Village MRT Station" },
    };
    for (const format of ["json", "gpx"] as const) {
      const url = new URL(planUrl(named, format), "http://localhost");
      expect(url.searchParams.get("fromName")).toBe("Toa Payoh MRT Station");
      expect(url.searchParams.get("toName")).toBe("Holland Village MRT Station");
    }
  });

  it("leaves out blank names", () => {
    const url = new URL(planUrl({ ...request, from: { ...request.from, name: "  " } }), "http://localhost");
    expect(url.searchParams.has("fromName")).toBe(false);
    expect(url.searchParams.has("toName")).toBe(false);
  });

  it("cuts a long name to the API's byte limit", () => {
    const name = "Ünïcödé Street ".repeat(20);
    const url = new URL(planUrl({ ...request, to: { ...request.to, name } }), "http://localhost");
    const sent = url.searchParams.get("toName")!;
    expect(new TextEncoder().encode(sent).length).toBeLessThanOrEqual(MAX_PLACE_NAME_BYTES);
    expect(sent.endsWith("…")).toBe(true);
    expect(name.startsWith(sent.slice(0, -1))).toBe(true);
  });

  it("raises the API's message for a rejected plan", async () => {
    const message = "parameter 'to' = 1.220000,103.900000 is outside the map data's area";
    const fetchImpl: FetchFunction = async () =>
      jsonResponse({ error: { code: "outside_coverage", message, parameter: "to" } }, 400);
    await expect(fetchPlan(request, { fetchImpl })).rejects.toMatchObject({ message, parameter: "to", status: 400 });
  });

  it("rejects a body that is not JSON", async () => {
    const fetchImpl: FetchFunction = async () => new Response("not json", { status: 200 });
    await expect(fetchPlan(request, { fetchImpl })).rejects.toThrow("The PitStop server sent an invalid response (HTTP 200).");
  });
});

describe("truncateUtf8", () => {
  it("keeps text within the limit", () => {
    expect(truncateUtf8("Toa Payoh", 9)).toBe("Toa Payoh");
  });

  it("never splits a character", () => {
    // "é" is 2 bytes and "…" is 3, so 6 bytes hold "é" and the ellipsis but not a second "é".
    expect(truncateUtf8("éééé", 6)).toBe("é…");
    // An emoji is one code point of 4 bytes, made of two UTF-16 units.
    expect(truncateUtf8("😀😀😀", 6)).toBe("…");
    expect(truncateUtf8("😀😀😀", 10)).toBe("😀…");
  });
});
