import { describe, expect, it } from "vitest";

import { ApiError } from "@/lib/api";
import { describePlanError } from "@/lib/planErrors";

function apiError(code: string, parameter: string | null = null, status = 400): ApiError {
  return new ApiError(`API message for ${code}`, status, code, parameter);
}

describe("describePlanError", () => {
  it.each([
    ["outside_coverage", "to", "The destination is outside the area PitStop covers (Singapore). Choose a place in Singapore."],
    ["outside_coverage", "from", "The start is outside the area PitStop covers (Singapore). Choose a place in Singapore."],
    ["outside_coverage", null, "A place of this trip is outside the area PitStop covers (Singapore). Choose places in Singapore."],
    [
      "not_routable",
      "from",
      "The start is too far from any road or path in PitStop's map data, which may not cover that part of Singapore. Choose a place closer to a road, or in another area.",
    ],
    [
      "not_routable",
      "to",
      "The destination is too far from any road or path in PitStop's map data, which may not cover that part of Singapore. Choose a place closer to a road, or in another area.",
    ],
    [
      "not_routable",
      null,
      "A place of this trip is too far from any road or path in PitStop's map data, which may not cover that part of Singapore. Choose a place closer to a road, or in another area.",
    ],
    [
      "not_connected",
      null,
      "The start and the destination are in parts of PitStop's map data that are not connected, because the data covers Singapore in patches. Choose places in the same area.",
    ],
    ["same_start_and_destination", "to", "The start and the destination are the same place. Choose a destination somewhere else."],
    ["invalid_parameter", "rideLimitMin", "The ride limit is not valid. Enter a number of minutes from 1 to 240."],
    ["invalid_parameter", "marginMin", "The safety margin is not valid. Enter from 0 minutes up to the ride limit minus half a minute."],
    ["invalid_parameter", "from", "The start is not a valid place. Pick it again from the suggestions, or type it as lat,lon."],
    ["invalid_parameter", "toName", "The destination's name is too long. Pick the place again from the suggestions."],
    ["invalid_parameter", "alternatives", "PitStop could not read this trip request. Reload the page and press Plan trip again."],
    ["invalid_parameter", null, "PitStop could not read this trip request. Reload the page and press Plan trip again."],
    ["missing_parameter", "to", "The destination is missing. Enter it and press Plan trip again."],
    ["missing_parameter", "geometry", "Part of the trip request is missing. Reload the page and press Plan trip again."],
    ["unknown_parameter", "alternatives", "The PitStop server could not handle this request. Reload the page to get the current version and try again."],
    ["invalid_query", null, "The PitStop server could not handle this request. Reload the page to get the current version and try again."],
    ["internal_error", null, "PitStop failed to plan this trip because of an error on the server. Try again in a minute."],
    ["something_new", null, "PitStop could not plan this trip. Try again in a minute."],
  ])("words %s for parameter %s", (code, parameter, expected) => {
    expect(describePlanError(apiError(code, parameter)).summary).toBe(expected);
  });

  it.each([
    ["not_ready", "PitStop is still loading its map and parking data. Try again in a minute."],
    ["server_busy", "PitStop is busy right now. Try again in a few seconds."],
  ])("words %s of HTTP 503", (code, expected) => {
    expect(describePlanError(apiError(code, null, 503)).summary).toBe(expected);
  });

  it("keeps the API's message as the detail", () => {
    const message = "parameter 'to' = 1.200000,103.000000 is outside the map data's area (latitude 1.2 to 1.5): choose a point inside it";
    const described = describePlanError(new ApiError(message, 400, "outside_coverage", "to"));
    expect(described.detail).toBe(`HTTP 400, outside_coverage (to): ${message}`);
    expect(described.summary).not.toContain("parameter");
  });

  it("keeps the API's message of not_connected as the detail", () => {
    const message = "no route joins the start and the destination: they lie on parts of the road network that are not connected";
    const described = describePlanError(new ApiError(message, 400, "not_connected", null));
    expect(described.detail).toBe(`HTTP 400, not_connected: ${message}`);
    expect(described.summary).toContain("not connected");
    expect(described.summary).not.toContain(message);
  });

  it("leaves out a missing parameter in the detail", () => {
    expect(describePlanError(apiError("internal_error", null, 500)).detail).toBe("HTTP 500, internal_error: API message for internal_error");
  });

  it.each(["http_error", "network_error", "invalid_response"])("shows the client's own %s message", (code) => {
    const described = describePlanError(new ApiError("Could not reach the PitStop server: check the connection and try again.", 0, code));
    expect(described).toEqual({ summary: "Could not reach the PitStop server: check the connection and try again.", detail: null });
  });

  it("words an error that is not an ApiError", () => {
    expect(describePlanError(new Error("boom"))).toEqual({
      summary: "PitStop could not plan this trip. Try again in a minute.",
      detail: "boom",
    });
  });
});
