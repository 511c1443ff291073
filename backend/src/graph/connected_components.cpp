#include "graph/connected_components.hpp"

#include <algorithm>

namespace pitstop {
namespace {

// Tarjan's algorithm with an explicit call stack, so that long chains of
// nodes cannot overflow the thread's stack.
class TarjanSearch {
 public:
  explicit TarjanSearch(const RoadGraph& graph)
      : graph_(graph),
        index_(graph.node_count(), kUnvisited),
        low_link_(graph.node_count(), 0),
        on_stack_(graph.node_count(), false),
        component_(graph.node_count(), kInvalidId) {}

  // Returns each node's component, numbered in the order components close.
  std::vector<ComponentId> run(std::uint32_t& component_count) {
    for (NodeId node = 0; node < graph_.node_count(); ++node) {
      if (index_[node] == kUnvisited) visit(node);
    }
    component_count = next_component_;
    return component_;
  }

 private:
  static constexpr std::uint32_t kUnvisited = kInvalidId;

  struct Frame {
    NodeId node;
    std::uint32_t next_edge;
  };

  void open(NodeId node) {
    index_[node] = low_link_[node] = next_index_++;
    stack_.push_back(node);
    on_stack_[node] = true;
    calls_.push_back({node, graph_.first_out[node]});
  }

  void visit(NodeId root) {
    open(root);
    while (!calls_.empty()) {
      Frame& frame = calls_.back();
      if (frame.next_edge < graph_.first_out[frame.node + 1]) {
        const NodeId target = graph_.edges[frame.next_edge++].target;
        if (index_[target] == kUnvisited) {
          open(target);
        } else if (on_stack_[target]) {
          low_link_[frame.node] = std::min(low_link_[frame.node], index_[target]);
        }
        continue;
      }

      const NodeId node = frame.node;
      calls_.pop_back();
      if (!calls_.empty()) {
        const NodeId caller = calls_.back().node;
        low_link_[caller] = std::min(low_link_[caller], low_link_[node]);
      }
      if (low_link_[node] == index_[node]) close_component(node);
    }
  }

  void close_component(NodeId root) {
    NodeId member;
    do {
      member = stack_.back();
      stack_.pop_back();
      on_stack_[member] = false;
      component_[member] = next_component_;
    } while (member != root);
    ++next_component_;
  }

  const RoadGraph& graph_;
  std::vector<std::uint32_t> index_;
  std::vector<std::uint32_t> low_link_;
  std::vector<bool> on_stack_;
  std::vector<ComponentId> component_;
  std::vector<NodeId> stack_;
  std::vector<Frame> calls_;
  std::uint32_t next_index_ = 0;
  ComponentId next_component_ = 0;
};

}  // namespace

ComponentLabels label_strong_components(const RoadGraph& graph) {
  std::uint32_t component_count = 0;
  const std::vector<ComponentId> raw = TarjanSearch(graph).run(component_count);

  std::vector<std::uint32_t> raw_size(component_count, 0);
  for (ComponentId id : raw) ++raw_size[id];
  std::vector<ComponentId> order(component_count);
  for (ComponentId id = 0; id < component_count; ++id) order[id] = id;
  std::stable_sort(order.begin(), order.end(),
                   [&](ComponentId a, ComponentId b) { return raw_size[a] > raw_size[b]; });

  std::vector<ComponentId> renumbered(component_count);
  ComponentLabels labels;
  for (ComponentId rank = 0; rank < component_count; ++rank) {
    renumbered[order[rank]] = rank;
    labels.component_node_count.push_back(raw_size[order[rank]]);
  }
  labels.node_component.reserve(raw.size());
  for (ComponentId id : raw) labels.node_component.push_back(renumbered[id]);
  return labels;
}

}  // namespace pitstop
