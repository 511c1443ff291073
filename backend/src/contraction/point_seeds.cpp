#include "contraction/point_seeds.hpp"

#include <cmath>
#include <limits>

namespace pitstop {

double partial_edge_duration_s(const RoadGraph& graph, EdgeId id, double from_m, double to_m) {
  // The same expression as the Dijkstra search's, so both round alike.
  const Edge& edge = graph.edges[id];
  const double length_m = graph.geometry_length_m[edge.geometry];
  return edge.duration_s * std::abs(to_m - from_m) / length_m;
}

std::vector<PointSeed> departure_seeds(const RoadGraph& graph, const SnappedPoint& point) {
  std::vector<PointSeed> seeds;
  const double length_m = graph.geometry_length_m[point.geometry];
  const EdgeId along = graph.geometry_forward_edge[point.geometry];
  const EdgeId against = graph.geometry_backward_edge[point.geometry];
  if (along != kInvalidId) {
    seeds.push_back({graph.edges[along].target, partial_edge_duration_s(graph, along, point.offset_m, length_m),
                     along});
  }
  if (against != kInvalidId) {
    seeds.push_back({graph.edges[against].target, partial_edge_duration_s(graph, against, point.offset_m, 0.0),
                     against});
  }
  return seeds;
}

std::vector<PointSeed> arrival_seeds(const RoadGraph& graph, const SnappedPoint& point) {
  std::vector<PointSeed> seeds;
  const double length_m = graph.geometry_length_m[point.geometry];
  const EdgeId along = graph.geometry_forward_edge[point.geometry];
  const EdgeId against = graph.geometry_backward_edge[point.geometry];
  if (along != kInvalidId) {
    seeds.push_back({graph.edges[along].source, partial_edge_duration_s(graph, along, 0.0, point.offset_m), along});
  }
  if (against != kInvalidId) {
    seeds.push_back({graph.edges[against].source,
                     partial_edge_duration_s(graph, against, length_m, point.offset_m), against});
  }
  return seeds;
}

PointSeed ride_along_geometry(const RoadGraph& graph, const SnappedPoint& from, const SnappedPoint& to) {
  PointSeed best{kInvalidId, std::numeric_limits<double>::infinity(), kInvalidId};
  if (from.geometry != to.geometry) return best;
  const EdgeId along = graph.geometry_forward_edge[from.geometry];
  const EdgeId against = graph.geometry_backward_edge[from.geometry];
  if (along != kInvalidId && to.offset_m >= from.offset_m) {
    best = {kInvalidId, partial_edge_duration_s(graph, along, from.offset_m, to.offset_m), along};
  }
  if (against != kInvalidId && to.offset_m <= from.offset_m) {
    const double duration_s = partial_edge_duration_s(graph, against, from.offset_m, to.offset_m);
    if (duration_s < best.duration_s) best = {kInvalidId, duration_s, against};
  }
  return best;
}

}  // namespace pitstop
