#include "routing/router.hpp"

#include "contraction/hierarchy_query.hpp"
#include "routing/edge_span.hpp"
#include "routing/shortest_path_tree.hpp"

namespace pitstop {

std::optional<Route> find_fastest_route(const RoadGraph& graph, const SnappedPoint& from,
                                        const SnappedPoint& to) {
  if (!graph.contraction_hierarchy) return find_fastest_route_dijkstra(graph, from, to);
  const auto path = find_hierarchy_path(graph, *graph.contraction_hierarchy, from, to);
  if (!path) return std::nullopt;
  return build_route(graph, path->spans);
}

std::optional<Route> find_fastest_route_dijkstra(const RoadGraph& graph, const SnappedPoint& from,
                                                 const SnappedPoint& to) {
  ShortestPathTree tree(graph, from, ShortestPathTree::Direction::Forward);
  tree.grow(kUnreachable, &to);
  return tree.path(to);
}

}  // namespace pitstop
