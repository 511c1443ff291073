#include "clients/onemap_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "app/place_resolver.hpp"
#include "clients/service_error.hpp"
#include "geo/errors.hpp"
#include "geo/local_projection.hpp"
#include "routing/router.hpp"

namespace pitstop {
namespace {

constexpr double kMaxPieceLength_m = 5.0;

std::string trim(std::string_view text) {
  constexpr std::string_view kWhitespace = " \t\r\n";
  const auto first = text.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kWhitespace);
  return std::string(text.substr(first, last - first + 1));
}

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const auto end = line.find(';', start);
    fields.push_back(trim(std::string_view(line).substr(start, end == std::string::npos ? std::string::npos : end - start)));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return fields;
}

double distance_to_segment_m(PlanarPoint p, PlanarPoint a, PlanarPoint b) {
  const double dx = b.x_m - a.x_m;
  const double dy = b.y_m - a.y_m;
  const double length_squared = dx * dx + dy * dy;
  double t = 0.0;
  if (length_squared > 0.0) t = std::clamp(((p.x_m - a.x_m) * dx + (p.y_m - a.y_m) * dy) / length_squared, 0.0, 1.0);
  return std::hypot(p.x_m - (a.x_m + t * dx), p.y_m - (a.y_m + t * dy));
}

struct PlanarSegment {
  PlanarPoint a;
  PlanarPoint b;
  double min_x, max_x, min_y, max_y;  // bounding box grown by the tolerance
};

bool is_near(PlanarPoint point, const std::vector<PlanarSegment>& segments, double tolerance_m) {
  for (const PlanarSegment& segment : segments) {
    if (point.x_m < segment.min_x || point.x_m > segment.max_x || point.y_m < segment.min_y ||
        point.y_m > segment.max_y) {
      continue;
    }
    if (distance_to_segment_m(point, segment.a, segment.b) <= tolerance_m) return true;
  }
  return false;
}

std::string format_optional(const std::optional<double>& value, double scale, int decimals) {
  if (!value) return "";
  return fmt::format("{:.{}f}", *value * scale, decimals);
}

std::string escape_markdown_cell(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '|') escaped += "\\|";
    else if (c == '\n' || c == '\r') escaped += ' ';
    else escaped += c;
  }
  return escaped;
}

std::string quote_csv(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

void compare_pitstop_side(const PitStopData& data, RouteComparison& row, const RouteComparisonOptions& options,
                          std::vector<LatLon>& geometry) {
  try {
    const SnappedTrip trip =
        snap_trip(*data.snapper, data.graph, *row.from, *row.to, data.planner_settings.max_snap_distance_m);
    const auto route = find_fastest_route(data.graph, trip.start, trip.destination);
    if (!route) {
      row.errors.push_back("PitStop: no route between the snapped start and destination");
      return;
    }
    row.pitstop_distance_m = route->distance_m;
    row.pitstop_time_s = route->duration_s * CyclingProfile::kBaseSpeed_kmh / options.speed_kmh;
    geometry = route->geometry;
  } catch (const InputError& error) {
    row.errors.push_back(fmt::format("PitStop: {}", error.what()));
  }
}

void compare_onemap_side(const OneMapClient& onemap, RouteComparison& row, const RouteComparisonOptions& options,
                         std::vector<LatLon>& geometry) {
  try {
    const OneMapRouteResult answer = onemap.route(*row.from, *row.to, "cycle", options.polyline_precision);
    row.onemap_distance_m = answer.route.summary.total_distance_m;
    row.onemap_time_s = answer.route.summary.total_time_s;
    geometry = answer.route.geometry;
  } catch (const ServiceError& error) {
    row.errors.push_back(fmt::format("OneMap: {}", error.what()));
  }
}

RouteComparison compare_pair(const PitStopData& data, const OneMapClient& onemap, const TripPair& pair,
                             const RouteComparisonOptions& options) {
  RouteComparison row;
  row.pair = pair;
  try {
    const auto parking = require_parking(data);
    row.from = resolve_place(parking->places, pair.from, "start").location;
    row.to = resolve_place(parking->places, pair.to, "destination").location;
  } catch (const InputError& error) {
    row.errors.push_back(error.what());
    return row;
  }

  std::vector<LatLon> pitstop_geometry;
  std::vector<LatLon> onemap_geometry;
  compare_pitstop_side(data, row, options, pitstop_geometry);
  compare_onemap_side(onemap, row, options, onemap_geometry);
  if (!pitstop_geometry.empty() && !onemap_geometry.empty()) {
    row.overlap_share = share_within_distance(pitstop_geometry, onemap_geometry, options.overlap_tolerance_m);
  }
  return row;
}

}  // namespace

