import { describe, expect, it } from "vitest";

import { formatLatLonName, parseLatLon, readLatLonText } from "@/lib/coordinates";
import { describeInvalidCoordinates, validatePlace, validateRideSettings } from "@/lib/validation";

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

  it("names out-of-range coordinates", () => {
    expect(validatePlace(null, "91,200", "start")).toBe(
      "Latitude 91 is out of range: use -90 to 90. Longitude 200 is out of range: use -180 to 180.",
    );
  });

  it("passes on the search API's error", () => {
    expect(validatePlace(null, "bishan", "destination", "Search index is loading")).toBe(
      "The destination search failed: Search index is loading. You can also type the destination as lat,lon.",
    );
  });

  it("keeps the search error's own full stop", () => {
    expect(validatePlace(null, "bishan", "start", "Try again.")).toBe(
      "The start search failed: Try again. You can also type the start as lat,lon.",
    );
  });
});

describe("describeInvalidCoordinates", () => {
  it("ignores place names and valid coordinates", () => {
    expect(describeInvalidCoordinates("toa payoh")).toBeUndefined();
    expect(describeInvalidCoordinates("1.3,103.8")).toBeUndefined();
    expect(describeInvalidCoordinates("")).toBeUndefined();
  });

  it("describes out-of-range text", () => {
    expect(describeInvalidCoordinates(" 1.3,181 ")).toBe("Longitude 181 is out of range: use -180 to 180.");
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

describe("readLatLonText", () => {
  it.each([
    ["1.3328,103.8471", { lat: 1.3328, lon: 103.8471 }],
    ["+1.3, -103.8", { lat: 1.3, lon: -103.8 }],
    ["90,180", { lat: 90, lon: 180 }],
    ["-90,-180", { lat: -90, lon: -180 }],
    [".5,1.", { lat: 0.5, lon: 1 }],
  ])("reads %j as a point", (text, point) => {
    expect(readLatLonText(text)).toEqual({ kind: "point", point });
  });

  it.each([
    ["91,200", "Latitude 91 is out of range: use -90 to 90. Longitude 200 is out of range: use -180 to 180."],
    ["-90.5,103", "Latitude -90.5 is out of range: use -90 to 90."],
    ["1.3,-180.01", "Longitude -180.01 is out of range: use -180 to 180."],
    ["103.8,1.3", "Latitude 103.8 is out of range: use -90 to 90. Type the latitude first: 1.3,103.8."],
    ["1.3,", "Type a longitude after the comma, such as 1.3328,103.8471."],
    [",103.8", "Type a latitude before the comma, such as 1.3328,103.8471."],
    ["1.3.4,103", "Latitude “1.3.4” is not a number: type decimal degrees, such as 1.3328,103.8471."],
    ["1-3,103", "Latitude “1-3” is not a number: type decimal degrees, such as 1.3328,103.8471."],
  ])("explains %j", (text, message) => {
    expect(readLatLonText(text)).toEqual({ kind: "invalid", message });
  });

  it("treats a huge number as out of range", () => {
    const digits = "9".repeat(400);
    const result = readLatLonText(`${digits},103`);
    expect(Number(digits)).toBe(Infinity);
    expect(result).toEqual({ kind: "invalid", message: `Latitude ${"9".repeat(20)}… is out of range: use -90 to 90.` });
  });

  it.each(["toa payoh", "Blk 123, Toa Payoh", "1.3 103.8", "1,2,3", "1e2,3", "-", ","])("leaves %j to the search", (text) => {
    expect(readLatLonText(text)).toEqual({ kind: "text" });
  });
});

describe("formatLatLonName", () => {
  it("uses five decimals and a space", () => {
    expect(formatLatLonName({ lat: 1.332867, lon: 103.847143 })).toBe("1.33287, 103.84714");
    expect(formatLatLonName({ lat: -1.2, lon: 3 })).toBe("-1.20000, 3.00000");
  });
});
