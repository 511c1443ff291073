// Alternative routes on hand-made networks: a ladder of two parallel roads,
// a detour too slow to offer, and a route that only differs by a loop.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "contraction/contraction_hierarchy.hpp"
#include "contraction/hierarchy_builder.hpp"
#include "contraction/hierarchy_query.hpp"
#include "contraction/point_seeds.hpp"
#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"
#include "graph/road_graph_builder.hpp"
#include "ingest/road_network.hpp"
#include "routing/alternative_routes.hpp"
#include "routing/shortest_path_tree.hpp"
#include "support/hand_made_network.hpp"
#include "support/random_road_network.hpp"

namespace pitstop {
namespace {

using testing::grid_location;
using testing::make_segment;

// Nodes 0..(length) along row 0 and row `rows_apart`, joined at both ends by
// columns of short links, and with `rungs` also at every column between
// (rows_apart must then be 1). Row 0 rides at speed factor 1, the other row at
// `other_speed_factor`. The trip runs along row 0 from the first column to the last.
struct Ladder {
  RoadNetwork network;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
};

Ladder make_ladder(int length, int rows_apart, double other_speed_factor, bool rungs = false) {
  Ladder ladder;
  RoadNetwork& network = ladder.network;
  auto add_node = [&](int row, int column) {
    network.node_locations.push_back(grid_location(row, column));
    return static_cast<std::uint32_t>(network.node_locations.size() - 1);
  };
  std::vector<std::uint32_t> bottom, top;
  for (int column = 0; column <= length; ++column) bottom.push_back(add_node(0, column));
  for (int column = 0; column <= length; ++column) top.push_back(add_node(rows_apart, column));
  std::vector<std::uint32_t> left{bottom.front()}, right{bottom.back()};
  for (int row = 1; row < rows_apart; ++row) {
    left.push_back(add_node(row, 0));
    right.push_back(add_node(row, length));
  }
  left.push_back(top.front());
  right.push_back(top.back());

  auto link_all = [&](const std::vector<std::uint32_t>& nodes, double speed_factor) {
    for (std::size_t i = 0; i + 1 < nodes.size(); ++i) {
      network.segments.push_back(make_segment(network, nodes[i], nodes[i + 1], true, true, speed_factor));
    }
  };
  link_all(bottom, 1.0);
  link_all(top, other_speed_factor);
  link_all(left, 1.0);
  link_all(right, 1.0);
  for (int column = 1; rungs && column < length; ++column) link_all({bottom[column], top[column]}, 1.0);
  ladder.start = bottom.front();
  ladder.end = bottom.back();
  return ladder;
}

struct Trip {
  RoadGraph graph;
  SnappedPoint from;
  SnappedPoint to;
  std::vector<EdgeSpan> fastest;
  double fastest_s = 0.0;
};

// A trip between points a few metres inside both ends of the bottom row.
Trip trip_on(const Ladder& ladder) {
  Trip trip{build_road_graph(ladder.network), {}, {}, {}, 0.0};
  const EdgeSnapper snapper(trip.graph);
  const LatLon start = ladder.network.node_locations[ladder.start];
  const LatLon end = ladder.network.node_locations[ladder.end];
  trip.from = *snapper.nearest({start.lat, start.lon + 0.0002}, 50.0);
  trip.to = *snapper.nearest({end.lat, end.lon - 0.0002}, 50.0);

  const ContractionHierarchy hierarchy = build_contraction_hierarchy(trip.graph);
  const auto fastest = find_hierarchy_path(trip.graph, hierarchy, trip.from, trip.to);
  EXPECT_TRUE(fastest.has_value());
  trip.fastest = fastest->spans;
  trip.fastest_s = fastest->duration_s;
  return trip;
}

std::vector<AlternativeRoute> alternatives_for(const Trip& trip, const AlternativeSettings& settings = {}) {
  return find_alternative_routes(trip.graph, trip.from, trip.to, trip.fastest, trip.fastest_s, settings);
}

void expect_connected(const RoadGraph& graph, const std::vector<EdgeSpan>& spans) {
  for (std::size_t i = 0; i + 1 < spans.size(); ++i) {
    EXPECT_EQ(graph.edges[spans[i].edge].target, graph.edges[spans[i + 1].edge].source) << "span " << i;
  }
}

TEST(AlternativeRoutes, LadderOffersTheParallelRoad) {
  const Trip trip = trip_on(make_ladder(30, 2, 1.0));

  const auto alternatives = alternatives_for(trip);

  ASSERT_EQ(alternatives.size(), 1u);
  const AlternativeRoute& route = alternatives.front();
  EXPECT_GT(route.duration_s, trip.fastest_s);
  EXPECT_LE(route.duration_s, 1.25 * trip.fastest_s);
  EXPECT_LT(route.shared_fraction, 0.2);
  expect_connected(trip.graph, route.spans);
  EXPECT_NEAR(route.length_m, spans_length_m(route.spans), 1e-9);
  EXPECT_EQ(route.spans.front().from_offset_m, trip.from.offset_m);
  EXPECT_EQ(route.spans.back().to_offset_m, trip.to.offset_m);
}

TEST(AlternativeRoutes, TooSlowDetourIsNotOffered) {
  // The top row rides at half speed: about twice as slow as the bottom row.
  const Trip trip = trip_on(make_ladder(30, 2, 0.5));
  EXPECT_TRUE(alternatives_for(trip).empty());
}

TEST(AlternativeRoutes, LooserStretchLetsTheSlowDetourIn) {
  const Trip trip = trip_on(make_ladder(30, 2, 0.5));
  AlternativeSettings settings;
  settings.max_stretch = 2.5;
  const auto alternatives = alternatives_for(trip, settings);
  ASSERT_EQ(alternatives.size(), 1u);
  EXPECT_LE(alternatives.front().duration_s, 2.5 * trip.fastest_s);
}

// Base-speed time of each span, in riding order.
std::vector<double> span_times_s(const RoadGraph& graph, const std::vector<EdgeSpan>& spans) {
  std::vector<double> times_s;
  for (const EdgeSpan& span : spans) {
    times_s.push_back(partial_edge_duration_s(graph, span.edge, span.from_offset_m, span.to_offset_m));
  }
  return times_s;
}

// Checks that every part of `route` between two of its nodes that takes at
// most window_s is a fastest path, with Dijkstra from each node.
void expect_locally_fastest(const RoadGraph& graph, const std::vector<EdgeSpan>& route, double window_s) {
  const std::vector<double> times_s = span_times_s(graph, route);
  for (std::size_t i = 0; i + 1 < route.size(); ++i) {
    const Edge& edge = graph.edges[route[i].edge];
    SnappedPoint node_point;  // at the end of span i, which is a node
    node_point.geometry = edge.geometry;
    node_point.offset_m = edge.reversed ? 0.0 : graph.geometry_length_m[edge.geometry];
    node_point.component = graph.geometry_component(edge.geometry);
    ShortestPathTree tree(graph, node_point, ShortestPathTree::Direction::Forward);
    tree.grow(window_s * 1.01);

    double along_s = 0.0;
    for (std::size_t j = i + 1; j + 1 < route.size(); ++j) {
      along_s += times_s[j];
      if (along_s > window_s) break;
      const NodeId node = graph.edges[route[j].edge].target;
      EXPECT_NEAR(tree.node_duration_s(node), along_s, 1e-6 * along_s + 1e-6) << "spans " << i << " to " << j;
    }
  }
}

TEST(AlternativeRoutes, RandomNetworksGiveLoopFreeLocallyFastestRoutes) {
  std::mt19937 random(20261205);
  const AlternativeSettings settings;
  std::size_t offered = 0;

  for (int network_index = 0; network_index < 20; ++network_index) {
    const RoadGraph graph = build_road_graph(testing::make_random_network(random, false));
    const ContractionHierarchy hierarchy = build_contraction_hierarchy(graph);
    std::uniform_int_distribution<GeometryId> pick(0, static_cast<GeometryId>(graph.geometry_count() - 1));

    for (int trip_index = 0; trip_index < 20; ++trip_index) {
      const SnappedPoint from = testing::random_point_on(graph, pick(random), random);
      const SnappedPoint to = testing::random_point_on(graph, pick(random), random);
      const auto fastest = find_hierarchy_path(graph, hierarchy, from, to);
      if (!fastest) continue;

      const auto alternatives =
          find_alternative_routes(graph, from, to, fastest->spans, fastest->duration_s, settings);
      for (const AlternativeRoute& route : alternatives) {
        ++offered;
        expect_connected(graph, route.spans);
        EXPECT_EQ(route.spans.front().from_offset_m, from.offset_m);
        EXPECT_EQ(route.spans.back().to_offset_m, to.offset_m);
        double total_s = 0.0;
        for (double time_s : span_times_s(graph, route.spans)) total_s += time_s;
        EXPECT_NEAR(route.duration_s, total_s, 1e-6 * total_s + 1e-6);
        EXPECT_GE(route.duration_s, fastest->duration_s - 1e-6);
        EXPECT_LE(route.duration_s, settings.max_stretch * fastest->duration_s + 1e-6);
        EXPECT_LE(route.shared_fraction, settings.max_shared_fraction);

        std::vector<NodeId> nodes;
        for (std::size_t i = 0; i + 1 < route.spans.size(); ++i) nodes.push_back(graph.edges[route.spans[i].edge].target);
        std::sort(nodes.begin(), nodes.end());
        EXPECT_EQ(std::adjacent_find(nodes.begin(), nodes.end()), nodes.end()) << "the route passes a node twice";
        expect_locally_fastest(graph, route.spans, settings.min_plateau_fraction * fastest->duration_s);
      }
    }
  }
  // Grids with random speeds offer alternatives on many trips.
  EXPECT_GE(offered, 40u);
}

TEST(AlternativeRoutes, ZeroCountAsksForNothing) {
  const Trip trip = trip_on(make_ladder(30, 2, 1.0));
  AlternativeSettings settings;
  settings.max_count = 0;
  EXPECT_TRUE(alternatives_for(trip, settings).empty());
}

}  // namespace
}  // namespace pitstop
