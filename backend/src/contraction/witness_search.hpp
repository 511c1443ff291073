#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "contraction/contraction_graph.hpp"

namespace pitstop {

// Limits of one witness search. Stopping early only adds shortcuts that a
// full search would have found unnecessary, so the hierarchy stays exact.
struct WitnessLimits {
  std::size_t max_settled_nodes = 500;
  std::uint32_t max_hops = 16;
};

// A bounded Dijkstra search in the remaining graph that looks for paths
// between a contracted node's neighbours that avoid the node: where such a
// path (a witness) is no slower than the path through the node, no shortcut
// is needed.
class WitnessSearch {
 public:
  explicit WitnessSearch(std::size_t node_count);

  // Searches from `source` without passing `excluded`, until the next node is
  // slower than max_duration_s or a limit is reached.
  void run(const ContractionGraph& graph, NodeId source, NodeId excluded, double max_duration_s,
           const WitnessLimits& limits);

  // The fastest time found from the source to `node`, or infinity. Always the
  // time of a real path, though not always the fastest one.
  double duration_s(NodeId node) const {
    return stamp_[node] == generation_ ? duration_s_[node] : std::numeric_limits<double>::infinity();
  }

 private:
  std::vector<double> duration_s_;
  std::vector<std::uint32_t> hops_;
  std::vector<std::uint32_t> stamp_;  // duration_s_[n] is valid when stamp_[n] == generation_
  std::uint32_t generation_ = 0;
};

}  // namespace pitstop
