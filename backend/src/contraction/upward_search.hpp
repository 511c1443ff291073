#pragma once

#include <cstdint>
#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <vector>

#include "contraction/contraction_hierarchy.hpp"
#include "contraction/point_seeds.hpp"

namespace pitstop {

// Dijkstra's algorithm restricted to upward arcs of a contraction hierarchy,
// from the seeds of one snapped point, with stall-on-demand: a node that a
// higher node reaches faster downwards is skipped, because no fastest path
// meets the other direction's search there. Forward searches follow
// upward_out, backward searches upward_in.
class UpwardSearch {
 public:
  enum class Direction { Forward, Backward };

  // Runs from `seeds`, calling visit(node, duration_s) for every node settled
  // and not stalled, until the next node is slower than max_duration_s. One
  // object can serve several hierarchies, one run at a time.
  template <typename Visit>
  void run(const ContractionHierarchy& hierarchy, const std::vector<PointSeed>& seeds, Direction direction,
           double max_duration_s, Visit&& visit) {
    hierarchy_ = &hierarchy;
    start(seeds);
    const bool forward = direction == Direction::Forward;
    while (!queue_.empty()) {
      const auto [duration_s, node] = queue_.top();
      queue_.pop();
      if (duration_s > duration_s_[node]) continue;
      if (duration_s > max_duration_s) break;
      if (stalled(node, duration_s, forward)) continue;
      visit(node, duration_s);
      for (const UpwardArc& arc : forward ? hierarchy_->upward_out(node) : hierarchy_->upward_in(node)) {
        const double next_s = duration_s + arc.duration_s;
        if (next_s < time(arc.node)) {
          stamp_[arc.node] = generation_;
          duration_s_[arc.node] = next_s;
          queue_.push({next_s, arc.node});
        }
      }
    }
  }

 private:
  static constexpr double kInfinity = std::numeric_limits<double>::infinity();

  void start(const std::vector<PointSeed>& seeds) {
    queue_ = {};
    if (stamp_.size() != hierarchy_->node_count()) {
      duration_s_.assign(hierarchy_->node_count(), kInfinity);
      stamp_.assign(hierarchy_->node_count(), 0);
      generation_ = 0;
    }
    ++generation_;
    if (generation_ == 0) {  // wrapped around: old stamps could look current
      std::fill(stamp_.begin(), stamp_.end(), 0);
      generation_ = 1;
    }
    for (const PointSeed& seed : seeds) {
      if (seed.duration_s >= time(seed.node)) continue;
      stamp_[seed.node] = generation_;
      duration_s_[seed.node] = seed.duration_s;
      queue_.push({seed.duration_s, seed.node});
    }
  }

  double time(NodeId node) const { return stamp_[node] == generation_ ? duration_s_[node] : kInfinity; }

  bool stalled(NodeId node, double duration_s, bool forward) const {
    for (const UpwardArc& arc : forward ? hierarchy_->upward_in(node) : hierarchy_->upward_out(node)) {
      if (time(arc.node) + arc.duration_s < duration_s) return true;
    }
    return false;
  }

  using QueueEntry = std::pair<double, NodeId>;

  const ContractionHierarchy* hierarchy_ = nullptr;
  std::vector<double> duration_s_;
  std::vector<std::uint32_t> stamp_;
  std::uint32_t generation_ = 0;
  std::priority_queue<QueueEntry, std::vector<QueueEntry>, std::greater<>> queue_;
};

}  // namespace pitstop
