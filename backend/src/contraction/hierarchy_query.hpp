#pragma once

#include <optional>
#include <vector>

#include "contraction/contraction_hierarchy.hpp"
#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"
#include "routing/edge_span.hpp"

namespace pitstop {

// A fastest path as road-graph edge spans in riding order.
struct HierarchyPath {
  double duration_s = 0.0;  // at the profile's base speed
  std::vector<EdgeSpan> spans;
};

// Fastest path between two snapped points with a bidirectional search on the
// contraction hierarchy: a forward search upwards from the start's edge and a
// backward search upwards from the destination's, with stall-on-demand. The
// time equals the Dijkstra search's up to floating-point rounding; among
// equally fast paths it may pick another one. Returns nothing when the
// destination cannot be reached. Safe to call from several threads at once.
std::optional<HierarchyPath> find_hierarchy_path(const RoadGraph& graph, const ContractionHierarchy& hierarchy,
                                                 const SnappedPoint& from, const SnappedPoint& to);

}  // namespace pitstop
