#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "geo/lat_lon.hpp"
#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"
#include "graph/road_graph_builder.hpp"
#include "ingest/road_network.hpp"
#include "support/hand_made_network.hpp"
#include "routing/router.hpp"
#include "routing/shortest_path_tree.hpp"

namespace pitstop {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr int kGridSize = 6;

using testing::grid_location;
using testing::kStep_deg;
using testing::make_segment;
using testing::polyline_length_m;

// A kGridSize x kGridSize grid of random links between neighbours. A link is
// missing with probability 0.15 and oneway (either way) with probability 0.4.
// Each has a random speed factor, and half bend sideways by up to 15 m in the middle.
RoadNetwork make_random_grid(std::mt19937& random) {
  RoadNetwork network;
  for (int row = 0; row < kGridSize; ++row) {
    for (int column = 0; column < kGridSize; ++column) network.node_locations.push_back(grid_location(row, column));
  }

  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_real_distribution<double> speed_factor(0.4, 1.2);
  std::uniform_real_distribution<double> bend_deg(-0.000135, 0.000135);
  auto add_link = [&](std::uint32_t a, std::uint32_t b, bool horizontal) {
    if (unit(random) < 0.15) return;
    if (unit(random) < 0.5) std::swap(a, b);
    const double direction = unit(random);
    const bool forward = direction < 0.8;
    const bool backward = direction < 0.6 || direction >= 0.8;
    RoadSegment segment = make_segment(network, a, b, forward, backward, speed_factor(random));
    if (unit(random) < 0.5) {
      LatLon middle = interpolate(segment.geometry.front(), segment.geometry.back(), 0.5);
      if (horizontal) middle.lat += bend_deg(random);
      else middle.lon += bend_deg(random);
      segment.geometry.insert(segment.geometry.begin() + 1, middle);
      segment.length_m = polyline_length_m(segment.geometry);
    }
    network.segments.push_back(segment);
  };

  for (int row = 0; row < kGridSize; ++row) {
    for (int column = 0; column < kGridSize; ++column) {
      const auto node = static_cast<std::uint32_t>(row * kGridSize + column);
      if (column + 1 < kGridSize) add_link(node, node + 1, true);
      if (row + 1 < kGridSize) add_link(node, node + kGridSize, false);
    }
  }
  return network;
}

double segment_duration_s(const RoadSegment& segment) {
  return segment.length_m / (CyclingProfile::kBaseSpeed_kmh * segment.speed_factor / 3.6);
}

// Fastest node-to-node times by Floyd–Warshall, computed from the segments alone.
std::vector<std::vector<double>> all_pairs_duration_s(const RoadNetwork& network) {
  const std::size_t count = network.node_locations.size();
  std::vector<std::vector<double>> duration(count, std::vector<double>(count, kInfinity));
  for (std::size_t node = 0; node < count; ++node) duration[node][node] = 0.0;
  for (const RoadSegment& segment : network.segments) {
    const double segment_s = segment_duration_s(segment);
    if (segment.forward) {
      duration[segment.from_node][segment.to_node] = std::min(duration[segment.from_node][segment.to_node], segment_s);
    }
    if (segment.backward) {
      duration[segment.to_node][segment.from_node] = std::min(duration[segment.to_node][segment.from_node], segment_s);
    }
  }
  for (std::size_t via = 0; via < count; ++via) {
    for (std::size_t from = 0; from < count; ++from) {
      for (std::size_t to = 0; to < count; ++to) {
        duration[from][to] = std::min(duration[from][to], duration[from][via] + duration[via][to]);
      }
    }
  }
  return duration;
}

struct NodeCost {
  std::uint32_t node;
  double duration_s;
};

// Brute-force fastest time between two snapped points. A route leaves the
// start's segment at an end it may be ridden to, crosses the network and
// enters the destination's segment from an end it may be ridden from. When
// both points lie on one segment, it may also ride straight along it if the
// direction allows.
double brute_force_duration_s(const RoadNetwork& network, const std::vector<std::vector<double>>& node_s,
                              const SnappedPoint& from, const SnappedPoint& to) {
  const RoadSegment& first = network.segments[from.geometry];
  const RoadSegment& last = network.segments[to.geometry];
  const double first_s = segment_duration_s(first);
  const double last_s = segment_duration_s(last);

  std::vector<NodeCost> exits;
  if (first.forward) exits.push_back({first.to_node, first_s * (first.length_m - from.offset_m) / first.length_m});
  if (first.backward) exits.push_back({first.from_node, first_s * from.offset_m / first.length_m});
  std::vector<NodeCost> entries;
  if (last.forward) entries.push_back({last.from_node, last_s * to.offset_m / last.length_m});
  if (last.backward) entries.push_back({last.to_node, last_s * (last.length_m - to.offset_m) / last.length_m});

  double best_s = kInfinity;
  for (const NodeCost& exit : exits) {
    for (const NodeCost& entry : entries) {
      best_s = std::min(best_s, exit.duration_s + node_s[exit.node][entry.node] + entry.duration_s);
    }
  }

  if (from.geometry == to.geometry) {
    const double along_m = to.offset_m - from.offset_m;
    if (first.forward && along_m >= 0.0) best_s = std::min(best_s, first_s * along_m / first.length_m);
    if (first.backward && along_m <= 0.0) best_s = std::min(best_s, first_s * -along_m / first.length_m);
  }
  return best_s;
}

double max_leg_m(const RoadNetwork& network) {
  double max_m = 0.0;
  for (const RoadSegment& segment : network.segments) {
    for (std::size_t i = 0; i + 1 < segment.geometry.size(); ++i) {
      max_m = std::max(max_m, haversine_m(segment.geometry[i], segment.geometry[i + 1]));
    }
  }
  return max_m;
}

std::string describe(const SnappedPoint& point) {
  return format_lat_lon(point.input) + " on geometry " + std::to_string(point.geometry) + " at " +
         std::to_string(point.offset_m) + " m";
}

void expect_route_shape(const Route& route, const SnappedPoint& from, const SnappedPoint& to, double max_leg_m) {
  ASSERT_GE(route.geometry.size(), 2u);
  EXPECT_LT(haversine_m(route.geometry.front(), from.location), 0.01);
  EXPECT_LT(haversine_m(route.geometry.back(), to.location), 0.01);
  for (std::size_t i = 0; i + 1 < route.geometry.size(); ++i) {
    EXPECT_LE(haversine_m(route.geometry[i], route.geometry[i + 1]), max_leg_m + 1e-6) << "after point " << i;
  }

  double pieces_m = 0.0;
  double pieces_s = 0.0;
  std::uint32_t previous_first_point = 0;
  for (const RoutePiece& piece : route.pieces) {
    pieces_m += piece.length_m;
    pieces_s += piece.duration_s;
    EXPECT_LT(piece.first_point, route.geometry.size());
    EXPECT_GE(piece.first_point, previous_first_point);
    previous_first_point = piece.first_point;
  }
  EXPECT_NEAR(route.distance_m, pieces_m, 1e-6);
  EXPECT_NEAR(route.duration_s, pieces_s, 1e-6);
  EXPECT_NEAR(polyline_length_m(route.geometry), route.distance_m, 0.01);
}

// A random position in or just around the grid, snapped onto it. Every fifth
// one sits exactly on a node, to test routes that start or end at a junction.
std::optional<SnappedPoint> random_snapped_point(std::mt19937& random, const RoadNetwork& network,
                                                 const EdgeSnapper& snapper) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  LatLon point;
  if (unit(random) < 0.2) {
    std::uniform_int_distribution<std::size_t> node(0, network.node_locations.size() - 1);
    point = network.node_locations[node(random)];
  } else {
    const double extent_deg = (kGridSize - 1) * kStep_deg;
    std::uniform_real_distribution<double> lat(1.30 - 0.0005, 1.30 + extent_deg + 0.0005);
    std::uniform_real_distribution<double> lon(103.80 - 0.0005, 103.80 + extent_deg + 0.0005);
    point = {lat(random), lon(random)};
  }
  return snapper.nearest(point, 300.0);
}

