#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "app/pitstop_data.hpp"
#include "clients/onemap_client.hpp"
#include "geo/lat_lon.hpp"

namespace pitstop {

// A start and destination to compare, as place names or "LAT,LON".
struct TripPair {
  std::string from;
  std::string to;
  std::string label;  // "FROM to TO" when the file gives none
  std::size_t line_number = 0;
};

// Reads one pair per line as "FROM;TO" or "FROM;TO;LABEL", skipping blank
// lines and lines that start with '#'. Throws DataFileError naming the file
// and line for a missing file or a line with another number of fields or an
// empty start or destination.
std::vector<TripPair> read_trip_pairs_file(const std::string& path);

// Returns the share (0..1) of the line's length that lies within tolerance_m
// of the reference line. The line is cut into pieces of at most 5 m, and a
// piece counts when its midpoint is within the tolerance. Returns 0 when
// either line has fewer than two points or the line has no length.
double share_within_distance(const std::vector<LatLon>& line, const std::vector<LatLon>& reference,
                             double tolerance_m);

struct RouteComparisonOptions {
  double speed_kmh = CyclingProfile::kBaseSpeed_kmh;  // PitStop's riding speed on a plain paved road
  int polyline_precision = 5;                         // of OneMap's route geometry
  double overlap_tolerance_m = 20.0;
};

// PitStop's fastest route and OneMap's cycle route for one pair.
struct RouteComparison {
  TripPair pair;
  std::optional<LatLon> from;
  std::optional<LatLon> to;
  std::optional<double> pitstop_distance_m;
  std::optional<double> pitstop_time_s;
  std::optional<double> onemap_distance_m;
  std::optional<double> onemap_time_s;
  std::optional<double> overlap_share;  // of PitStop's route within the tolerance of OneMap's line
  std::vector<std::string> errors;      // why a value is missing
};

// Compares each pair: PitStop's fastest route between the snapped ends (not a
// pit-stop plan) against OneMap's routeType=cycle route. Distances and times
// are each service's own totals; PitStop's time is at options.speed_kmh. A
// pair that cannot be resolved, snapped, routed or fetched from OneMap keeps
// its other values and lists the reason in `errors`.
std::vector<RouteComparison> compare_routes_with_onemap(const PitStopData& data, const OneMapClient& onemap,
                                                        const std::vector<TripPair>& pairs,
                                                        const RouteComparisonOptions& options);

// Returns the comparison as a Markdown report: a table of one row a pair, the
// failures, and the mean overlap and distance ratio over complete rows.
std::string format_comparison_markdown(const std::vector<RouteComparison>& rows,
                                       const RouteComparisonOptions& options);

// Returns the comparison as CSV with a header line; missing values are empty.
std::string format_comparison_csv(const std::vector<RouteComparison>& rows);

}  // namespace pitstop
