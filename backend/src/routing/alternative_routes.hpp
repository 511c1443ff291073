#pragma once

#include <cstddef>
#include <vector>

#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"
#include "routing/edge_span.hpp"

namespace pitstop {

// Criteria for an acceptable alternative to the fastest route.
struct AlternativeSettings {
  std::size_t max_count = 3;
  // Maximum time of an alternative, as a multiple of the fastest route's time.
  double max_stretch = 1.25;
  // Maximum length an alternative may share with the fastest route, and with
  // every alternative kept before it, as a fraction of the shorter of the two.
  double max_shared_fraction = 0.8;
  // Minimum plateau time, as a fraction of the fastest time. Every part
  // of an alternative up to this long is itself a fastest path, which rules
  // out detours around a block.
  double min_plateau_fraction = 0.2;
};

// An alternative route between two snapped points.
struct AlternativeRoute {
  std::vector<EdgeSpan> spans;  // in riding order
  double duration_s = 0.0;      // at the profile's base speed
  double length_m = 0.0;
  double shared_fraction = 0.0;  // length shared with the fastest route / the shorter route's length
};

// Alternatives to the fastest route between two snapped points, found with
// plateaus (Abraham, Delling, Goldberg and Werneck, "Alternative Routes in
// Road Networks", 2010). A forward Dijkstra tree from `from` and a backward
// one from `to` share some paths, the plateaus. A plateau from node u to node
// w gives the route from -> u -> w -> to along the two trees. Every part of
// it no longer than the plateau is a fastest path, so a long plateau makes a
// route without needless detours. Routes are tried in order of time minus
// plateau time and kept when they have no loop, are at most max_stretch times
// slower than the fastest and share at most max_shared_fraction with it and
// with each route kept so far. Returns at most max_count routes; fewer, or
// none, when the network offers no such route.
std::vector<AlternativeRoute> find_alternative_routes(const RoadGraph& graph, const SnappedPoint& from,
                                                      const SnappedPoint& to, const std::vector<EdgeSpan>& fastest,
                                                      double fastest_s, const AlternativeSettings& settings = {});

// Length of the spans' ridden parts.
double spans_length_m(const std::vector<EdgeSpan>& spans);

}  // namespace pitstop
