#pragma once

#include <cstdint>
#include <vector>

#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"

namespace pitstop {

// A node next to a snapped point, with the time to ride the part of `edge`
// between them.
struct PointSeed {
  NodeId node = kInvalidId;
  double duration_s = 0.0;
  EdgeId edge = kInvalidId;
};

// The nodes a rider at `point` can ride to first, one per riding direction of
// its geometry: the starts of a forward search.
std::vector<PointSeed> departure_seeds(const RoadGraph& graph, const SnappedPoint& point);

// The nodes a rider can come from last to reach `point`: the starts of a
// backward search.
std::vector<PointSeed> arrival_seeds(const RoadGraph& graph, const SnappedPoint& point);

// The ride from `from` straight along its geometry to `to`. Its duration_s is
// infinite unless both lie on the same geometry and an edge runs that way.
PointSeed ride_along_geometry(const RoadGraph& graph, const SnappedPoint& from, const SnappedPoint& to);

// Time to ride edge `id` from geometry offset from_m to to_m.
double partial_edge_duration_s(const RoadGraph& graph, EdgeId id, double from_m, double to_m);

}  // namespace pitstop