std::vector<TripPair> read_trip_pairs_file(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw DataFileError(fmt::format("pairs file {} cannot be opened: check the path", path));

  std::vector<TripPair> pairs;
  std::string line;
  for (std::size_t line_number = 1; std::getline(file, line); ++line_number) {
    const std::string content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    const std::vector<std::string> fields = split_fields(content);
    if (fields.size() < 2 || fields.size() > 3 || fields[0].empty() || fields[1].empty()) {
      throw DataFileError(fmt::format(
          "pairs file {} line {}: expected FROM;TO or FROM;TO;LABEL, with a place name or LAT,LON on each side",
          path, line_number));
    }
    TripPair pair;
    pair.from = fields[0];
    pair.to = fields[1];
    pair.label = fields.size() == 3 && !fields[2].empty() ? fields[2] : fmt::format("{} to {}", pair.from, pair.to);
    pair.line_number = line_number;
    pairs.push_back(std::move(pair));
  }
  return pairs;
}

double share_within_distance(const std::vector<LatLon>& line, const std::vector<LatLon>& reference,
                             double tolerance_m) {
  if (line.size() < 2 || reference.size() < 2) return 0.0;
  const LocalProjection projection(reference.front().lat);

  std::vector<PlanarSegment> segments;
  for (std::size_t i = 0; i + 1 < reference.size(); ++i) {
    const PlanarPoint a = projection.to_planar(reference[i]);
    const PlanarPoint b = projection.to_planar(reference[i + 1]);
    segments.push_back({a, b, std::min(a.x_m, b.x_m) - tolerance_m, std::max(a.x_m, b.x_m) + tolerance_m,
                        std::min(a.y_m, b.y_m) - tolerance_m, std::max(a.y_m, b.y_m) + tolerance_m});
  }

  double total_m = 0.0;
  double near_m = 0.0;
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    const PlanarPoint a = projection.to_planar(line[i]);
    const PlanarPoint b = projection.to_planar(line[i + 1]);
    const double length_m = std::hypot(b.x_m - a.x_m, b.y_m - a.y_m);
    if (length_m <= 0.0) continue;
    const auto pieces = static_cast<std::size_t>(std::ceil(length_m / kMaxPieceLength_m));
    const double piece_m = length_m / static_cast<double>(pieces);
    for (std::size_t piece = 0; piece < pieces; ++piece) {
      const double t = (static_cast<double>(piece) + 0.5) / static_cast<double>(pieces);
      const PlanarPoint middle{a.x_m + t * (b.x_m - a.x_m), a.y_m + t * (b.y_m - a.y_m)};
      if (is_near(middle, segments, tolerance_m)) near_m += piece_m;
    }
    total_m += length_m;
  }
  return total_m > 0.0 ? near_m / total_m : 0.0;
}

