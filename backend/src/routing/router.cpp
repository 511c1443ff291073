#include "routing/router.hpp"

#include "routing/shortest_path_tree.hpp"

namespace pitstop {

std::optional<Route> find_fastest_route(const RoadGraph& graph, const SnappedPoint& from,
                                        const SnappedPoint& to) {
  ShortestPathTree tree(graph, from, ShortestPathTree::Direction::Forward);
  tree.grow(kUnreachable, &to);
  return tree.path(to);
}

}  // namespace pitstop
