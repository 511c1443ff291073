#pragma once

#include <optional>

#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"
#include "routing/route.hpp"

namespace pitstop {

// Fastest route between two snapped points. Searches the graph's contraction
// hierarchy when it has one, else runs find_fastest_route_dijkstra; both give
// the same time up to floating-point rounding. Returns nothing when the target
// cannot be reached (for example, only against a oneway).
std::optional<Route> find_fastest_route(const RoadGraph& graph, const SnappedPoint& from,
                                        const SnappedPoint& to);

// Fastest route with Dijkstra's algorithm, stopping as soon as the target's
// time is final: the reference that the faster search is tested against.
std::optional<Route> find_fastest_route_dijkstra(const RoadGraph& graph, const SnappedPoint& from,
                                                 const SnappedPoint& to);

}  // namespace pitstop
