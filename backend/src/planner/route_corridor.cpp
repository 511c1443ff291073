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

// A point where a ride may leave or rejoin the route: its start, a node
// between two of its spans, or its end. At a node the two differ as route
// points: a ride leaves at the end of the span into the node and rejoins at
// the start of the span out of it, because a point on a one-way edge can
// only be reached by riding that edge.
struct JoinPoint {
  double time_s = 0.0;
  RoutePoint leave;
  SnappedPoint leave_snapped;
  RoutePoint rejoin;
  SnappedPoint rejoin_snapped;
};

std::vector<JoinPoint> route_join_points(const RoadGraph& graph, const std::vector<EdgeSpan>& route,
                                         const std::vector<RouteVertex>& vertices) {
  std::vector<JoinPoint> points;
  const RoutePoint start = route_start(route);
  const SnappedPoint start_snapped = snapped_at(graph, route, start, vertices.front().location);
  points.push_back({0.0, start, start_snapped, start, start_snapped});
  for (std::size_t i = 0; i < vertices.size(); ++i) {
    const bool span_ends = i + 1 == vertices.size() || vertices[i + 1].point.span != vertices[i].point.span;
    if (!span_ends) continue;
    const std::size_t k = vertices[i].point.span;
    const double time_s = vertices[i].point.time_s;
    const RoutePoint leave{k, route[k].to_offset_m, time_s};
    const RoutePoint rejoin = k + 1 < route.size() ? RoutePoint{k + 1, route[k + 1].from_offset_m, time_s} : leave;
    points.push_back({time_s, leave, snapped_at(graph, route, leave, vertices[i].location), rejoin,
                      snapped_at(graph, route, rejoin, vertices[i].location)});
  }
  return points;
}

// Base-speed times between every join point and every candidate spot:
// to_spot_s[candidate][point] and from_spot_s[candidate][point]. Times to a
// spot above max_to_spot_s may be infinite.
struct JoinTimes {
  std::vector<std::vector<double>> to_spot_s;
  std::vector<std::vector<double>> from_spot_s;
};

JoinTimes measure_join_times(const BucketSearch& spot_search, const std::vector<JoinPoint>& join_points,
                             const std::vector<std::size_t>& candidates, double max_to_spot_s) {
  JoinTimes times;
  times.to_spot_s.assign(candidates.size(), std::vector<double>(join_points.size()));
  times.from_spot_s.assign(candidates.size(), std::vector<double>(join_points.size()));
  std::vector<double> all_spots_s;
  for (std::size_t p = 0; p < join_points.size(); ++p) {
    spot_search.times_from(join_points[p].leave_snapped, max_to_spot_s, all_spots_s);
    for (std::size_t c = 0; c < candidates.size(); ++c) times.to_spot_s[c][p] = all_spots_s[candidates[c]];
    spot_search.times_to(join_points[p].rejoin_snapped, all_spots_s);
    for (std::size_t c = 0; c < candidates.size(); ++c) times.from_spot_s[c][p] = all_spots_s[candidates[c]];
  }
  return times;
}

// Rides that differ by at most this are equally fast, which absorbs rounding
// between the bucket search and the path search.
constexpr double kSameTime_s = 1.0;

// Chooses the join point from which a spot is reached soonest after the
// route's start, and the latest of those within kSameTime_s of the best.
// Returns kNotAttached when no point reaches the spot within max_detour_s.
std::size_t best_leave_point(const std::vector<JoinPoint>& points, const std::vector<double>& to_spot_s,
                             double max_detour_s) {
  double best_s = std::numeric_limits<double>::infinity();
  for (std::size_t p = 0; p < points.size(); ++p) {
    if (to_spot_s[p] <= max_detour_s) best_s = std::min(best_s, points[p].time_s + to_spot_s[p]);
  }
  std::size_t chosen = kNotAttached;
  for (std::size_t p = 0; p < points.size(); ++p) {
    if (to_spot_s[p] <= max_detour_s && points[p].time_s + to_spot_s[p] <= best_s + kSameTime_s) chosen = p;
  }
  return chosen;
}

