#include "routing/shortest_path_tree.hpp"

#include <algorithm>
#include <functional>
#include <queue>

#include "routing/edge_span.hpp"

namespace pitstop {
namespace {

using QueueEntry = std::pair<double, NodeId>;
using MinQueue = std::priority_queue<QueueEntry, std::vector<QueueEntry>, std::greater<>>;

// Time to ride edge `id` from geometry offset from_m to to_m.
double partial_duration_s(const RoadGraph& graph, EdgeId id, double from_m, double to_m) {
  const Edge& edge = graph.edges[id];
  const double length_m = graph.geometry_length_m[edge.geometry];
  return edge.duration_s * std::abs(to_m - from_m) / length_m;
}

}  // namespace

ShortestPathTree::ShortestPathTree(const RoadGraph& graph, const SnappedPoint& origin,
                                   Direction direction)
    : graph_(graph),
      origin_(origin),
      direction_(direction),
      node_duration_s_(graph.node_count(), kUnreachable),
      parent_edge_(graph.node_count(), kInvalidId),
      seed_edge_(graph.node_count(), kInvalidId) {}

void ShortestPathTree::seed(NodeId node, double duration_s, EdgeId edge) {
  if (duration_s < node_duration_s_[node]) {
    node_duration_s_[node] = duration_s;
    seed_edge_[node] = edge;
  }
}

void ShortestPathTree::grow(double max_duration_s, const SnappedPoint* stop_at) {
  if (grown_) return;
  grown_ = true;

  const GeometryId geometry = origin_.geometry;
  const double length_m = graph_.geometry_length_m[geometry];
  const EdgeId along = graph_.geometry_forward_edge[geometry];
  const EdgeId against = graph_.geometry_backward_edge[geometry];
  const bool forward = direction_ == Direction::Forward;
  // Forward: leave the origin along either edge. Backward: enter it along either edge.
  if (along != kInvalidId) {
    const Edge& edge = graph_.edges[along];
    if (forward) seed(edge.target, partial_duration_s(graph_, along, origin_.offset_m, length_m), along);
    else seed(edge.source, partial_duration_s(graph_, along, 0.0, origin_.offset_m), along);
  }
  if (against != kInvalidId) {
    const Edge& edge = graph_.edges[against];
    if (forward) seed(edge.target, partial_duration_s(graph_, against, origin_.offset_m, 0.0), against);
    else seed(edge.source, partial_duration_s(graph_, against, length_m, origin_.offset_m), against);
  }

  MinQueue queue;
  for (NodeId node = 0; node < graph_.node_count(); ++node) {
    if (seed_edge_[node] != kInvalidId) queue.push({node_duration_s_[node], node});
  }

  double stop_bound_s = kUnreachable;
  std::vector<NodeId> stop_entry_nodes;
  if (stop_at != nullptr && forward) {
    const Arrival direct = best_arrival(*stop_at);
    stop_bound_s = direct.duration_s;
    for (EdgeId id : {graph_.geometry_forward_edge[stop_at->geometry],
                      graph_.geometry_backward_edge[stop_at->geometry]}) {
      if (id != kInvalidId) stop_entry_nodes.push_back(graph_.edges[id].source);
    }
  }

  std::vector<bool> settled(graph_.node_count(), false);
  while (!queue.empty()) {
    const auto [duration_s, node] = queue.top();
    queue.pop();
    if (settled[node] || duration_s > node_duration_s_[node]) continue;
    // Settle a node exactly at the bound too. When stop_at lies on the node, the
    // bound equals its tentative time, so breaking here would reset that time
    // below and lose the route.
    if (duration_s > max_duration_s || duration_s > stop_bound_s) break;
    settled[node] = true;

    if (std::find(stop_entry_nodes.begin(), stop_entry_nodes.end(), node) != stop_entry_nodes.end()) {
      stop_bound_s = std::min(stop_bound_s, best_arrival(*stop_at).duration_s);
    }

    if (forward) {
      for (std::uint32_t i = graph_.first_out[node]; i < graph_.first_out[node + 1]; ++i) {
        const Edge& edge = graph_.edges[i];
        const double next_s = duration_s + edge.duration_s;
        if (next_s < node_duration_s_[edge.target]) {
          node_duration_s_[edge.target] = next_s;
          parent_edge_[edge.target] = i;
          seed_edge_[edge.target] = kInvalidId;
          queue.push({next_s, edge.target});
        }
      }
    } else {
      for (EdgeId id : graph_.in_edge_ids(node)) {
        const Edge& edge = graph_.edges[id];
        const double next_s = duration_s + edge.duration_s;
        if (next_s < node_duration_s_[edge.source]) {
          node_duration_s_[edge.source] = next_s;
          parent_edge_[edge.source] = id;
          seed_edge_[edge.source] = kInvalidId;
          queue.push({next_s, edge.source});
        }
      }
    }
  }

  // Nodes left in the queue hold upper bounds only; forget them so that every
  // finite time is exact.
  for (NodeId node = 0; node < graph_.node_count(); ++node) {
    if (!settled[node]) node_duration_s_[node] = kUnreachable;
  }
}

ShortestPathTree::Arrival ShortestPathTree::best_arrival(const SnappedPoint& point) const {
  Arrival best;
  if (point.geometry == kInvalidId) return best;
  const double length_m = graph_.geometry_length_m[point.geometry];
  const bool forward = direction_ == Direction::Forward;

  auto consider = [&best](double duration_s, NodeId node, EdgeId edge) {
    if (duration_s < best.duration_s) best = Arrival{duration_s, node, edge};
  };

  const EdgeId along = graph_.geometry_forward_edge[point.geometry];
  const EdgeId against = graph_.geometry_backward_edge[point.geometry];
  if (along != kInvalidId) {
    const Edge& edge = graph_.edges[along];
    if (forward) {
      consider(node_duration_s_[edge.source] + partial_duration_s(graph_, along, 0.0, point.offset_m),
               edge.source, along);
    } else {
      consider(partial_duration_s(graph_, along, point.offset_m, length_m) + node_duration_s_[edge.target],
               edge.target, along);
    }
  }
  if (against != kInvalidId) {
    const Edge& edge = graph_.edges[against];
    if (forward) {
      consider(node_duration_s_[edge.source] + partial_duration_s(graph_, against, length_m, point.offset_m),
               edge.source, against);
    } else {
      consider(partial_duration_s(graph_, against, point.offset_m, 0.0) + node_duration_s_[edge.target],
               edge.target, against);
    }
  }

  if (point.geometry == origin_.geometry) {
    // Both points on one geometry: ride straight along it when the direction allows.
    const double from_m = forward ? origin_.offset_m : point.offset_m;
    const double to_m = forward ? point.offset_m : origin_.offset_m;
    if (along != kInvalidId && to_m >= from_m) {
      consider(partial_duration_s(graph_, along, from_m, to_m), kInvalidId, along);
    }
    if (against != kInvalidId && to_m <= from_m) {
      consider(partial_duration_s(graph_, against, from_m, to_m), kInvalidId, against);
    }
  }
  return best;
}

double ShortestPathTree::duration_s(const SnappedPoint& point) const {
  return best_arrival(point).duration_s;
}

std::vector<EdgeId> ShortestPathTree::edges_between_origin_and(NodeId node) const {
  // Tree edges from the seed node to `node`, walking parent links; in a
  // backward tree those edges lead towards the origin.
  std::vector<EdgeId> edges;
  while (parent_edge_[node] != kInvalidId) {
    const EdgeId id = parent_edge_[node];
    edges.push_back(id);
    node = direction_ == Direction::Forward ? graph_.edges[id].source : graph_.edges[id].target;
  }
  edges.push_back(seed_edge_[node]);  // the origin's own edge, ridden in part
  return edges;
}

std::optional<Route> ShortestPathTree::path(const SnappedPoint& point) const {
  const Arrival arrival = best_arrival(point);
  if (arrival.duration_s == kUnreachable) return std::nullopt;

  const bool forward = direction_ == Direction::Forward;
  const SnappedPoint& first = forward ? origin_ : point;
  const SnappedPoint& last = forward ? point : origin_;

  std::vector<EdgeSpan> spans;
  if (arrival.node == kInvalidId) {
    spans.push_back(EdgeSpan{arrival.edge, first.offset_m, last.offset_m});
    return build_route(graph_, spans);
  }

  std::vector<EdgeId> tree_edges = edges_between_origin_and(arrival.node);
  if (forward) std::reverse(tree_edges.begin(), tree_edges.end());
  // Riding order: the first edge starts at `first`, the last ends at `last`,
  // and the point's own edge sits at the far end from the origin's.
  if (forward) tree_edges.push_back(arrival.edge);
  else tree_edges.insert(tree_edges.begin(), arrival.edge);

  for (std::size_t i = 0; i < tree_edges.size(); ++i) {
    EdgeSpan span = full_span(graph_, tree_edges[i]);
    if (i == 0) span.from_offset_m = first.offset_m;
    if (i + 1 == tree_edges.size()) span.to_offset_m = last.offset_m;
    spans.push_back(span);
  }
  return build_route(graph_, spans);
}

std::vector<EdgeSpan> ShortestPathTree::spans_to_node(NodeId node) const {
  std::vector<EdgeId> tree_edges = edges_between_origin_and(node);
  const bool forward = direction_ == Direction::Forward;
  if (forward) std::reverse(tree_edges.begin(), tree_edges.end());

  std::vector<EdgeSpan> spans;
  for (EdgeId edge : tree_edges) spans.push_back(full_span(graph_, edge));
  if (forward) spans.front().from_offset_m = origin_.offset_m;
  else spans.back().to_offset_m = origin_.offset_m;
  return spans;
}

}  // namespace pitstop