// Two snapped points on the same random segment, or nothing when snapping
// moves either onto another segment.
std::optional<std::pair<SnappedPoint, SnappedPoint>> random_same_segment_pair(std::mt19937& random,
                                                                              const RoadNetwork& network,
                                                                              const EdgeSnapper& snapper) {
  std::uniform_int_distribution<std::size_t> segment_index(0, network.segments.size() - 1);
  std::uniform_real_distribution<double> fraction(0.05, 0.95);
  const GeometryId geometry = static_cast<GeometryId>(segment_index(random));
  const auto& points = network.segments[geometry].geometry;
  const auto from = snapper.nearest(interpolate(points[0], points[1], fraction(random)), 10.0);
  const auto to = snapper.nearest(interpolate(points[0], points[1], fraction(random)), 10.0);
  if (!from || !to || from->geometry != geometry || to->geometry != geometry) return std::nullopt;
  return std::make_pair(*from, *to);
}

class RouterBruteForce : public ::testing::TestWithParam<unsigned> {};

TEST_P(RouterBruteForce, MatchesReference) {
  std::mt19937 random(GetParam());
  const RoadNetwork network = make_random_grid(random);
  const RoadGraph graph = build_road_graph(network);
  ASSERT_EQ(graph.geometry_count(), network.segments.size());
  for (GeometryId id = 0; id < graph.geometry_count(); ++id) {
    ASSERT_EQ(graph.geometry(id).front(), network.segments[id].geometry.front());
  }
  const EdgeSnapper snapper(graph);
  const auto node_s = all_pairs_duration_s(network);
  const double leg_limit_m = max_leg_m(network);

  std::vector<std::pair<SnappedPoint, SnappedPoint>> pairs;
  while (pairs.size() < 60) {
    const auto from = random_snapped_point(random, network, snapper);
    const auto to = random_snapped_point(random, network, snapper);
    if (from && to) pairs.emplace_back(*from, *to);
  }
  std::size_t same_segment_pairs = 0;
  for (int attempt = 0; attempt < 40; ++attempt) {
    if (auto pair = random_same_segment_pair(random, network, snapper)) {
      pairs.push_back(*pair);
      ++same_segment_pairs;
    }
  }
  ASSERT_GT(same_segment_pairs, 10u);

  std::size_t reachable_pairs = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const auto& [from, to] = pairs[i];
    SCOPED_TRACE("pair " + std::to_string(i) + ": from " + describe(from) + " to " + describe(to));
    const double expected_s = brute_force_duration_s(network, node_s, from, to);
    const auto route = find_fastest_route(graph, from, to);

    ShortestPathTree backward(graph, to, ShortestPathTree::Direction::Backward);
    backward.grow();
    ShortestPathTree forward(graph, from, ShortestPathTree::Direction::Forward);
    forward.grow();

    if (expected_s == kInfinity) {
      EXPECT_FALSE(route.has_value());
      EXPECT_EQ(backward.duration_s(from), kUnreachable);
      EXPECT_EQ(forward.duration_s(to), kUnreachable);
      continue;
    }
    ++reachable_pairs;
    EXPECT_NEAR(forward.duration_s(to), expected_s, 1e-6);
    ASSERT_TRUE(route.has_value());
    EXPECT_NEAR(route->duration_s, expected_s, 1e-6);
    EXPECT_NEAR(backward.duration_s(from), route->duration_s, 1e-6);
    expect_route_shape(*route, from, to, leg_limit_m);
  }
  EXPECT_GT(reachable_pairs, pairs.size() / 2);
}