// Chooses the join point from which the rest of the route is finished
// soonest after leaving the spot, and the earliest of those within
// kSameTime_s of the best. Returns kNotAttached when the spot reaches no
// point within max_detour_s.
std::size_t best_rejoin_point(const std::vector<JoinPoint>& points, const std::vector<double>& from_spot_s,
                              double max_detour_s) {
  double best_s = std::numeric_limits<double>::infinity();
  for (std::size_t p = 0; p < points.size(); ++p) {
    if (from_spot_s[p] <= max_detour_s) best_s = std::min(best_s, from_spot_s[p] - points[p].time_s);
  }
  for (std::size_t p = 0; p < points.size(); ++p) {
    if (from_spot_s[p] <= max_detour_s && from_spot_s[p] - points[p].time_s <= best_s + kSameTime_s) return p;
  }
  return kNotAttached;
}

}  // namespace

std::vector<CorridorSpot> find_corridor_spots(const RoadGraph& graph, const ContractionHierarchy& hierarchy,
                                              const std::vector<EdgeSpan>& route, const ParkingIndex& parking,
                                              const std::vector<AttachedSpot>& attached,
                                              const std::vector<std::size_t>& attached_by_spot,
                                              const BucketSearch& spot_search, const CorridorSettings& settings) {
  std::vector<CorridorSpot> spots;
  if (route.empty()) return spots;
  const LocalProjection projection(graph.geometry(graph.edges[route.front().edge].geometry).front().lat);
  const std::vector<RouteVertex> vertices = route_vertices(graph, route, projection);

  std::vector<std::size_t> candidates;
  for (std::size_t index : spots_near_route(vertices, parking, attached_by_spot, settings.max_spot_distance_m)) {
    const PlanarPoint access = projection.to_planar(attached[index].access.location);
    if (nearest_route_point(vertices, access).distance_m <= settings.max_spot_distance_m) candidates.push_back(index);
  }
  if (candidates.empty()) return spots;

  const std::vector<JoinPoint> join_points = route_join_points(graph, route, vertices);
  const JoinTimes times = measure_join_times(spot_search, join_points, candidates, settings.max_detour_s);

  for (std::size_t c = 0; c < candidates.size(); ++c) {
    const std::size_t leave = best_leave_point(join_points, times.to_spot_s[c], settings.max_detour_s);
    const std::size_t rejoin = best_rejoin_point(join_points, times.from_spot_s[c], settings.max_detour_s);
    if (leave == kNotAttached || rejoin == kNotAttached) continue;

    const SnappedPoint& access = attached[candidates[c]].access;
    const auto to_spot = find_hierarchy_path(graph, hierarchy, join_points[leave].leave_snapped, access);
    const auto from_spot = find_hierarchy_path(graph, hierarchy, access, join_points[rejoin].rejoin_snapped);
    if (!to_spot || !from_spot) continue;
    spots.push_back({candidates[c], join_points[leave].leave, join_points[rejoin].rejoin, to_spot->spans,
                     from_spot->spans, to_spot->duration_s, from_spot->duration_s});
  }
  std::sort(spots.begin(), spots.end(), [](const CorridorSpot& a, const CorridorSpot& b) {
    return a.leave.time_s < b.leave.time_s;
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
    const double along_route_s = stops[j].leave_position_s - stops[i].rejoin_position_s;
    const double riding_s = stops[i].rejoin_s + along_route_s + stops[j].leave_s;
    return stops[i].walk_s + scale * riding_s + stops[j].walk_s;
  };
  // Whole seconds by which the ride from stop i to stop j exceeds the budget (0 within it).
  const auto excess_s = [&](std::size_t i, std::size_t j) { return std::max(0.0, std::ceil(ride_s(i, j) - budget_s)); };
  const auto in_order = [&](std::size_t i, std::size_t j) {
    return stops[i].rejoin_position_s <= stops[j].leave_position_s;
  };

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
