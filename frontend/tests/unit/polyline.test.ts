import { describe, expect, it } from "vitest";

import { decodePolyline, geometryToLatLngs } from "@/lib/polyline";

// Encodes [lat, lon] pairs with Google's algorithm, to build round-trip cases.
function encodePolyline(points: [number, number][], precision = 5): string {
  const factor = 10 ** precision;
  let previousLat = 0;
  let previousLon = 0;
  let output = "";
  const encodeValue = (value: number) => {
    let shifted = value < 0 ? ~(value << 1) : value << 1;
    while (shifted >= 0x20) {
      output += String.fromCharCode((0x20 | (shifted & 0x1f)) + 63);
      shifted >>= 5;
    }
    output += String.fromCharCode(shifted + 63);
  };
  for (const [lat, lon] of points) {
    const latE = Math.round(lat * factor);
    const lonE = Math.round(lon * factor);
    encodeValue(latE - previousLat);
    encodeValue(lonE - previousLon);
    previousLat = latE;
    previousLon = lonE;
  }
  return output;
}

function expectPointsClose(actual: [number, number][], expected: [number, number][], digits = 5) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach(([lat, lon], index) => {
    expect(lat).toBeCloseTo(expected[index][0], digits);
    expect(lon).toBeCloseTo(expected[index][1], digits);
  });
}

describe("decodePolyline", () => {
  it("decodes the reference example", () => {
    // The worked example from Google's polyline algorithm documentation.
    const points = decodePolyline("_p~iF~ps|U_ulLnnqC_mqNvxq`@");
    expectPointsClose(points, [
      [38.5, -120.2],
      [40.7, -120.95],
      [43.252, -126.453],
    ]);
  });

  it("returns no points for empty text", () => {
    expect(decodePolyline("")).toEqual([]);
  });

  it("round-trips Singapore coordinates", () => {
    const route: [number, number][] = [
      [1.332867, 103.847143],
      [1.33301, 103.84702],
      [1.3299, 103.8401],
      [1.311201, 103.796228],
    ];
    expectPointsClose(decodePolyline(encodePolyline(route)), route);
  });

  it("decodes negative and zero steps", () => {
    const route: [number, number][] = [
      [-33.86882, 151.20929],
      [-33.86882, 151.20929],
      [0, 0],
      [51.5, -0.12],
    ];
    expectPointsClose(decodePolyline(encodePolyline(route)), route);
  });

  it("decodes precision 6", () => {
    const route: [number, number][] = [
      [1.2831, 103.8513],
      [1.284111, 103.852222],
    ];
    expectPointsClose(decodePolyline(encodePolyline(route, 6), 6), route, 6);
  });

  it("rejects text that ends inside a value", () => {
    const valid = encodePolyline([[1.3, 103.8]]);
    expect(() => decodePolyline(valid.slice(0, -1))).toThrow(/ends inside a value/);
  });

  it("rejects characters outside the encoding", () => {
    expect(() => decodePolyline("_p~iF ps|U")).toThrow(/outside the encoding's range/);
  });
});

describe("geometryToLatLngs", () => {
  it("decodes a polyline string", () => {
    expectPointsClose(geometryToLatLngs(encodePolyline([[1.3, 103.8], [1.31, 103.81]])), [
      [1.3, 103.8],
      [1.31, 103.81],
    ]);
  });

  it("swaps GeoJSON lon,lat order", () => {
    const points = geometryToLatLngs({
      type: "LineString",
      coordinates: [
        [103.8, 1.3],
        [103.81, 1.31],
      ],
    });
    expect(points).toEqual([
      [1.3, 103.8],
      [1.31, 103.81],
    ]);
  });
});
