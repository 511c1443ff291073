import { describe, expect, it } from "vitest";

import { describeSuggestion, describeSuggestionCount, dropDuplicateSuggestions } from "@/lib/suggestions";

import { suggestion } from "./fakes";

describe("describeSuggestion", () => {
  it.each([
    ["Toa Payoh MRT Station", "station", "Toa Payoh MRT Station (NS19)", "MRT station · NS19"],
    ["Dhoby Ghaut MRT Station", "station", "Dhoby Ghaut MRT Station (NS24 NE6 CC1)", "MRT station · NS24 NE6 CC1"],
    ["Bukit Panjang LRT Station", "station", "Bukit Panjang LRT Station (BP6)", "LRT station · BP6"],
    ["Toa Payoh MRT Station", "station", "Toa Payoh MRT Station", "MRT station"],
    ["Lorong 6 Toa Payoh", "street", "Lorong 6 Toa Payoh", "Street"],
    ["Toa Payoh Town Park", "place", "Toa Payoh Town Park", "Place"],
    ["Toa Payoh Library", "amenity", "Toa Payoh Library", "Amenity"],
    ["1.332867,103.847143", "coordinate", "1.332867,103.847143", "Coordinates"],
    ["Toa Payoh MRT Exit A", "parking", "Toa Payoh MRT Exit A (MRT_RACKS lta-31ab286699cdaa0e)", "Bicycle parking · MRT racks"],
    ["Blk 52", "parking", "Blk 52 (HDB_RACKS lta-31ab286699cdaa0e-2)", "Bicycle parking · HDB racks"],
    ["Blk 53", "parking", "Blk 53 (Yellow Box lta-0123456789abcdef)", "Bicycle parking · Yellow Box"],
    ["Blk 54", "parking", "Blk 54 (lta-0123456789abcdef)", "Bicycle parking"],
    ["HDB Hub", "address", "480 LORONG 6 TOA PAYOH HDB HUB SINGAPORE 310480", "Address · 480 LORONG 6 TOA PAYOH HDB HUB SINGAPORE 310480"],
    ["HDB Hub", "address", "HDB Hub", "Address"],
    ["Something", "", "Something (x)", ""],
  ])("describes %j of kind %j", (name, kind, address, expected) => {
    expect(describeSuggestion(suggestion(name, 1.3, 103.8, kind, address))).toBe(expected);
  });

  it("never repeats the name or shows a spot id", () => {
    const detail = describeSuggestion(
      suggestion("Toa Payoh MRT Station", 1.3, 103.8, "parking", "Toa Payoh MRT Station (MRT_RACKS lta-31ab286699cdaa0e)"),
    );
    expect(detail).not.toContain("Toa Payoh MRT Station");
    expect(detail).not.toContain("lta-");
  });

  it("reads the detail of a name with brackets", () => {
    expect(describeSuggestion(suggestion("Blk 1 (Car Park)", 1.3, 103.8, "parking", "Blk 1 (Car Park) (PA_RACKS lta-0a)"))).toBe(
      "Bicycle parking · PA racks",
    );
  });
});

describe("dropDuplicateSuggestions", () => {
  it("keeps the first of two close places of one name", () => {
    const first = suggestion("Woodlands Road", 1.3905, 103.7581, "street");
    const second = suggestion("Woodlands Road", 1.3910, 103.7582, "street");
    expect(dropDuplicateSuggestions([first, second])).toEqual([first]);
  });

  it("compares names without case or outer spaces", () => {
    const first = suggestion("Woodlands Road", 1.3905, 103.7581, "street");
    const second = suggestion(" woodlands road", 1.3906, 103.7581, "street");
    expect(dropDuplicateSuggestions([first, second])).toEqual([first]);
  });

  it("keeps places of one name far apart", () => {
    const west = suggestion("Woodlands Road", 1.3905, 103.7581, "street");
    const north = suggestion("Woodlands Road", 1.4355, 103.7581, "street");
    expect(dropDuplicateSuggestions([west, north])).toEqual([west, north]);
  });

  it("drops a name 190 m away, keeps 210 m", () => {
    // 0.001° of latitude is about 111 m.
    const first = suggestion("Bishan Road", 1.35, 103.85, "street");
    const near = suggestion("Bishan Road", 1.35 + 0.0019 / 1.11, 103.85, "street");
    const far = suggestion("Bishan Road", 1.35 + 0.0021 / 1.11, 103.85, "street");
    expect(dropDuplicateSuggestions([first, near])).toEqual([first]);
    expect(dropDuplicateSuggestions([first, far])).toEqual([first, far]);
  });

  it("keeps close places of different names", () => {
    const station = suggestion("Toa Payoh MRT Station", 1.3327, 103.8474, "station");
    const exit = suggestion("Toa Payoh MRT Exit A", 1.3326, 103.8473, "parking");
    expect(dropDuplicateSuggestions([station, exit])).toEqual([station, exit]);
  });

  it("keeps the API's order", () => {
    const a = suggestion("A", 1.30, 103.80, "street");
    const b = suggestion("B", 1.30, 103.80, "street");
    const aAgain = suggestion("A", 1.3001, 103.80, "street");
    const c = suggestion("C", 1.30, 103.80, "street");
    expect(dropDuplicateSuggestions([a, b, aAgain, c])).toEqual([a, b, c]);
  });
});

describe("describeSuggestionCount", () => {
  it("uses the singular for one", () => {
    expect(describeSuggestionCount(1)).toBe("1 suggestion. Press Enter to pick it, or use the down arrow key.");
  });

  it("uses the plural for more", () => {
    expect(describeSuggestionCount(4)).toBe("4 suggestions. Use the up and down arrow keys to choose one.");
  });
});
