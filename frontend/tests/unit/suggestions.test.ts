import { describe, expect, it } from "vitest";

import { describeSuggestion } from "@/lib/suggestions";

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