INSTANTIATE_TEST_SUITE_P(Seeds, RouterBruteForce, ::testing::Values(1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u));

// Nodes 0, 1, 2 on one east-west line, joined by segments 0-1 and 1-2 of about 111 m each.
RoadNetwork make_line(bool forward, bool backward) {
  RoadNetwork network;
  for (int column = 0; column < 3; ++column) network.node_locations.push_back(grid_location(0, column));
  network.segments.push_back(make_segment(network, 0, 1, forward, backward));
  network.segments.push_back(make_segment(network, 1, 2, forward, backward));
  return network;
}

SnappedPoint snapped_at(const RoadGraph& graph, GeometryId geometry, double fraction) {
  const auto points = graph.geometry(geometry);
  SnappedPoint point;
  point.location = interpolate(points.front(), points.back(), fraction);
  point.input = point.location;
  point.geometry = geometry;
  point.offset_m = graph.geometry_length_m[geometry] * fraction;
  point.component = graph.geometry_component(geometry);
  return point;
}

TEST(Router, AgainstOnewayOnSameSegmentUnreachable) {
  const RoadGraph graph = build_road_graph(make_line(true, false));
  const SnappedPoint ahead = snapped_at(graph, 0, 0.8);
  const SnappedPoint behind = snapped_at(graph, 0, 0.2);

  EXPECT_FALSE(find_fastest_route(graph, ahead, behind).has_value());
  ShortestPathTree backward(graph, behind, ShortestPathTree::Direction::Backward);
  backward.grow();
  EXPECT_EQ(backward.duration_s(ahead), kUnreachable);
}

