#include "contraction/witness_search.hpp"

#include <functional>
#include <queue>

namespace pitstop {

WitnessSearch::WitnessSearch(std::size_t node_count)
    : duration_s_(node_count), hops_(node_count), stamp_(node_count, 0) {}

void WitnessSearch::run(const ContractionGraph& graph, NodeId source, NodeId excluded, double max_duration_s,
                        const WitnessLimits& limits) {
  ++generation_;
  if (generation_ == 0) {  // wrapped around: old stamps could look current
    std::fill(stamp_.begin(), stamp_.end(), 0);
    generation_ = 1;
  }

  using QueueEntry = std::pair<double, NodeId>;
  std::priority_queue<QueueEntry, std::vector<QueueEntry>, std::greater<>> queue;
  stamp_[source] = generation_;
  duration_s_[source] = 0.0;
  hops_[source] = 0;
  queue.push({0.0, source});

  std::size_t settled = 0;
  while (!queue.empty()) {
    const auto [duration_s, node] = queue.top();
    queue.pop();
    if (duration_s > duration_s_[node]) continue;
    if (duration_s > max_duration_s || ++settled > limits.max_settled_nodes) break;
    if (hops_[node] >= limits.max_hops) continue;

    for (const ContractionGraph::Neighbor& arc : graph.out(node)) {
      if (arc.node == excluded) continue;
      const double next_s = duration_s + arc.duration_s;
      if (stamp_[arc.node] != generation_ || next_s < duration_s_[arc.node]) {
        stamp_[arc.node] = generation_;
        duration_s_[arc.node] = next_s;
        hops_[arc.node] = hops_[node] + 1;
        queue.push({next_s, arc.node});
      }
    }
  }
}

}  // namespace pitstop
