#include "contraction/hierarchy_builder.hpp"

#include <functional>
#include <queue>

namespace pitstop {
namespace {

struct Shortcut {
  NodeId tail = 0;
  NodeId head = 0;
  double duration_s = 0.0;
  ArcId first_child = 0;
  ArcId second_child = 0;
};

class HierarchyBuilder {
 public:
  HierarchyBuilder(const RoadGraph& graph, const ContractionSettings& settings)
      : graph_(graph),
        settings_(settings),
        remaining_(graph.node_count(), hierarchy_.arcs),
        witness_(graph.node_count()),
        priority_(graph.node_count(), 0),
        deleted_neighbours_(graph.node_count(), 0),
        contracted_(graph.node_count(), false),
        upward_out_(graph.node_count()),
        upward_in_(graph.node_count()) {}

  ContractionHierarchy build() {
    add_road_edges();
    contract_all_nodes();
    store_upward_arcs();
    return std::move(hierarchy_);
  }

 private:
  void add_road_edges() {
    for (EdgeId id = 0; id < graph_.edge_count(); ++id) {
      const Edge& edge = graph_.edges[id];
      if (edge.source == edge.target) continue;  // a loop is never on a fastest path
      remaining_.add_or_shorten(ContractionArc{edge.source, edge.target, edge.duration_s, id});
    }
  }

  // Shortcuts needed to keep every fastest path when `node` is removed.
  std::vector<Shortcut> find_shortcuts(NodeId node, const WitnessLimits& limits) {
    std::vector<Shortcut> shortcuts;
    const auto& outgoing = remaining_.out(node);
    for (const ContractionGraph::Neighbor& in : remaining_.in(node)) {
      double max_via_s = -1.0;
      for (const ContractionGraph::Neighbor& out : outgoing) {
        if (out.node != in.node) max_via_s = std::max(max_via_s, in.duration_s + out.duration_s);
      }
      if (max_via_s < 0.0) continue;  // the only way on leads back to in.node
      witness_.run(remaining_, in.node, node, max_via_s, limits);
      for (const ContractionGraph::Neighbor& out : outgoing) {
        if (out.node == in.node) continue;
        const double via_s = in.duration_s + out.duration_s;
        if (witness_.duration_s(out.node) > via_s) {
          shortcuts.push_back({in.node, out.node, via_s, in.arc, out.arc});
        }
      }
    }
    return shortcuts;
  }

  int compute_priority(NodeId node) {
    const int shortcuts = static_cast<int>(find_shortcuts(node, settings_.estimate_limits).size());
    const int removed = static_cast<int>(remaining_.in(node).size() + remaining_.out(node).size());
    return 2 * (shortcuts - removed) + deleted_neighbours_[node];
  }

  void contract_all_nodes() {
    using QueueEntry = std::pair<int, NodeId>;
    std::priority_queue<QueueEntry, std::vector<QueueEntry>, std::greater<>> queue;
    for (NodeId node = 0; node < graph_.node_count(); ++node) {
      priority_[node] = compute_priority(node);
      queue.push({priority_[node], node});
    }
    hierarchy_.node_rank.assign(graph_.node_count(), 0);

    std::uint32_t next_rank = 0;
    while (!queue.empty()) {
      const auto [priority, node] = queue.top();
      queue.pop();
      if (contracted_[node] || priority != priority_[node]) continue;  // stale entry
      // Lazy update: the stored priority may be out of date since neighbours
      // were contracted.
      priority_[node] = compute_priority(node);
      if (!queue.empty() && priority_[node] > queue.top().first) {
        queue.push({priority_[node], node});
        continue;
      }
      contract(node);
      hierarchy_.node_rank[node] = next_rank++;

      std::vector<NodeId> neighbours;
      for (const auto& arc : upward_out_[node]) neighbours.push_back(arc.node);
      for (const auto& arc : upward_in_[node]) neighbours.push_back(arc.node);
      std::sort(neighbours.begin(), neighbours.end());
      neighbours.erase(std::unique(neighbours.begin(), neighbours.end()), neighbours.end());
      for (NodeId neighbour : neighbours) {
        ++deleted_neighbours_[neighbour];
        priority_[neighbour] = compute_priority(neighbour);
        queue.push({priority_[neighbour], neighbour});
      }
    }
  }

  void contract(NodeId node) {
    const std::vector<Shortcut> shortcuts = find_shortcuts(node, settings_.contract_limits);
    // Every remaining neighbour is contracted later, so has a higher rank.
    for (const auto& arc : remaining_.out(node)) upward_out_[node].push_back({arc.node, arc.duration_s, arc.arc});
    for (const auto& arc : remaining_.in(node)) upward_in_[node].push_back({arc.node, arc.duration_s, arc.arc});
    remaining_.disconnect(node);
    contracted_[node] = true;
    for (const Shortcut& shortcut : shortcuts) {
      remaining_.add_or_shorten(ContractionArc{shortcut.tail, shortcut.head, shortcut.duration_s, kInvalidId, node,
                                               shortcut.first_child, shortcut.second_child});
    }
  }

  void store_upward_arcs() {
    auto to_csr = [](const std::vector<std::vector<UpwardArc>>& lists, std::vector<std::uint32_t>& first,
                     std::vector<UpwardArc>& flat) {
      first.assign(lists.size() + 1, 0);
      for (std::size_t node = 0; node < lists.size(); ++node) {
        first[node + 1] = first[node] + static_cast<std::uint32_t>(lists[node].size());
      }
      flat.reserve(first.back());
      for (const auto& list : lists) flat.insert(flat.end(), list.begin(), list.end());
    };
    to_csr(upward_out_, hierarchy_.first_upward_out, hierarchy_.upward_out_arcs);
    to_csr(upward_in_, hierarchy_.first_upward_in, hierarchy_.upward_in_arcs);
    hierarchy_.arcs.shrink_to_fit();
  }

  const RoadGraph& graph_;
  const ContractionSettings& settings_;
  ContractionHierarchy hierarchy_;
  ContractionGraph remaining_;
  WitnessSearch witness_;
  std::vector<int> priority_;
  std::vector<int> deleted_neighbours_;
  std::vector<bool> contracted_;
  std::vector<std::vector<UpwardArc>> upward_out_;
  std::vector<std::vector<UpwardArc>> upward_in_;
};

}  // namespace

ContractionHierarchy build_contraction_hierarchy(const RoadGraph& graph, const ContractionSettings& settings) {
  HierarchyBuilder builder(graph, settings);
  return builder.build();
}

}  // namespace pitstop
