import { describe, expect, it } from "vitest";

import { parseLatLon } from "@/lib/coordinates";
import { validatePlace, validateRideSettings } from "@/lib/validation";

describe("validateRideSettings", () => {
  it.each([
    ["30", "2", 30, 2],
    ["1", "0", 1, 0],
    ["240", "239.5", 240, 239.5],
    [" 45 ", " 3 ", 45, 3],
    ["20.5", "1.5", 20.5, 1.5],
  ])("accepts limit %s with margin %s", (limit, margin, limitMin, marginMin) => {
    const { settings, errors } = validateRideSettings(limit, margin);
    expect(errors).toEqual({});
    expect(settings).toEqual({ limitMin, marginMin });
  });

  it.each([
    ["", "2", /Enter a ride limit/],
    ["abc", "2", /must be a number of minutes/],
    ["0", "0", /between 1 and 240/],
    ["0.5", "0", /between 1 and 240/],
    ["241", "2", /between 1 and 240/],
    ["-5", "2", /between 1 and 240/],
  ])("rejects limit %j", (limit, margin, message) => {
    const { settings, errors } = validateRideSettings(limit, margin);
    expect(settings).toBeNull();
    expect(errors.limit).toMatch(message);
  });

  it.each([
    ["30", "", /Enter a safety margin/],
    ["30", "two", /must be a number of minutes/],
    ["30", "-1", /cannot be negative/],
    ["30", "30", /less than the ride limit: at most 29.5 min for a 30 min limit/],
    ["30", "29.6", /less than the ride limit/],
    ["1", "1", /at most 0.5 min for a 1 min limit/],
  ])("rejects limit %s with margin %j", (limit, margin, message) => {
    const { settings, errors } = validateRideSettings(limit, margin);
    expect(settings).toBeNull();
    expect(errors.margin).toMatch(message);
    expect(errors.limit).toBeUndefined();
  });

  it("skips the margin-to-limit check when the limit is invalid", () => {
    const { errors } = validateRideSettings("500", "300");
    expect(errors.limit).toMatch(/between 1 and 240/);
    expect(errors.margin).toBeUndefined();
  });
});

describe("validatePlace", () => {
  it("accepts a chosen place", () => {
    expect(validatePlace({ name: "X", lat: 1.3, lon: 103.8 }, "X", "start")).toBeUndefined();
  });

  it("asks for an empty input", () => {
    expect(validatePlace(null, "  ", "destination")).toBe("Enter a destination: a place name or lat,lon.");
  });

  it("asks to pick a suggestion for typed text", () => {
    expect(validatePlace(null, "toa payoh", "start")).toMatch(/Pick the start from the suggestions/);
  });
});

describe("parseLatLon", () => {
  it.each([
    ["1.3328,103.8471", { lat: 1.3328, lon: 103.8471 }],
    [" 1.3328 , 103.8471 ", { lat: 1.3328, lon: 103.8471 }],
    ["-33.9,151", { lat: -33.9, lon: 151 }],
  ])("parses %j", (text, expected) => {
    expect(parseLatLon(text)).toEqual(expected);
  });

  it.each(["", "toa payoh", "1.3", "1.3,103.8,5", "91,103", "1.3,181", "1.3 103.8", "1e2,3"])("rejects %j", (text) => {
    expect(parseLatLon(text)).toBeNull();
  });
});
