#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "geo/lat_lon.hpp"
#include "search/place.hpp"

namespace pitstop {

// One page of OneMap search results.
struct OneMapSearchPage {
  long found = 0;        // results over all pages
  long total_pages = 0;  // OneMap pages of up to 10 results
  long page_number = 0;
  std::vector<Place> places;         // in OneMap's order
  std::size_t results_skipped = 0;   // results without valid coordinates
};

struct OneMapRouteSummary {
  double total_time_s = 0.0;
  double total_distance_m = 0.0;
  std::string start_point;  // street names, e.g. "CAVENAGH ROAD"
  std::string end_point;
};

// One route of a OneMap routing response.
struct OneMapRoute {
  std::string encoded_geometry;  // route_geometry as received
  std::vector<LatLon> geometry;
  // route_instructions as received. Current responses give arrays of 10 items
  // (maneuver, street, metres, "lat,lon", seconds, distance text, two compass
  // headings, mode, sentence); older ones use other layouts.
  nlohmann::json instructions = nlohmann::json::array();
  OneMapRouteSummary summary;
  std::string subtitle;  // e.g. "Fastest route, assuming usual traffic"; may be empty
};

struct OneMapRouteResult {
  OneMapRoute route;
  // The "alternativeroute" entries, then "phyroute", when present.
  std::vector<OneMapRoute> alternatives;
  // Alternatives left out because their geometry or summary could not be read.
  std::size_t alternatives_skipped = 0;
};

// Parses a OneMap search response. "found", "totalNumPages" and "pageNum" may
// be JSON numbers or numeric strings (real responses use both). Each result
// becomes a Place of kind Address: name SEARCHVAL (ADDRESS when SEARCHVAL is empty),
// category "onemap", detail ADDRESS, location LATITUDE and LONGITUDE, and the
// BLK_NO, ROAD_NAME, BUILDING, ADDRESS, POSTAL, X and Y strings in `address`.
// Results whose coordinates are missing or invalid are skipped and counted.
// Throws ServiceError for text that is not JSON, a response with an "error"
// field, or one without a "results" array. Messages quote OneMap's "error"
// text, shortened, and never the rest of the body.
OneMapSearchPage parse_onemap_search(std::string_view json_text);

// Parses a OneMap routing response, decoding each route_geometry as an encoded
// polyline of `polyline_precision` decimal digits (5 in current responses; some
// older ones use 6). route_summary's total_time and total_distance may be
// numbers or numeric strings. Throws ServiceError when the main route has no
// geometry (the message quotes OneMap's status_message, if any), a geometry
// that is not a polyline or decodes to coordinates out of range, or no
// summary. Alternatives with such faults are skipped and counted instead.
OneMapRouteResult parse_onemap_route(std::string_view json_text, int polyline_precision);

}  // namespace pitstop
