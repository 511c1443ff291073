#include "graph/edge_snapper.hpp"

#include <algorithm>
#include <limits>
#include <iterator>
#include <unordered_map>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <fmt/format.h>

#include "geo/errors.hpp"
#include "geo/local_projection.hpp"

namespace pitstop {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

using PlanarPointType = bg::model::d2::point_xy<double>;
using PlanarSegment = bg::model::segment<PlanarPointType>;

struct SegmentRef {
  GeometryId geometry;
  std::uint32_t first_point;  // index of the segment's first point within the geometry
};

using SegmentValue = std::pair<PlanarSegment, SegmentRef>;

// Ranking in the planar projection is approximate, so look this much farther
// and measure exactly before deciding.
constexpr double kSearchSlack = 1.05;
constexpr double kSearchExtra_m = 20.0;

double reference_latitude(const RoadGraph& graph) {
  if (graph.node_locations.empty()) return 0.0;
  double sum = 0.0;
  for (const LatLon& location : graph.node_locations) sum += location.lat;
  return sum / static_cast<double>(graph.node_locations.size());
}

PlanarPointType to_point(const LocalProjection& projection, LatLon location) {
  const PlanarPoint planar = projection.to_planar(location);
  return {planar.x_m, planar.y_m};
}

}  // namespace

struct EdgeSnapper::SegmentTree {
  explicit SegmentTree(LocalProjection local_projection) : projection(local_projection) {}

  LocalProjection projection;
  bgi::rtree<SegmentValue, bgi::rstar<16>> rtree;
};

EdgeSnapper::EdgeSnapper(const RoadGraph& graph) : graph_(graph) {
  tree_ = std::make_unique<SegmentTree>(LocalProjection(reference_latitude(graph)));
  std::vector<SegmentValue> values;
  values.reserve(graph.geometry_points.size());
  for (GeometryId id = 0; id < graph.geometry_count(); ++id) {
    const auto points = graph.geometry(id);
    for (std::uint32_t i = 0; i + 1 < points.size(); ++i) {
      PlanarSegment segment{to_point(tree_->projection, points[i]),
                            to_point(tree_->projection, points[i + 1])};
      values.push_back({segment, SegmentRef{id, i}});
    }
  }
  tree_->rtree = decltype(tree_->rtree)(values);
}

EdgeSnapper::~EdgeSnapper() = default;

std::vector<SnappedPoint> EdgeSnapper::candidates(LatLon point, double max_distance_m) const {
  if (!is_valid(point) || tree_->rtree.empty()) return {};

  const PlanarPointType query = to_point(tree_->projection, point);
  const double search_radius_m = max_distance_m * kSearchSlack + kSearchExtra_m;
  const bg::model::box<PlanarPointType> search_box{
      {query.x() - search_radius_m, query.y() - search_radius_m},
      {query.x() + search_radius_m, query.y() + search_radius_m}};
  std::vector<SegmentValue> nearby;
  tree_->rtree.query(bgi::intersects(search_box), std::back_inserter(nearby));
  std::unordered_map<ComponentId, SnappedPoint> best_per_component;

  for (const SegmentValue& value : nearby) {
    const SegmentRef ref = value.second;
    const auto points = graph_.geometry(ref.geometry);
    const LatLon a = points[ref.first_point];
    const LatLon b = points[ref.first_point + 1];
    const SegmentProjection projected = project_onto_segment(point, a, b);
    if (projected.distance_m > max_distance_m) continue;

    const ComponentId component = graph_.geometry_component(ref.geometry);
    if (component == kInvalidId) continue;
    auto found = best_per_component.find(component);
    if (found != best_per_component.end() && found->second.snap_distance_m <= projected.distance_m) {
      continue;
    }
    double offset_m = 0.0;
    for (std::uint32_t i = 0; i < ref.first_point; ++i) offset_m += haversine_m(points[i], points[i + 1]);
    offset_m += haversine_m(a, b) * projected.fraction;

    SnappedPoint snapped{point, projected.point, projected.distance_m, ref.geometry,
                         std::min(offset_m, graph_.geometry_length_m[ref.geometry]), component};
    best_per_component[component] = snapped;
  }

  std::vector<SnappedPoint> result;
  for (auto& [component, snapped] : best_per_component) result.push_back(snapped);
  std::sort(result.begin(), result.end(), [](const SnappedPoint& a, const SnappedPoint& b) {
    if (a.snap_distance_m != b.snap_distance_m) return a.snap_distance_m < b.snap_distance_m;
    return a.component < b.component;
  });
  return result;
}

std::optional<SnappedPoint> EdgeSnapper::nearest(LatLon point, double max_distance_m) const {
  auto found = candidates(point, max_distance_m);
  if (found.empty()) return std::nullopt;
  return found.front();
}

SnappedTrip snap_trip(const EdgeSnapper& snapper, const RoadGraph& graph, LatLon start,
                      LatLon destination, double max_distance_m) {
  const auto start_candidates = snapper.candidates(start, max_distance_m);
  if (start_candidates.empty()) {
    throw SnapError(fmt::format(
        "start {} is more than {:.0f} m from any rideable way in the map data, which may not cover "
        "that area: choose a point on or near a road or path inside the covered area",
        format_lat_lon(start), max_distance_m), SnapError::TripEnd::Start);
  }
  const auto destination_candidates = snapper.candidates(destination, max_distance_m);
  if (destination_candidates.empty()) {
    throw SnapError(fmt::format(
        "destination {} is more than {:.0f} m from any rideable way in the map data, which may not "
        "cover that area: choose a point on or near a road or path inside the covered area",
        format_lat_lon(destination), max_distance_m), SnapError::TripEnd::Destination);
  }

  std::optional<SnappedTrip> best;
  for (const auto& from : start_candidates) {
    for (const auto& to : destination_candidates) {
      if (from.component != to.component) continue;
      const double total_m = from.snap_distance_m + to.snap_distance_m;
      if (!best || total_m < best->start.snap_distance_m + best->destination.snap_distance_m) {
        best = SnappedTrip{from, to};
      }
    }
  }
  if (!best) {
    const auto& from = start_candidates.front();
    const auto& to = destination_candidates.front();
    throw SnapError(fmt::format(
        "start {} and destination {} lie on parts of the cycling network that are not connected both "
        "ways (pieces of {} and {} junctions): choose places on the same network, or use a map "
        "extract that covers the whole area",
        format_lat_lon(start), format_lat_lon(destination),
        graph.component_node_count[from.component], graph.component_node_count[to.component]));
  }
  return *best;
}

}  // namespace pitstop
