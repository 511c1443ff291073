#pragma once

#include "contraction/contraction_hierarchy.hpp"
#include "contraction/witness_search.hpp"
#include "graph/road_graph.hpp"

namespace pitstop {

struct ContractionSettings {
  // Witness searches while estimating a node's priority, and while contracting it.
  WitnessLimits estimate_limits{100, 8};
  WitnessLimits contract_limits{1000, 32};
};

// Contracts every node of `graph`, least important first. A node's priority is
// its edge difference (shortcuts added minus arcs removed) plus the number of
// its neighbours contracted before it, which spreads contraction evenly over
// the map. Priorities are updated lazily: a node taken from the queue is
// re-evaluated and put back when it is no longer the minimum, and the
// neighbours of each contracted node are re-evaluated.
ContractionHierarchy build_contraction_hierarchy(const RoadGraph& graph, const ContractionSettings& settings = {});

}  // namespace pitstop
