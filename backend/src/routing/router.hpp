#pragma once

#include <optional>

#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"
#include "routing/route.hpp"

namespace pitstop {

// Fastest route between two snapped points with Dijkstra's algorithm, stopping
// as soon as the target's time is final. Returns nothing when the target
// cannot be reached (for example, only against a oneway).
std::optional<Route> find_fastest_route(const RoadGraph& graph, const SnappedPoint& from,
                                        const SnappedPoint& to);

}  // namespace pitstop
