#pragma once

#include <limits>
#include <optional>
#include <vector>

#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"
#include "routing/edge_span.hpp"
#include "routing/route.hpp"

namespace pitstop {

constexpr double kUnreachable = std::numeric_limits<double>::infinity();

// Dijkstra's algorithm from one snapped point, the exact reference search.
// A forward tree contains the fastest times from the origin to every settled node;
// a backward tree contains the fastest times from every settled node to the origin.
// Times are at the profile's base speed.
class ShortestPathTree {
 public:
  enum class Direction { Forward, Backward };

  ShortestPathTree(const RoadGraph& graph, const SnappedPoint& origin, Direction direction);

  // Settles nodes in order of time until the next one is farther than max_duration_s,
  // or until `stop_at` (forward trees only) cannot get faster. Can be called once.
  void grow(double max_duration_s = kUnreachable, const SnappedPoint* stop_at = nullptr);

  // Fastest time between the origin and `point` (origin to point for a forward
  // tree, point to origin for a backward one), or kUnreachable. Exact for any
  // point whose time is within the grown limit.
  double duration_s(const SnappedPoint& point) const;

  // The fastest path between the origin and `point`, in riding order.
  std::optional<Route> path(const SnappedPoint& point) const;

  double node_duration_s(NodeId node) const { return node_duration_s_[node]; }

  // The tree edge into `node` (forward) or out of it towards the origin
  // (backward); kInvalidId for a node next to the origin or not settled.
  EdgeId parent_edge(NodeId node) const { return parent_edge_[node]; }

  // The tree path between the origin and settled `node` in riding order: from
  // the origin to the node in a forward tree, from the node to the origin in
  // a backward one. The span on the origin's edge is cut at the origin.
  std::vector<EdgeSpan> spans_to_node(NodeId node) const;
  Direction direction() const { return direction_; }

 private:
  struct Arrival {
    double duration_s = kUnreachable;
    NodeId node = kInvalidId;  // node the point is reached from, kInvalidId when on the origin's edge
    EdgeId edge = kInvalidId;  // edge holding the point
  };

  void seed(NodeId node, double duration_s, EdgeId edge);
  Arrival best_arrival(const SnappedPoint& point) const;
  std::vector<EdgeId> edges_between_origin_and(NodeId node) const;

  const RoadGraph& graph_;
  SnappedPoint origin_;
  Direction direction_;
  std::vector<double> node_duration_s_;
  std::vector<EdgeId> parent_edge_;  // tree edge into the node; kInvalidId for seeds
  std::vector<EdgeId> seed_edge_;    // for seeds: the origin's edge leading to the node
  bool grown_ = false;
};

}  // namespace pitstop