std::vector<RouteComparison> compare_routes_with_onemap(const PitStopData& data, const OneMapClient& onemap,
                                                        const std::vector<TripPair>& pairs,
                                                        const RouteComparisonOptions& options) {
  std::vector<RouteComparison> rows;
  rows.reserve(pairs.size());
  for (const TripPair& pair : pairs) {
    rows.push_back(compare_pair(data, onemap, pair, options));
    const RouteComparison& row = rows.back();
    if (row.errors.empty()) {
      spdlog::info("compare: {}: PitStop {:.2f} km, OneMap {:.2f} km, overlap {:.0f}%", pair.label,
                   *row.pitstop_distance_m / 1000.0, *row.onemap_distance_m / 1000.0, *row.overlap_share * 100.0);
    } else {
      spdlog::warn("compare: {} (line {}): {}", pair.label, pair.line_number, fmt::join(row.errors, "; "));
    }
  }
  return rows;
}

std::string format_comparison_markdown(const std::vector<RouteComparison>& rows,
                                       const RouteComparisonOptions& options) {
  std::string report = "# PitStop and OneMap cycle routes\n\n";
  report += fmt::format(
      "PitStop's fastest route at {:.0f} km/h on a plain paved road against OneMap's cycle route (routeType=cycle). "
      "Overlap is the share of PitStop's route within {:.0f} m of OneMap's line.\n\n",
      options.speed_kmh, options.overlap_tolerance_m);
  report += "| pair | PitStop km | OneMap km | PitStop min | OneMap min | overlap |\n";
  report += "|---|---:|---:|---:|---:|---:|\n";

  double overlap_sum = 0.0;
  double ratio_sum = 0.0;
  std::size_t complete = 0;
  std::string failures;
  for (const RouteComparison& row : rows) {
    report += fmt::format("| {} | {} | {} | {} | {} | {} |\n", escape_markdown_cell(row.pair.label),
                          format_optional(row.pitstop_distance_m, 0.001, 2),
                          format_optional(row.onemap_distance_m, 0.001, 2),
                          format_optional(row.pitstop_time_s, 1.0 / 60.0, 1),
                          format_optional(row.onemap_time_s, 1.0 / 60.0, 1),
                          row.overlap_share ? fmt::format("{:.0f}%", *row.overlap_share * 100.0) : "");
    for (const std::string& error : row.errors) {
      failures += fmt::format("- {} (line {}): {}\n", escape_markdown_cell(row.pair.label), row.pair.line_number,
                              escape_markdown_cell(error));
    }
    if (row.overlap_share && row.onemap_distance_m && *row.onemap_distance_m > 0.0) {
      overlap_sum += *row.overlap_share;
      ratio_sum += *row.pitstop_distance_m / *row.onemap_distance_m;
      ++complete;
    }
  }

  report += fmt::format("\n{} of {} pairs compared in full.", complete, rows.size());
  if (complete > 0) {
    report += fmt::format(" Mean overlap {:.0f}%; PitStop's distance is on average {:.2f} times OneMap's.",
                          overlap_sum / static_cast<double>(complete) * 100.0, ratio_sum / static_cast<double>(complete));
  }
  report += "\n";
  if (!failures.empty()) report += "\n## Failures\n\n" + failures;
  return report;
}

std::string format_comparison_csv(const std::vector<RouteComparison>& rows) {
  std::string csv =
      "label,from,to,pitstop_distance_m,onemap_distance_m,pitstop_time_s,onemap_time_s,overlap_share,errors\n";
  for (const RouteComparison& row : rows) {
    csv += fmt::format("{},{},{},{},{},{},{},{},{}\n", quote_csv(row.pair.label),
                       quote_csv(row.from ? format_lat_lon(*row.from) : ""),
                       quote_csv(row.to ? format_lat_lon(*row.to) : ""), format_optional(row.pitstop_distance_m, 1, 1),
                       format_optional(row.onemap_distance_m, 1, 1), format_optional(row.pitstop_time_s, 1, 1),
                       format_optional(row.onemap_time_s, 1, 1), format_optional(row.overlap_share, 1, 4),
                       quote_csv(fmt::format("{}", fmt::join(row.errors, "; "))));
  }
  return csv;
}

}  // namespace pitstop
