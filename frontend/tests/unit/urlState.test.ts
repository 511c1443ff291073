import { describe, expect, it } from "vitest";

import {
  hasCompleteTrip,
  readRouteChoice,
  INVALID_ROUTE_CHOICE,
  readTripFromSearch,
  ROUTE_PARAM,
  searchWithRouteChoice,
  tripToSearchParams,
  type TripUrlState,
} from "@/lib/urlState";

describe("trip URL state", () => {
  it("round-trips a full trip", () => {
    const state: TripUrlState = {
      from: { name: "Toa Payoh MRT", lat: 1.332867, lon: 103.847143 },
      to: { name: "Holland Village MRT", lat: 1.311201, lon: 103.796228 },
      limit: "15",
      margin: "2",
    };
    const search = tripToSearchParams(state).toString();
    expect(readTripFromSearch(search)).toEqual(state);
    expect(readTripFromSearch(`?${search}`)).toEqual(state);
  });

  it("writes the documented parameter names", () => {
    const params = tripToSearchParams({
      from: { name: "A", lat: 1.3, lon: 103.8 },
      to: { name: "B", lat: 1.31, lon: 103.81 },
      limit: "30",
      margin: "2",
    });
    expect([...params.keys()]).toEqual(["from", "fromName", "to", "toName", "limit", "margin"]);
    expect(params.get("from")).toBe("1.300000,103.800000");
  });

  it("keeps names with reserved characters", () => {
    const state: TripUrlState = {
      from: { name: "Blk 123 & Co. #01-02 / Café?", lat: 1.3, lon: 103.8 },
      to: { name: "a=b+c 50%", lat: 1.31, lon: 103.81 },
      limit: "45",
      margin: "0",
    };
    const url = new URL(`https://example.test/?${tripToSearchParams(state)}`);
    expect(readTripFromSearch(url.search)).toEqual(state);
  });

  it("names unnamed coordinates after themselves", () => {
    const state = readTripFromSearch("from=1.3,103.8&to=1.31,103.81");
    expect(state.from?.name).toBe("1.300000,103.800000");
    expect(state.to?.name).toBe("1.310000,103.810000");
    expect(hasCompleteTrip(state)).toBe(true);
  });

  it("uses defaults for a bare URL", () => {
    const state = readTripFromSearch("");
    expect(state).toEqual({ from: null, to: null, limit: "30", margin: "2" });
    expect(hasCompleteTrip(state)).toBe(false);
  });

  it("drops malformed coordinates", () => {
    const state = readTripFromSearch("from=1.3;103.8&fromName=X&to=95,103.8&limit=20");
    expect(state.from).toBeNull();
    expect(state.to).toBeNull();
    expect(state.limit).toBe("20");
  });

  it("keeps an invalid limit as text for the form to report", () => {
    expect(readTripFromSearch("limit=abc&margin=-1")).toMatchObject({ limit: "abc", margin: "-1" });
  });

  it("leaves out a missing place", () => {
    const params = tripToSearchParams({ from: null, to: { name: "B", lat: 1.31, lon: 103.81 }, limit: "30", margin: "2" });
    expect(params.has("from")).toBe(false);
    expect(params.has("fromName")).toBe(false);
    expect(params.get("toName")).toBe("B");
  });

  it("leaves out an empty limit and margin", () => {
    const params = tripToSearchParams({ from: null, to: null, limit: "", margin: "" });
    expect(params.has("limit")).toBe(false);
    expect(params.has("margin")).toBe(false);
    expect(readTripFromSearch(params)).toMatchObject({ limit: "30", margin: "2" });
  });

  it("writes the device location as coordinates", () => {
    const params = tripToSearchParams({
      from: { name: "My location", lat: 1.332867, lon: 103.847143, isDeviceLocation: true },
      to: { name: "Holland Village MRT Station", lat: 1.311201, lon: 103.796228 },
      limit: "30",
      margin: "2",
    });
    expect(params.get("fromName")).toBe("1.33287, 103.84714");
    expect(params.get("from")).toBe("1.332867,103.847143");
    expect(params.get("toName")).toBe("Holland Village MRT Station");
  });

  it("renames My location in older links", () => {
    const state = readTripFromSearch("from=1.332867,103.847143&fromName=My+location&to=1.311201,103.796228&toName=my%20location");
    expect(state.from?.name).toBe("1.33287, 103.84714");
    expect(state.to?.name).toBe("1.31120, 103.79623");
  });
});

describe("route choice in the URL", () => {
  it.each([
    ["", 0],
    ["alt=1", 1],
    ["alt=3", 3],
    ["alt=7", 7],
    ["alt=0", INVALID_ROUTE_CHOICE],
    ["alt=01", INVALID_ROUTE_CHOICE],
    ["alt=-1", INVALID_ROUTE_CHOICE],
    ["alt=1.5", INVALID_ROUTE_CHOICE],
    ["alt=abc", INVALID_ROUTE_CHOICE],
    ["alt=99999999999999999999", INVALID_ROUTE_CHOICE],
    ["alt=", 0],
    ["alt=%202", 2],
  ])("reads %j as %s", (search, expected) => {
    expect(readRouteChoice(search)).toBe(expected);
  });

  it("sets alt after the trip parameters", () => {
    const trip = tripToSearchParams({
      from: { name: "A", lat: 1.3, lon: 103.8 },
      to: { name: "B", lat: 1.31, lon: 103.81 },
      limit: "30",
      margin: "2",
    });
    const search = searchWithRouteChoice(`?${trip}`, 2);
    const params = new URLSearchParams(search);
    expect(search.startsWith("?")).toBe(true);
    expect([...params.keys()]).toEqual(["from", "fromName", "to", "toName", "limit", "margin", ROUTE_PARAM]);
    expect(params.get("alt")).toBe("2");
    expect(readTripFromSearch(search)).toEqual(readTripFromSearch(`?${trip}`));
    expect(readRouteChoice(search)).toBe(2);
  });

  it("replaces an earlier alt", () => {
    expect(searchWithRouteChoice("?limit=15&alt=1&margin=2", 2)).toBe("?limit=15&alt=2&margin=2");
  });

  it("drops alt for the fastest route", () => {
    expect(searchWithRouteChoice("?limit=15&margin=2&alt=1", 0)).toBe("?limit=15&margin=2");
    expect(searchWithRouteChoice("?alt=1", 0)).toBe("");
  });

  it("leaves trip state without alt", () => {
    expect(tripToSearchParams(readTripFromSearch("from=1.3,103.8&to=1.31,103.81&alt=1")).has(ROUTE_PARAM)).toBe(false);
  });
});
