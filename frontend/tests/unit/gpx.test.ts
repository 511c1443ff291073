import { describe, expect, it } from "vitest";

import { formatRideMinutes } from "@/lib/format";
import { escapeXml, planToGpx } from "@/lib/gpx";
import type { Plan } from "@/lib/types";

import { SAMPLE_ALTERNATIVE, SAMPLE_PLAN } from "./fakes";

function parseGpx(text: string): Document {
  const document = new DOMParser().parseFromString(text, "application/xml");
  expect(document.getElementsByTagName("parsererror")).toHaveLength(0);
  return document;
}

function texts(document: Document, tag: string): string[] {
  return [...document.getElementsByTagName(tag)].map((element) => element.textContent ?? "");
}

describe("planToGpx", () => {
  it("writes GPX 1.1 metadata", () => {
    const text = planToGpx(SAMPLE_PLAN);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const gpx = parseGpx(text).documentElement;
    expect(gpx.tagName).toBe("gpx");
    expect(gpx.getAttribute("version")).toBe("1.1");
    expect(gpx.namespaceURI).toBe("http://www.topografix.com/GPX/1/1");
    expect(texts(gpx.ownerDocument, "name")[0]).toBe("1.332867,103.847143 to 1.311201,103.796228");
    expect(texts(gpx.ownerDocument, "desc")[0]).toBe("2 rides, ride limit 15 min, margin 2 min");
  });

  it("adds a waypoint per parking spot", () => {
    const document = parseGpx(planToGpx(SAMPLE_PLAN));
    const waypoints = [...document.getElementsByTagName("wpt")];
    expect(waypoints).toHaveLength(2);
    expect(waypoints[0].getAttribute("lat")).toBe("1.320100");
    expect(waypoints[0].getAttribute("lon")).toBe("103.820100");
    expect(waypoints[0].getElementsByTagName("name")[0].textContent).toBe("Blk 123 Lorong 1");
    expect(waypoints[0].getElementsByTagName("desc")[0].textContent).toBe(
      "HDB racks, 20 racks, sheltered; ride 1 takes 12.0 min",
    );
    expect(texts(document, "type")).toEqual(["pit stop", "last parking spot"]);
  });

  it("words rack types as the panel does", () => {
    const descriptions = texts(parseGpx(planToGpx(SAMPLE_ALTERNATIVE)), "desc").slice(1);
    expect(descriptions).toEqual([
      "NParks racks, 6 racks, not sheltered; ride 1 takes 11.7 min",
      "Yellow Box, 12 racks, sheltered; ride 2 takes 16.7 min",
      "MRT racks, 1 rack, not sheltered; ride 3 takes 10.0 min",
    ]);
    for (const description of descriptions) expect(description).not.toMatch(/_RACKS/);
  });

  it("rounds ride minutes up as the panel does", () => {
    // 721 s is 12.02 min: the nearest tenth is 12.0, but the panel rounds up to 12.1.
    const ride = { ...SAMPLE_PLAN.rides[0], duration_s: 721 };
    const description = parseGpx(planToGpx({ ...SAMPLE_PLAN, rides: [ride] })).getElementsByTagName("wpt")[0]
      .getElementsByTagName("desc")[0].textContent;
    expect(description).toBe(`HDB racks, 20 racks, sheltered; ride 1 takes ${formatRideMinutes(721)} min`);
    expect(formatRideMinutes(721)).toBe("12.1");
  });

  it("leaves out an unknown shelter", () => {
    const spot = { ...SAMPLE_PLAN.rides[0].to, sheltered: undefined, rack_count: undefined, rack_type: undefined };
    const ride = { ...SAMPLE_PLAN.rides[0], to: spot };
    const description = parseGpx(planToGpx({ ...SAMPLE_PLAN, rides: [ride] })).getElementsByTagName("desc")[1].textContent;
    expect(description).toBe("Unknown rack type; ride 1 takes 12.0 min");
  });

  it("skips a ride that ends off a spot", () => {
    const lastRide = { ...SAMPLE_PLAN.rides[1], to: { lat: 1.311201, lon: 103.796228, name: "Destination" } };
    const plan: Plan = { ...SAMPLE_PLAN, rides: [SAMPLE_PLAN.rides[0], lastRide] };
    const document = parseGpx(planToGpx(plan));
    expect(document.getElementsByTagName("wpt")).toHaveLength(1);
    expect(document.getElementsByTagName("trk")).toHaveLength(2);
  });

  it("writes a track per ride", () => {
    const document = parseGpx(planToGpx(SAMPLE_PLAN));
    const tracks = [...document.getElementsByTagName("trk")];
    expect(tracks).toHaveLength(2);
    expect(tracks[0].getElementsByTagName("name")[0].textContent).toBe("Ride 1: 1.332867,103.847143 to Blk 123 Lorong 1");
    // "_p~iF~ps|U_ulLnnqC" decodes to (38.5, -120.2) and (40.7, -120.95).
    const points = [...tracks[0].getElementsByTagName("trkpt")].map((point) => [point.getAttribute("lat"), point.getAttribute("lon")]);
    expect(points).toEqual([
      ["38.500000", "-120.200000"],
      ["40.700000", "-120.950000"],
    ]);
  });

  it("reads GeoJSON geometry", () => {
    const ride = { ...SAMPLE_PLAN.rides[0], geometry: { type: "LineString" as const, coordinates: [[103.8, 1.3], [103.81, 1.31]] as [number, number][] } };
    const document = parseGpx(planToGpx({ ...SAMPLE_PLAN, rides: [ride] }));
    const points = [...document.getElementsByTagName("trkpt")].map((point) => point.getAttribute("lat"));
    expect(points).toEqual(["1.300000", "1.310000"]);
  });

  it("notes the route and infeasibility", () => {
    const document = parseGpx(planToGpx(SAMPLE_ALTERNATIVE, "alternative 1, shares 62% with the fastest"));
    expect(texts(document, "desc")[0]).toBe(
      "3 rides, ride limit 15 min, margin 2 min, not feasible; alternative 1, shares 62% with the fastest",
    );
  });

  it("escapes names from the data", () => {
    const text = planToGpx(SAMPLE_ALTERNATIVE);
    expect(text).toContain("<name>Bukit Timah &amp; Co &lt;Block 9&gt;</name>");
    const names = texts(parseGpx(text), "name");
    expect(names).toContain("Bukit Timah & Co <Block 9>");
    expect(names).toContain("Ride 3: Bukit Timah & Co <Block 9> to Holland Village MRT racks");
  });
});

describe("escapeXml", () => {
  it.each([
    [`a & b < c > d "e" 'f'`, "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;"],
    ["tab\tnew\nline\r", "tab\tnew\nline\r"],
    ["bell\u0007 null\u0000", "bell null"],
    ["Café 😀", "Café 😀"],
  ])("escapes %j", (input, expected) => {
    expect(escapeXml(input)).toBe(expected);
  });
});
