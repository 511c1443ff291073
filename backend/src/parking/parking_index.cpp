#include "parking/parking_index.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numbers>
#include <numeric>

#include <boost/geometry/strategies/strategies.hpp>
#include <fmt/format.h>

#include "geo/errors.hpp"

namespace pitstop {
namespace {

namespace bgi = boost::geometry::index;

// A latitude-longitude rectangle in degrees that does not cross the antimeridian.
struct DegreeBox {
  double min_lat = -90.0;
  double max_lat = 90.0;
  double min_lon = -180.0;
  double max_lon = 180.0;
};

constexpr DegreeBox kWholeEarth{};

// Widens every box edge by about 0.1 mm so that rounding in the bounds never
// excludes a spot that lies exactly on the search circle.
constexpr double kBoxMargin_deg = 1e-9;

double to_radians(double degrees) { return degrees * std::numbers::pi / 180.0; }
double to_degrees(double radians) { return radians * 180.0 / std::numbers::pi; }

double mean_latitude(const std::vector<ParkingSpot>& spots) {
  if (spots.empty()) return 0.0;
  const double sum = std::accumulate(
      spots.begin(), spots.end(), 0.0,
      [](double total, const ParkingSpot& spot) { return total + spot.location.lat; });
  return sum / static_cast<double>(spots.size());
}

// Returns boxes that together contain every point within radius_m of center,
// by great-circle distance. For an angular radius r around latitude lat, the
// meridians that touch the circle lie asin(sin(r) / cos(lat)) east and west of
// the center. A circle that reaches a pole gets every longitude, and one that
// crosses the antimeridian is split into two boxes.
std::vector<DegreeBox> bounding_boxes(LatLon center, double radius_m) {
  const double angular_radius = radius_m / kEarthRadius_m;
  if (angular_radius >= std::numbers::pi) return {kWholeEarth};

  const double half_height_deg = to_degrees(angular_radius) + kBoxMargin_deg;
  const double min_lat = center.lat - half_height_deg;
  const double max_lat = center.lat + half_height_deg;
  if (min_lat <= -90.0 || max_lat >= 90.0) {
    return {{std::max(min_lat, -90.0), std::min(max_lat, 90.0), -180.0, 180.0}};
  }

  const double sine_ratio = std::sin(angular_radius) / std::cos(to_radians(center.lat));
  if (sine_ratio >= 1.0) return {{min_lat, max_lat, -180.0, 180.0}};

  const double half_width_deg = to_degrees(std::asin(sine_ratio)) + kBoxMargin_deg;
  const double min_lon = center.lon - half_width_deg;
  const double max_lon = center.lon + half_width_deg;
  if (min_lon < -180.0) {
    return {{min_lat, max_lat, min_lon + 360.0, 180.0}, {min_lat, max_lat, -180.0, max_lon}};
  }
  if (max_lon > 180.0) {
    return {{min_lat, max_lat, min_lon, 180.0}, {min_lat, max_lat, -180.0, max_lon - 360.0}};
  }
  return {{min_lat, max_lat, min_lon, max_lon}};
}

void require_valid_center(LatLon center) {
  if (!is_valid(center)) {
    throw InvalidCoordinateError(fmt::format(
        "invalid parking search center ({}, {}): expected latitude -90..90 and longitude "
        "-180..180",
        center.lat, center.lon));
  }
}

}  // namespace

ParkingIndex::ParkingIndex(std::vector<ParkingSpot> spots)
    : spots_(std::move(spots)), projection_(mean_latitude(spots_)), rtree_(make_rtree_entries()) {
  for (std::size_t i = 0; i < spots_.size(); ++i) index_by_id_.emplace(spots_[i].id, i);
}

ParkingIndex::PlanarPoint2d ParkingIndex::to_rtree_point(LatLon point) const {
  const PlanarPoint planar = projection_.to_planar(point);
  return {planar.x_m, planar.y_m};
}

std::vector<ParkingIndex::RtreeEntry> ParkingIndex::make_rtree_entries() const {
  std::vector<RtreeEntry> entries;
  entries.reserve(spots_.size());
  for (std::size_t i = 0; i < spots_.size(); ++i) {
    entries.emplace_back(to_rtree_point(spots_[i].location), i);
  }
  return entries;
}

std::vector<std::size_t> ParkingIndex::within_radius(LatLon center, double radius_m) const {
  require_valid_center(center);
  if (!(radius_m >= 0.0)) return {};

  // The projection is linear in latitude and in longitude, so each degree box
  // maps exactly onto a planar box.
  std::vector<RtreeEntry> candidates;
  for (const DegreeBox& box : bounding_boxes(center, radius_m)) {
    const PlanarBox planar_box(to_rtree_point({box.min_lat, box.min_lon}),
                               to_rtree_point({box.max_lat, box.max_lon}));
    rtree_.query(bgi::intersects(planar_box), std::back_inserter(candidates));
  }

  std::vector<std::pair<double, std::size_t>> matches;
  for (const RtreeEntry& candidate : candidates) {
    const double distance_m = haversine_m(center, spots_[candidate.second].location);
    if (distance_m <= radius_m) matches.emplace_back(distance_m, candidate.second);
  }
  std::sort(matches.begin(), matches.end());
  matches.erase(std::unique(matches.begin(), matches.end()), matches.end());

  std::vector<std::size_t> indices;
  indices.reserve(matches.size());
  for (const auto& match : matches) indices.push_back(match.second);
  return indices;
}

std::vector<std::size_t> ParkingIndex::nearest(LatLon center, std::size_t count,
                                               double max_distance_m) const {
  require_valid_center(center);
  if (count == 0 || spots_.empty() || !(max_distance_m >= 0.0)) return {};

  // The planar nearest neighbours may differ from the haversine ones, but they
  // prove that `count` spots lie within the largest of their haversine
  // distances. A radius search with that bound therefore contains the true
  // nearest spots.
  double bound_m = 0.0;
  for (auto it = rtree_.qbegin(bgi::nearest(to_rtree_point(center), count)); it != rtree_.qend();
       ++it) {
    bound_m = std::max(bound_m, haversine_m(center, spots_[it->second].location));
  }

  std::vector<std::size_t> indices = within_radius(center, std::min(bound_m, max_distance_m));
  if (indices.size() > count) indices.resize(count);
  return indices;
}

const ParkingSpot* ParkingIndex::find_by_id(std::string_view id) const {
  const auto it = index_by_id_.find(id);
  if (it == index_by_id_.end()) return nullptr;
  return &spots_[it->second];
}

}  // namespace pitstop
