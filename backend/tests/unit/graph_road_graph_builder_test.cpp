#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include "geo/lat_lon.hpp"
#include "graph/road_graph.hpp"
#include "graph/road_graph_builder.hpp"
#include "ingest/road_network.hpp"
#include "support/hand_made_network.hpp"

namespace pitstop {
namespace {

using testing::grid_location;
using testing::make_segment;
using testing::polyline_length_m;

// Nodes 0-1-2 on row 0 and 3-4-5 on row 1, joined along rows and columns.
// Two of the seven segments are oneway.
RoadNetwork make_two_by_three_grid() {
  RoadNetwork network;
  for (int row = 0; row < 2; ++row) {
    for (int column = 0; column < 3; ++column) network.node_locations.push_back(grid_location(row, column));
  }
  network.segments.push_back(make_segment(network, 0, 1, true, true));
  network.segments.push_back(make_segment(network, 1, 2, true, false));
  network.segments.push_back(make_segment(network, 3, 4, true, true));
  network.segments.push_back(make_segment(network, 4, 5, false, true));
  network.segments.push_back(make_segment(network, 0, 3, true, true));
  network.segments.push_back(make_segment(network, 1, 4, true, true));
  network.segments.push_back(make_segment(network, 2, 5, true, true));
  return network;
}

TEST(GraphBuilder, EdgeCountMatchesDirections) {
  const RoadNetwork network = make_two_by_three_grid();
  std::size_t expected = 0;
  for (const RoadSegment& segment : network.segments) expected += segment.forward + segment.backward;

  const RoadGraph graph = build_road_graph(network);
  EXPECT_EQ(graph.node_count(), 6u);
  EXPECT_EQ(graph.edge_count(), expected);
  EXPECT_EQ(graph.geometry_count(), network.segments.size());
}

TEST(GraphBuilder, OutEdgesConsistent) {
  const RoadGraph graph = build_road_graph(make_two_by_three_grid());
  ASSERT_EQ(graph.first_out.size(), graph.node_count() + 1);
  EXPECT_EQ(graph.first_out.front(), 0u);
  EXPECT_EQ(graph.first_out.back(), graph.edge_count());
  EXPECT_TRUE(std::is_sorted(graph.first_out.begin(), graph.first_out.end()));

  for (NodeId node = 0; node < graph.node_count(); ++node) {
    for (const Edge& edge : graph.out_edges(node)) {
      SCOPED_TRACE("node " + std::to_string(node));
      EXPECT_EQ(edge.source, node);
    }
  }
}

TEST(GraphBuilder, InEdgesConsistent) {
  const RoadGraph graph = build_road_graph(make_two_by_three_grid());
  ASSERT_EQ(graph.first_in.size(), graph.node_count() + 1);
  EXPECT_EQ(graph.first_in.front(), 0u);
  EXPECT_EQ(graph.first_in.back(), graph.edge_count());
  ASSERT_EQ(graph.in_edges.size(), graph.edge_count());

  for (NodeId node = 0; node < graph.node_count(); ++node) {
    for (EdgeId id : graph.in_edge_ids(node)) {
      SCOPED_TRACE("node " + std::to_string(node) + ", edge " + std::to_string(id));
      ASSERT_LT(id, graph.edge_count());
      EXPECT_EQ(graph.edges[id].target, node);
    }
  }

  // Every edge is listed exactly once by its target.
  std::vector<EdgeId> sorted = graph.in_edges;
  std::sort(sorted.begin(), sorted.end());
  std::vector<EdgeId> all(graph.edge_count());
  std::iota(all.begin(), all.end(), 0u);
  EXPECT_EQ(sorted, all);
}

TEST(GraphBuilder, OutAndInEdgesAgree) {
  const RoadGraph graph = build_road_graph(make_two_by_three_grid());
  for (NodeId node = 0; node < graph.node_count(); ++node) {
    SCOPED_TRACE("node " + std::to_string(node));
    std::size_t in_degree = 0;
    for (const Edge& edge : graph.edges) in_degree += edge.target == node;
    EXPECT_EQ(graph.in_edge_ids(node).size(), in_degree);

    std::size_t out_degree = 0;
    for (const Edge& edge : graph.edges) out_degree += edge.source == node;
    EXPECT_EQ(graph.out_edges(node).size(), out_degree);
  }
}

TEST(GraphBuilder, ForwardOnlySegmentOneEdge) {
  RoadNetwork network;
  network.node_locations = {grid_location(0, 0), grid_location(0, 1)};
  network.segments.push_back(make_segment(network, 0, 1, true, false));
  const RoadGraph graph = build_road_graph(network);

  ASSERT_EQ(graph.edge_count(), 1u);
  EXPECT_EQ(graph.edges[0].source, 0u);
  EXPECT_EQ(graph.edges[0].target, 1u);
  EXPECT_FALSE(graph.edges[0].reversed);
  EXPECT_EQ(graph.geometry_forward_edge[0], 0u);
  EXPECT_EQ(graph.geometry_backward_edge[0], kInvalidId);
  EXPECT_EQ(graph.out_edges(0).size(), 1u);
  EXPECT_TRUE(graph.out_edges(1).empty());
}

TEST(GraphBuilder, BackwardOnlySegmentOneEdge) {
  RoadNetwork network;
  network.node_locations = {grid_location(0, 0), grid_location(0, 1)};
  network.segments.push_back(make_segment(network, 0, 1, false, true));
  const RoadGraph graph = build_road_graph(network);

  ASSERT_EQ(graph.edge_count(), 1u);
  EXPECT_EQ(graph.edges[0].source, 1u);
  EXPECT_EQ(graph.edges[0].target, 0u);
  EXPECT_TRUE(graph.edges[0].reversed);
  EXPECT_EQ(graph.geometry_forward_edge[0], kInvalidId);
  EXPECT_EQ(graph.geometry_backward_edge[0], 0u);
  EXPECT_TRUE(graph.out_edges(0).empty());
  EXPECT_EQ(graph.out_edges(1).size(), 1u);
}

TEST(GraphBuilder, TwoWaySegmentSharesGeometry) {
  RoadNetwork network;
  network.node_locations = {grid_location(0, 0), grid_location(0, 1)};
  network.segments.push_back(make_segment(network, 0, 1, true, true));
  const RoadGraph graph = build_road_graph(network);

  ASSERT_EQ(graph.edge_count(), 2u);
  const EdgeId along = graph.geometry_forward_edge[0];
  const EdgeId against = graph.geometry_backward_edge[0];
  ASSERT_NE(along, kInvalidId);
  ASSERT_NE(against, kInvalidId);
  EXPECT_EQ(graph.edges[along].geometry, 0u);
  EXPECT_EQ(graph.edges[against].geometry, 0u);
  EXPECT_FALSE(graph.edges[along].reversed);
  EXPECT_TRUE(graph.edges[against].reversed);
  EXPECT_EQ(graph.edges[along].source, 0u);
  EXPECT_EQ(graph.edges[against].source, 1u);
  EXPECT_EQ(graph.geometry_points.size(), 2u);
}

TEST(GraphBuilder, EdgeCopiesSegmentData) {
  RoadNetwork network;
  network.node_locations = {grid_location(0, 0), grid_location(1, 0)};
  network.street_names = {"", "Test Avenue"};
  RoadSegment segment = make_segment(network, 0, 1, true, false, 0.8);
  segment.way_type = WayType::Cycleway;
  segment.name_id = 1;
  segment.geometry.insert(segment.geometry.begin() + 1, {1.3005, 103.8002});
  segment.length_m = polyline_length_m(segment.geometry);
  network.segments.push_back(segment);
  const RoadGraph graph = build_road_graph(network);

  ASSERT_EQ(graph.edge_count(), 1u);
  const Edge& edge = graph.edges[0];
  const double speed_mps = CyclingProfile::kBaseSpeed_kmh * 0.8 / 3.6;
  EXPECT_DOUBLE_EQ(edge.length_m, segment.length_m);
  EXPECT_DOUBLE_EQ(edge.duration_s, segment.length_m / speed_mps);
  EXPECT_EQ(edge.way_type, WayType::Cycleway);
  EXPECT_EQ(edge.name_id, 1u);
  EXPECT_EQ(graph.street_names.at(1), "Test Avenue");

  const auto points = graph.geometry(0);
  ASSERT_EQ(points.size(), 3u);
  EXPECT_EQ(points[0], segment.geometry[0]);
  EXPECT_EQ(points[1], segment.geometry[1]);
  EXPECT_EQ(points[2], segment.geometry[2]);
  EXPECT_DOUBLE_EQ(graph.geometry_length_m[0], segment.length_m);
}

TEST(GraphBuilder, GeometriesFollowSegmentOrder) {
  const RoadNetwork network = make_two_by_three_grid();
  const RoadGraph graph = build_road_graph(network);
  ASSERT_EQ(graph.geometry_count(), network.segments.size());
  for (GeometryId id = 0; id < graph.geometry_count(); ++id) {
    SCOPED_TRACE("geometry " + std::to_string(id));
    const auto points = graph.geometry(id);
    ASSERT_EQ(points.size(), network.segments[id].geometry.size());
    EXPECT_EQ(points.front(), network.segments[id].geometry.front());
    EXPECT_EQ(points.back(), network.segments[id].geometry.back());
  }
}

TEST(GraphBuilder, ComponentsLargestFirst) {
  // Nodes 0-1: a piece of 2. Nodes 2-6: a piece of 5. Nodes 7-9: a piece of 3.
  // Node 10 has no segment.
  RoadNetwork network;
  for (int column = 0; column < 11; ++column) network.node_locations.push_back(grid_location(0, column));
  network.segments.push_back(make_segment(network, 0, 1, true, true));
  for (std::uint32_t node = 2; node < 6; ++node) {
    network.segments.push_back(make_segment(network, node, node + 1, true, true));
  }
  network.segments.push_back(make_segment(network, 7, 8, true, true));
  network.segments.push_back(make_segment(network, 8, 9, true, true));
  const RoadGraph graph = build_road_graph(network);

  EXPECT_EQ(graph.component_node_count, (std::vector<std::uint32_t>{5, 3, 2, 1}));
  ASSERT_EQ(graph.node_component.size(), 11u);
  for (NodeId node = 2; node <= 6; ++node) EXPECT_EQ(graph.node_component[node], 0u) << "node " << node;
  for (NodeId node = 7; node <= 9; ++node) EXPECT_EQ(graph.node_component[node], 1u) << "node " << node;
  EXPECT_EQ(graph.node_component[0], 2u);
  EXPECT_EQ(graph.node_component[1], 2u);
  EXPECT_EQ(graph.node_component[10], 3u);
}

TEST(GraphBuilder, OnewayLinksSplitComponents) {
  // 0 -> 1 <- 2: no node reaches another and back, so each is its own component.
  RoadNetwork network;
  for (int column = 0; column < 3; ++column) network.node_locations.push_back(grid_location(0, column));
  network.segments.push_back(make_segment(network, 0, 1, true, false));
  network.segments.push_back(make_segment(network, 2, 1, true, false));
  const RoadGraph graph = build_road_graph(network);

  EXPECT_EQ(graph.component_node_count, (std::vector<std::uint32_t>{1, 1, 1}));
  EXPECT_NE(graph.node_component[0], graph.node_component[1]);
  EXPECT_NE(graph.node_component[1], graph.node_component[2]);
  EXPECT_NE(graph.node_component[0], graph.node_component[2]);
}

TEST(GraphBuilder, OnewayCycleOneComponent) {
  // 0 -> 1 -> 2 -> 0: every node reaches every other by riding.
  RoadNetwork network;
  network.node_locations = {grid_location(0, 0), grid_location(0, 1), grid_location(1, 1)};
  network.segments.push_back(make_segment(network, 0, 1, true, false));
  network.segments.push_back(make_segment(network, 1, 2, true, false));
  network.segments.push_back(make_segment(network, 0, 2, false, true));
  const RoadGraph graph = build_road_graph(network);

  EXPECT_EQ(graph.component_node_count, (std::vector<std::uint32_t>{3}));
  EXPECT_EQ(graph.node_component, (std::vector<ComponentId>{0, 0, 0}));
}

// Five nodes in a row: segment 0 joins 0-1 backward only, segment 1 joins
// 2-3 forward only, and segment 2 joins 3-4 both ways.
RoadGraph make_mixed_line() {
  RoadNetwork network;
  for (int column = 0; column < 5; ++column) network.node_locations.push_back(grid_location(0, column));
  network.segments.push_back(make_segment(network, 0, 1, false, true));
  network.segments.push_back(make_segment(network, 2, 3, true, false));
  network.segments.push_back(make_segment(network, 3, 4, true, true));
  return build_road_graph(network);
}

TEST(GraphBuilder, GeometryComponentOfTwoWayLink) {
  const RoadGraph graph = make_mixed_line();

  ASSERT_EQ(graph.component_node_count.front(), 2u);
  EXPECT_EQ(graph.node_component[3], 0u);
  EXPECT_EQ(graph.node_component[4], 0u);
  EXPECT_EQ(graph.geometry_component(2), 0u);
}

TEST(GraphBuilder, GeometryComponentOfOnewayLinkInvalid) {
  // Segments 0 and 1 are oneway, so their ends lie in different components.
  const RoadGraph graph = make_mixed_line();

  EXPECT_EQ(graph.geometry_component(0), kInvalidId);
  EXPECT_EQ(graph.geometry_component(1), kInvalidId);
}

}  // namespace
}  // namespace pitstop
