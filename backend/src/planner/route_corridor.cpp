#include "planner/route_corridor.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "contraction/hierarchy_query.hpp"
#include "contraction/point_seeds.hpp"
#include "geo/local_projection.hpp"

namespace pitstop {
namespace {

constexpr std::size_t kNotAttached = std::numeric_limits<std::size_t>::max();
// Route points this far apart are the centres of the searches for spots.
constexpr double kSpotSearchSpacing_m = 50.0;

// A vertex of the route's geometry, where it lies on the route.
struct RouteVertex {
  LatLon location;
  PlanarPoint planar;
  RoutePoint point;
};

double span_duration_s(const RoadGraph& graph, const EdgeSpan& span) {
  return partial_edge_duration_s(graph, span.edge, span.from_offset_m, span.to_offset_m);
}

// The route's vertices span by span; a vertex where two spans meet appears in both.
std::vector<RouteVertex> route_vertices(const RoadGraph& graph, const std::vector<EdgeSpan>& route,
                                        const LocalProjection& projection) {
  std::vector<RouteVertex> vertices;
  double span_start_s = 0.0;
  for (std::size_t k = 0; k < route.size(); ++k) {
    const EdgeSpan& span = route[k];
    const Route piece = build_route(graph, {span});
    const double direction = span.to_offset_m >= span.from_offset_m ? 1.0 : -1.0;
    const double span_length_m = std::abs(span.to_offset_m - span.from_offset_m);
    double along_m = 0.0;
    for (std::size_t i = 0; i < piece.geometry.size(); ++i) {
      if (i > 0) along_m += haversine_m(piece.geometry[i - 1], piece.geometry[i]);
      const double offset_m = span.from_offset_m + direction * std::min(along_m, span_length_m);
      const double time_s =
          span_start_s + partial_edge_duration_s(graph, span.edge, span.from_offset_m, offset_m);
      vertices.push_back({piece.geometry[i], projection.to_planar(piece.geometry[i]), {k, offset_m, time_s}});
    }
    span_start_s += span_duration_s(graph, span);
  }
  return vertices;
}

struct NearestRoutePoint {
  RoutePoint point;
  PlanarPoint planar;
  double distance_m = std::numeric_limits<double>::infinity();
};

NearestRoutePoint nearest_route_point(const std::vector<RouteVertex>& vertices, PlanarPoint location) {
  NearestRoutePoint best;
  for (std::size_t i = 0; i + 1 < vertices.size(); ++i) {
    const RouteVertex& a = vertices[i];
    const RouteVertex& b = vertices[i + 1];
    if (a.point.span != b.point.span) continue;
    const double dx = b.planar.x_m - a.planar.x_m;
    const double dy = b.planar.y_m - a.planar.y_m;
    const double squared_m = dx * dx + dy * dy;
    double fraction = 0.0;
    if (squared_m > 0.0) {
      fraction = ((location.x_m - a.planar.x_m) * dx + (location.y_m - a.planar.y_m) * dy) / squared_m;
      fraction = std::clamp(fraction, 0.0, 1.0);
    }
    const PlanarPoint on_route{a.planar.x_m + fraction * dx, a.planar.y_m + fraction * dy};
    const double distance_m = std::hypot(on_route.x_m - location.x_m, on_route.y_m - location.y_m);
    if (distance_m < best.distance_m) {
      best.point = {a.point.span, a.point.offset_m + fraction * (b.point.offset_m - a.point.offset_m),
                    a.point.time_s + fraction * (b.point.time_s - a.point.time_s)};
      best.planar = on_route;
      best.distance_m = distance_m;
    }
  }
  return best;
}

// Attached spots within reach of some route vertex, by attached index, sorted.
std::vector<std::size_t> spots_near_route(const std::vector<RouteVertex>& vertices, const ParkingIndex& parking,
                                          const std::vector<std::size_t>& attached_by_spot, double radius_m) {
  std::vector<std::size_t> found;
  double since_m = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < vertices.size(); ++i) {
    if (i > 0) since_m += haversine_m(vertices[i - 1].location, vertices[i].location);
    if (since_m < kSpotSearchSpacing_m && i + 1 < vertices.size()) continue;
    since_m = 0.0;
    for (std::size_t spot : parking.within_radius(vertices[i].location, radius_m + kSpotSearchSpacing_m)) {
      if (attached_by_spot[spot] != kNotAttached) found.push_back(attached_by_spot[spot]);
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

SnappedPoint snapped_at(const RoadGraph& graph, const std::vector<EdgeSpan>& route, const RoutePoint& point,
                        LatLon location) {
  SnappedPoint snapped;
  snapped.input = location;
  snapped.location = location;
  snapped.geometry = graph.edges[route[point.span].edge].geometry;
  snapped.offset_m = point.offset_m;
  snapped.component = graph.geometry_component(snapped.geometry);
  return snapped;
}

}  // namespace

std::vector<CorridorSpot> find_corridor_spots(const RoadGraph& graph, const ContractionHierarchy& hierarchy,
                                              const std::vector<EdgeSpan>& route, const ParkingIndex& parking,
                                              const std::vector<AttachedSpot>& attached,
                                              const std::vector<std::size_t>& attached_by_spot,
                                              const CorridorSettings& settings) {
  std::vector<CorridorSpot> spots;
  if (route.empty()) return spots;
  const LocalProjection projection(graph.geometry(graph.edges[route.front().edge].geometry).front().lat);
  const std::vector<RouteVertex> vertices = route_vertices(graph, route, projection);

  for (std::size_t index : spots_near_route(vertices, parking, attached_by_spot, settings.max_spot_distance_m)) {
    const SnappedPoint& access = attached[index].access;
    const NearestRoutePoint nearest = nearest_route_point(vertices, projection.to_planar(access.location));
    if (nearest.distance_m > settings.max_spot_distance_m) continue;

    const RoutePoint& junction = nearest.point;
    const SnappedPoint junction_point = snapped_at(graph, route, junction, projection.to_lat_lon(nearest.planar));
    const auto to_spot = find_hierarchy_path(graph, hierarchy, junction_point, access);
    const auto from_spot = find_hierarchy_path(graph, hierarchy, access, junction_point);
    if (!to_spot || !from_spot) continue;
    if (to_spot->duration_s > settings.max_detour_s || from_spot->duration_s > settings.max_detour_s) continue;
    spots.push_back({index, junction, to_spot->spans, from_spot->spans, to_spot->duration_s, from_spot->duration_s});
  }
  std::sort(spots.begin(), spots.end(), [](const CorridorSpot& a, const CorridorSpot& b) {
    return a.junction.time_s < b.junction.time_s;
  });
  return spots;
}

RoutePoint route_start(const std::vector<EdgeSpan>& route) { return {0, route.front().from_offset_m, 0.0}; }

RoutePoint route_end(const RoadGraph& graph, const std::vector<EdgeSpan>& route) {
  double total_s = 0.0;
  for (const EdgeSpan& span : route) total_s += span_duration_s(graph, span);
  return {route.size() - 1, route.back().to_offset_m, total_s};
}

std::vector<EdgeSpan> route_slice(const std::vector<EdgeSpan>& route, const RoutePoint& from, const RoutePoint& to) {
  std::vector<EdgeSpan> slice;
  for (std::size_t k = from.span; k <= to.span && k < route.size(); ++k) {
    EdgeSpan span = route[k];
    if (k == from.span) span.from_offset_m = from.offset_m;
    if (k == to.span) span.to_offset_m = to.offset_m;
    if (span.from_offset_m != span.to_offset_m) slice.push_back(span);
  }
  return slice;
}

std::vector<std::size_t> choose_corridor_stops(const std::vector<CorridorStop>& stops, double scale,
                                               double budget_s) {
  const std::size_t count = stops.size();
  const auto ride_s = [&](std::size_t i, std::size_t j) {
    const double riding_s = stops[i].rejoin_s + stops[j].position_s - stops[i].position_s + stops[j].leave_s;
    return stops[i].walk_s + scale * riding_s + stops[j].walk_s;
  };
  // Whole seconds by which the ride from stop i to stop j exceeds the budget (0 within it).
  const auto excess_s = [&](std::size_t i, std::size_t j) { return std::max(0.0, std::ceil(ride_s(i, j) - budget_s)); };
  const auto in_order = [&](std::size_t i, std::size_t j) { return stops[i].position_s <= stops[j].position_s; };

  // First the least possible excess of the worst ride (0 when every stretch
  // has spots within budget).
  std::vector<double> worst_s(count, std::numeric_limits<double>::infinity());
  worst_s[0] = 0.0;
  for (std::size_t j = 1; j < count; ++j) {
    for (std::size_t i = 0; i < j; ++i) {
      if (in_order(i, j)) worst_s[j] = std::min(worst_s[j], std::max(worst_s[i], excess_s(i, j)));
    }
  }

  // Then, using only rides that exceed the budget by no more than that: the
  // fewest rides over budget, the fewest rides, the least total seconds.
  using Cost = std::tuple<std::size_t, std::size_t, double>;
  const Cost unreached{std::numeric_limits<std::size_t>::max(), 0, 0.0};
  std::vector<Cost> best(count, unreached);
  std::vector<std::size_t> parent(count, kNotAttached);
  best[0] = {0, 0, 0.0};
  for (std::size_t j = 1; j < count; ++j) {
    for (std::size_t i = 0; i < j; ++i) {
      if (best[i] == unreached || !in_order(i, j)) continue;
      const double excess = excess_s(i, j);
      if (excess > worst_s[count - 1]) continue;
      const auto [over, rides, total_s] = best[i];
      const Cost cost{over + (excess > 0.0 ? 1 : 0), rides + 1, total_s + ride_s(i, j)};
      if (cost < best[j]) {
        best[j] = cost;
        parent[j] = i;
      }
    }
  }

  std::vector<std::size_t> chain;
  for (std::size_t stop = count - 1; stop != kNotAttached; stop = parent[stop]) chain.push_back(stop);
  std::reverse(chain.begin(), chain.end());
  return chain;
}

}  // namespace pitstop
