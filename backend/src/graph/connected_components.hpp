#pragma once

#include <cstdint>
#include <vector>

#include "graph/road_graph.hpp"

namespace pitstop {

// Strongly connected components: node_component[n] is n's component, numbered
// by descending size, so component 0 is the largest. Any node of a component
// can reach any other by riding, so two points snapped into one component
// always have a route, in both directions.
struct ComponentLabels {
  std::vector<ComponentId> node_component;
  std::vector<std::uint32_t> component_node_count;
};

// Labels components with an iterative Tarjan search over the out-edges, linear
// in nodes plus edges.
ComponentLabels label_strong_components(const RoadGraph& graph);

}  // namespace pitstop
