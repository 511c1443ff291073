#pragma once

#include <algorithm>
#include <vector>

#include "contraction/contraction_hierarchy.hpp"

namespace pitstop {

// The remaining graph while nodes are contracted: adjacency lists that lose a
// node's arcs when it is contracted and gain its shortcuts. At most one arc
// joins an ordered pair of nodes, the fastest; its record lives in `arcs`.
class ContractionGraph {
 public:
  struct Neighbor {
    NodeId node = 0;
    double duration_s = 0.0;
    ArcId arc = 0;
  };

  ContractionGraph(std::size_t node_count, std::vector<ContractionArc>& arcs)
      : out_(node_count), in_(node_count), arcs_(arcs) {}

  const std::vector<Neighbor>& out(NodeId node) const { return out_[node]; }
  const std::vector<Neighbor>& in(NodeId node) const { return in_[node]; }

  // Adds the arc `arc` to the graph, or, when tail -> head exists and is
  // slower, overwrites the existing record with it. No shortcut refers to an
  // arc between two uncontracted nodes, so the overwritten record is unused.
  void add_or_shorten(const ContractionArc& arc) {
    for (Neighbor& existing : out_[arc.tail]) {
      if (existing.node != arc.head) continue;
      if (arc.duration_s >= existing.duration_s) return;
      arcs_[existing.arc] = arc;
      existing.duration_s = arc.duration_s;
      for (Neighbor& reverse : in_[arc.head]) {
        if (reverse.node == arc.tail) reverse.duration_s = arc.duration_s;
      }
      return;
    }
    const ArcId id = static_cast<ArcId>(arcs_.size());
    arcs_.push_back(arc);
    out_[arc.tail].push_back({arc.head, arc.duration_s, id});
    in_[arc.head].push_back({arc.tail, arc.duration_s, id});
  }

  // Removes every arc between `node` and the rest of the graph.
  void disconnect(NodeId node) {
    auto drop_node = [node](std::vector<Neighbor>& list) {
      std::erase_if(list, [node](const Neighbor& neighbor) { return neighbor.node == node; });
    };
    for (const Neighbor& neighbor : out_[node]) drop_node(in_[neighbor.node]);
    for (const Neighbor& neighbor : in_[node]) drop_node(out_[neighbor.node]);
    out_[node].clear();
    out_[node].shrink_to_fit();
    in_[node].clear();
    in_[node].shrink_to_fit();
  }

 private:
  std::vector<std::vector<Neighbor>> out_;
  std::vector<std::vector<Neighbor>> in_;
  std::vector<ContractionArc>& arcs_;
};

}  // namespace pitstop
