#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "graph/road_graph.hpp"

namespace pitstop {

using ArcId = std::uint32_t;

// One arc of a contraction hierarchy: an edge of the road graph, or a shortcut
// that stands for the two arcs tail -> middle_node -> head. Unpacking a
// shortcut's children recursively yields road-graph edges.
struct ContractionArc {
  NodeId tail = 0;
  NodeId head = 0;
  double duration_s = 0.0;  // at the profile's base speed
  EdgeId edge = kInvalidId;  // the road-graph edge, or kInvalidId for a shortcut
  NodeId middle_node = kInvalidId;  // shortcuts only: the contracted node they bypass
  ArcId first_child = kInvalidId;   // shortcuts only: tail -> middle_node
  ArcId second_child = kInvalidId;  // shortcuts only: middle_node -> head
};

// An arc as stored at its lower-ranked end, for searches from that end.
struct UpwardArc {
  NodeId node = 0;  // the other end, which has the higher rank
  double duration_s = 0.0;
  ArcId arc = 0;
};

// A contraction hierarchy over a RoadGraph (Geisberger et al., "Contraction
// Hierarchies: Faster and Simpler Hierarchical Routing in Road Networks",
// 2008). Every node has a rank. The shortest path between any two nodes can be
// found as an upward path from the source and a downward path to the target,
// which meet at the path's highest-ranked node.
//
// Node ids are the road graph's. upward_out(n) lists arcs n -> m with
// rank(m) > rank(n), for forward searches; upward_in(n) lists arcs m -> n with
// rank(m) > rank(n), for backward searches.
struct ContractionHierarchy {
  std::vector<std::uint32_t> node_rank;  // 0 = contracted first
  std::vector<ContractionArc> arcs;
  std::vector<std::uint32_t> first_upward_out;
  std::vector<UpwardArc> upward_out_arcs;
  std::vector<std::uint32_t> first_upward_in;
  std::vector<UpwardArc> upward_in_arcs;

  std::size_t node_count() const { return node_rank.size(); }
  std::size_t shortcut_count() const {
    std::size_t count = 0;
    for (const ContractionArc& arc : arcs) count += arc.edge == kInvalidId ? 1 : 0;
    return count;
  }

  std::span<const UpwardArc> upward_out(NodeId node) const {
    return {upward_out_arcs.data() + first_upward_out[node], upward_out_arcs.data() + first_upward_out[node + 1]};
  }
  std::span<const UpwardArc> upward_in(NodeId node) const {
    return {upward_in_arcs.data() + first_upward_in[node], upward_in_arcs.data() + first_upward_in[node + 1]};
  }

  // Bytes held by the vectors above.
  std::size_t memory_bytes() const;
};

// Appends the road-graph edges that `arc` stands for, in riding order.
void unpack_arc(const ContractionHierarchy& hierarchy, ArcId arc, std::vector<EdgeId>& edges);

}  // namespace pitstop
