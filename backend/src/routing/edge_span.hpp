#pragma once

#include <vector>

#include "graph/road_graph.hpp"
#include "routing/route.hpp"

namespace pitstop {

// The ridden part of one edge, as offsets along its geometry (decreasing for a
// reversed edge).
struct EdgeSpan {
  EdgeId edge = kInvalidId;
  double from_offset_m = 0.0;
  double to_offset_m = 0.0;
};

// The whole of an edge, in its riding direction.
EdgeSpan full_span(const RoadGraph& graph, EdgeId edge);

// Joins spans, in riding order, into one route with geometry and pieces.
Route build_route(const RoadGraph& graph, const std::vector<EdgeSpan>& spans);

}  // namespace pitstop
