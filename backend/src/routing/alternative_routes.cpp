#include "routing/alternative_routes.hpp"

#include <algorithm>
#include <cmath>

#include "routing/shortest_path_tree.hpp"

namespace pitstop {
namespace {

// A plateau, the tree path that both trees share from node `first` on.
struct Plateau {
  NodeId first = kInvalidId;
  double route_s = 0.0;    // from -> first -> to, base speed
  double plateau_s = 0.0;  // along the plateau
};

// The geometries a route rides, sorted, to measure what another route shares with it.
class RouteFootprint {
 public:
  RouteFootprint(const RoadGraph& graph, const std::vector<EdgeSpan>& spans) : length_m_(spans_length_m(spans)) {
    for (const EdgeSpan& span : spans) geometries_.push_back(graph.edges[span.edge].geometry);
    std::sort(geometries_.begin(), geometries_.end());
  }

  // Length shared with `spans` over the shorter route's length.
  double shared_fraction(const RoadGraph& graph, const std::vector<EdgeSpan>& spans) const {
    double shared_m = 0.0;
    for (const EdgeSpan& span : spans) {
      if (std::binary_search(geometries_.begin(), geometries_.end(), graph.edges[span.edge].geometry)) {
        shared_m += std::abs(span.to_offset_m - span.from_offset_m);
      }
    }
    const double shorter_m = std::min(length_m_, spans_length_m(spans));
    return shorter_m > 0.0 ? shared_m / shorter_m : 1.0;
  }

 private:
  std::vector<GeometryId> geometries_;
  double length_m_;
};

// True when the route passes a node or a geometry twice.
bool has_loop(const RoadGraph& graph, const std::vector<EdgeSpan>& spans) {
  std::vector<NodeId> nodes;
  std::vector<GeometryId> geometries;
  for (const EdgeSpan& span : spans) {
    nodes.push_back(graph.edges[span.edge].target);
    geometries.push_back(graph.edges[span.edge].geometry);
  }
  nodes.pop_back();  // the destination lies inside the last edge
  std::sort(nodes.begin(), nodes.end());
  std::sort(geometries.begin(), geometries.end());
  return std::adjacent_find(nodes.begin(), nodes.end()) != nodes.end() ||
         std::adjacent_find(geometries.begin(), geometries.end()) != geometries.end();
}

// The edge that leaves `node` along a plateau, or kInvalidId.
EdgeId plateau_edge_out(const RoadGraph& graph, const ShortestPathTree& forward, const ShortestPathTree& backward,
                        NodeId node) {
  const EdgeId out = backward.parent_edge(node);
  if (out == kInvalidId || forward.parent_edge(graph.edges[out].target) != out) return kInvalidId;
  return out;
}

// Plateaus on routes of at most limit_s, best first, which means the least
// route time minus plateau time.
std::vector<Plateau> find_plateaus(const RoadGraph& graph, const ShortestPathTree& forward,
                                   const ShortestPathTree& backward, double limit_s, double min_plateau_s) {
  std::vector<Plateau> plateaus;
  for (NodeId node = 0; node < graph.node_count(); ++node) {
    const double route_s = forward.node_duration_s(node) + backward.node_duration_s(node);
    if (route_s > limit_s || plateau_edge_out(graph, forward, backward, node) == kInvalidId) continue;
    const EdgeId in = forward.parent_edge(node);
    if (in != kInvalidId && plateau_edge_out(graph, forward, backward, graph.edges[in].source) == in) continue;

    NodeId last = node;
    for (EdgeId out = plateau_edge_out(graph, forward, backward, last); out != kInvalidId;
         out = plateau_edge_out(graph, forward, backward, last)) {
      last = graph.edges[out].target;
    }
    const double plateau_s = forward.node_duration_s(last) - forward.node_duration_s(node);
    if (plateau_s >= min_plateau_s) plateaus.push_back({node, route_s, plateau_s});
  }
  std::sort(plateaus.begin(), plateaus.end(), [](const Plateau& a, const Plateau& b) {
    return a.route_s - a.plateau_s < b.route_s - b.plateau_s;
  });
  return plateaus;
}

}  // namespace

double spans_length_m(const std::vector<EdgeSpan>& spans) {
  double length_m = 0.0;
  for (const EdgeSpan& span : spans) length_m += std::abs(span.to_offset_m - span.from_offset_m);
  return length_m;
}

std::vector<AlternativeRoute> find_alternative_routes(const RoadGraph& graph, const SnappedPoint& from,
                                                      const SnappedPoint& to, const std::vector<EdgeSpan>& fastest,
                                                      double fastest_s, const AlternativeSettings& settings) {
  std::vector<AlternativeRoute> alternatives;
  if (settings.max_count == 0 || fastest.size() < 2) return alternatives;

  const double limit_s = fastest_s * settings.max_stretch;
  ShortestPathTree forward(graph, from, ShortestPathTree::Direction::Forward);
  forward.grow(limit_s);
  ShortestPathTree backward(graph, to, ShortestPathTree::Direction::Backward);
  backward.grow(limit_s);
  const auto plateaus =
      find_plateaus(graph, forward, backward, limit_s, fastest_s * settings.min_plateau_fraction);

  std::vector<RouteFootprint> footprints{RouteFootprint(graph, fastest)};
  for (const Plateau& plateau : plateaus) {
    if (alternatives.size() == settings.max_count) break;
    std::vector<EdgeSpan> spans = forward.spans_to_node(plateau.first);
    const std::vector<EdgeSpan> rest = backward.spans_to_node(plateau.first);
    spans.insert(spans.end(), rest.begin(), rest.end());
    if (has_loop(graph, spans)) continue;

    const auto too_shared = [&](const RouteFootprint& footprint) {
      return footprint.shared_fraction(graph, spans) > settings.max_shared_fraction;
    };
    if (std::any_of(footprints.begin(), footprints.end(), too_shared)) continue;

    AlternativeRoute route;
    route.shared_fraction = footprints.front().shared_fraction(graph, spans);
    route.length_m = spans_length_m(spans);
    route.duration_s = plateau.route_s;
    route.spans = std::move(spans);
    footprints.emplace_back(graph, route.spans);
    alternatives.push_back(std::move(route));
  }
  return alternatives;
}

}  // namespace pitstop