TEST(Router, WithOnewayOnSameSegment) {
  const RoadGraph graph = build_road_graph(make_line(true, false));
  const SnappedPoint behind = snapped_at(graph, 0, 0.2);
  const SnappedPoint ahead = snapped_at(graph, 0, 0.8);

  const auto route = find_fastest_route(graph, behind, ahead);
  ASSERT_TRUE(route.has_value());
  EXPECT_NEAR(route->duration_s, graph.edges[graph.geometry_forward_edge[0]].duration_s * 0.6, 1e-6);
  EXPECT_NEAR(route->distance_m, graph.geometry_length_m[0] * 0.6, 1e-6);
  ASSERT_EQ(route->pieces.size(), 1u);
}

TEST(Router, AgainstOnewayAcrossSegmentsUnreachable) {
  const RoadGraph graph = build_road_graph(make_line(true, false));
  const SnappedPoint from = snapped_at(graph, 1, 0.5);
  const SnappedPoint to = snapped_at(graph, 0, 0.5);

  EXPECT_FALSE(find_fastest_route(graph, from, to).has_value());
  EXPECT_TRUE(find_fastest_route(graph, to, from).has_value());
}

TEST(Router, BackwardOnlyLineReversed) {
  const RoadGraph graph = build_road_graph(make_line(false, true));
  const SnappedPoint west = snapped_at(graph, 0, 0.5);
  const SnappedPoint east = snapped_at(graph, 1, 0.5);

  EXPECT_FALSE(find_fastest_route(graph, west, east).has_value());
  const auto route = find_fastest_route(graph, east, west);
  ASSERT_TRUE(route.has_value());
  EXPECT_NEAR(route->distance_m, (graph.geometry_length_m[0] + graph.geometry_length_m[1]) * 0.5, 1e-6);
  EXPECT_LT(haversine_m(route->geometry.front(), east.location), 0.01);
  EXPECT_LT(haversine_m(route->geometry.back(), west.location), 0.01);
}

TEST(Router, DestinationAtJunction) {
  // The destination is node 1, given as the start of segment 1-2, so the
  // route ends exactly where it leaves the start's segment.
  const RoadGraph graph = build_road_graph(make_line(true, true));
  const SnappedPoint from = snapped_at(graph, 0, 0.5);
  const SnappedPoint to = snapped_at(graph, 1, 0.0);
  const double expected_s = graph.edges[graph.geometry_forward_edge[0]].duration_s * 0.5;

  const auto route = find_fastest_route(graph, from, to);
  ASSERT_TRUE(route.has_value());
  EXPECT_NEAR(route->duration_s, expected_s, 1e-6);
  EXPECT_LT(haversine_m(route->geometry.back(), graph.node_locations[1]), 0.01);
}

TEST(Router, StartAtJunction) {
  // The start is node 1, given as the end of segment 0-1.
  const RoadGraph graph = build_road_graph(make_line(true, true));
  const SnappedPoint from = snapped_at(graph, 0, 1.0);
  const SnappedPoint to = snapped_at(graph, 1, 0.5);
  const double expected_s = graph.edges[graph.geometry_forward_edge[1]].duration_s * 0.5;

  const auto route = find_fastest_route(graph, from, to);
  ASSERT_TRUE(route.has_value());
  EXPECT_NEAR(route->duration_s, expected_s, 1e-6);
  EXPECT_LT(haversine_m(route->geometry.front(), graph.node_locations[1]), 0.01);
}

TEST(Router, SamePointZeroDuration) {
  const RoadGraph graph = build_road_graph(make_line(true, false));
  const SnappedPoint point = snapped_at(graph, 0, 0.3);

  const auto route = find_fastest_route(graph, point, point);
  ASSERT_TRUE(route.has_value());
  EXPECT_DOUBLE_EQ(route->duration_s, 0.0);
  EXPECT_DOUBLE_EQ(route->distance_m, 0.0);
  EXPECT_GE(route->geometry.size(), 2u);
}

}  // namespace
}  // namespace pitstop
