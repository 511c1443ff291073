#include "contraction/hierarchy_query.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <queue>

#include "contraction/point_seeds.hpp"

namespace pitstop {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// One direction's search state, reused across queries on the same thread.
struct SearchSide {
  std::vector<double> duration_s;
  std::vector<ArcId> parent_arc;  // arc that set the time, or kInvalidId for a seed
  std::vector<EdgeId> seed_edge;  // for seeds: the end point's edge
  std::vector<std::uint32_t> stamp;

  using QueueEntry = std::pair<double, NodeId>;
  std::priority_queue<QueueEntry, std::vector<QueueEntry>, std::greater<>> queue;

  bool valid(NodeId node, std::uint32_t generation) const { return stamp[node] == generation; }
  double time(NodeId node, std::uint32_t generation) const {
    return valid(node, generation) ? duration_s[node] : kInfinity;
  }
  double next_key() const { return queue.empty() ? kInfinity : queue.top().first; }
};

struct QueryWorkspace {
  std::array<SearchSide, 2> sides;  // 0 forward, 1 backward
  std::uint32_t generation = 0;

  void prepare(std::size_t node_count) {
    for (SearchSide& side : sides) {
      if (side.stamp.size() != node_count) {
        side.duration_s.assign(node_count, kInfinity);
        side.parent_arc.assign(node_count, kInvalidId);
        side.seed_edge.assign(node_count, kInvalidId);
        side.stamp.assign(node_count, 0);
        generation = 0;
      }
      side.queue = {};
    }
    ++generation;
    if (generation == 0) {  // wrapped around: old stamps could look current
      for (SearchSide& side : sides) std::fill(side.stamp.begin(), side.stamp.end(), 0);
      generation = 1;
    }
  }
};

QueryWorkspace& thread_workspace() {
  thread_local QueryWorkspace workspace;
  return workspace;
}

class BidirectionalSearch {
 public:
  BidirectionalSearch(const RoadGraph& graph, const ContractionHierarchy& hierarchy, QueryWorkspace& workspace)
      : graph_(graph), hierarchy_(hierarchy), workspace_(workspace), generation_(workspace.generation) {}

  std::optional<HierarchyPath> run(const SnappedPoint& from, const SnappedPoint& to) {
    for (const PointSeed& seed : departure_seeds(graph_, from)) add_seed(0, seed);
    for (const PointSeed& seed : arrival_seeds(graph_, to)) add_seed(1, seed);
    const PointSeed direct = ride_along_geometry(graph_, from, to);
    best_s_ = direct.duration_s;

    while (true) {
      const double forward_key = workspace_.sides[0].next_key();
      const double backward_key = workspace_.sides[1].next_key();
      // Every path still to be found is at least as slow as the smaller key.
      if (std::min(forward_key, backward_key) >= best_s_) break;
      settle_next(forward_key <= backward_key ? 0 : 1);
    }
    if (best_s_ == kInfinity) return std::nullopt;

    HierarchyPath path;
    path.duration_s = best_s_;
    if (meeting_node_ == kInvalidId) {
      path.spans.push_back(EdgeSpan{direct.edge, from.offset_m, to.offset_m});
      return path;
    }
    const std::vector<EdgeId> edges = collect_edges();
    for (std::size_t i = 0; i < edges.size(); ++i) {
      EdgeSpan span = full_span(graph_, edges[i]);
      if (i == 0) span.from_offset_m = from.offset_m;
      if (i + 1 == edges.size()) span.to_offset_m = to.offset_m;
      path.spans.push_back(span);
    }
    return path;
  }

 private:
  void add_seed(int direction, const PointSeed& seed) {
    SearchSide& side = workspace_.sides[direction];
    if (seed.duration_s >= side.time(seed.node, generation_)) return;
    side.stamp[seed.node] = generation_;
    side.duration_s[seed.node] = seed.duration_s;
    side.parent_arc[seed.node] = kInvalidId;
    side.seed_edge[seed.node] = seed.edge;
    side.queue.push({seed.duration_s, seed.node});
  }

  void settle_next(int direction) {
    SearchSide& side = workspace_.sides[direction];
    const SearchSide& other = workspace_.sides[1 - direction];
    const auto [duration_s, node] = side.queue.top();
    side.queue.pop();
    if (duration_s > side.duration_s[node]) return;  // stale entry

    const double through_s = duration_s + other.time(node, generation_);
    if (through_s < best_s_) {
      best_s_ = through_s;
      meeting_node_ = node;
    }

    const bool forward = direction == 0;
    // Stall-on-demand: when a higher node reaches this one faster downwards,
    // this node's time is not final and the fastest path does not pass here
    // upwards, so its arcs need not be relaxed.
    for (const UpwardArc& arc : forward ? hierarchy_.upward_in(node) : hierarchy_.upward_out(node)) {
      if (side.time(arc.node, generation_) + arc.duration_s < duration_s) return;
    }
    for (const UpwardArc& arc : forward ? hierarchy_.upward_out(node) : hierarchy_.upward_in(node)) {
      const double next_s = duration_s + arc.duration_s;
      if (next_s < side.time(arc.node, generation_)) {
        side.stamp[arc.node] = generation_;
        side.duration_s[arc.node] = next_s;
        side.parent_arc[arc.node] = arc.arc;
        side.seed_edge[arc.node] = kInvalidId;
        side.queue.push({next_s, arc.node});
      }
    }
  }

  // Road-graph edges from the start's edge to the destination's, in riding order.
  std::vector<EdgeId> collect_edges() const {
    const SearchSide& forward = workspace_.sides[0];
    const SearchSide& backward = workspace_.sides[1];

    std::vector<ArcId> upward;  // from the meeting node down to the forward seed
    NodeId node = meeting_node_;
    while (forward.parent_arc[node] != kInvalidId) {
      upward.push_back(forward.parent_arc[node]);
      node = hierarchy_.arcs[forward.parent_arc[node]].tail;
    }
    std::vector<EdgeId> edges{forward.seed_edge[node]};
    for (auto arc = upward.rbegin(); arc != upward.rend(); ++arc) unpack_arc(hierarchy_, *arc, edges);

    node = meeting_node_;
    while (backward.parent_arc[node] != kInvalidId) {
      unpack_arc(hierarchy_, backward.parent_arc[node], edges);
      node = hierarchy_.arcs[backward.parent_arc[node]].head;
    }
    edges.push_back(backward.seed_edge[node]);
    return edges;
  }

  const RoadGraph& graph_;
  const ContractionHierarchy& hierarchy_;
  QueryWorkspace& workspace_;
  std::uint32_t generation_;
  double best_s_ = kInfinity;
  NodeId meeting_node_ = kInvalidId;
};

}  // namespace

std::optional<HierarchyPath> find_hierarchy_path(const RoadGraph& graph, const ContractionHierarchy& hierarchy,
                                                 const SnappedPoint& from, const SnappedPoint& to) {
  QueryWorkspace& workspace = thread_workspace();
  workspace.prepare(hierarchy.node_count());
  BidirectionalSearch search(graph, hierarchy, workspace);
  return search.run(from, to);
}

}  // namespace pitstop
