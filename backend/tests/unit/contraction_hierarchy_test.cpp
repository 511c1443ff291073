#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "contraction/contraction_hierarchy.hpp"
#include "contraction/hierarchy_builder.hpp"
#include "contraction/hierarchy_query.hpp"
#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"
#include "graph/road_graph_builder.hpp"
#include "ingest/road_network.hpp"
#include "routing/shortest_path_tree.hpp"
#include "support/hand_made_network.hpp"
#include "support/random_road_network.hpp"
#include "support/hierarchy_path_checks.hpp"

namespace pitstop {
namespace {

using testing::expect_valid_hierarchy_path;
using testing::make_random_network;
using testing::random_point_on;
using testing::time_tolerance_s;

void expect_same_times_as_dijkstra(bool equal_speeds) {
  for (unsigned seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 random(seed);
    const RoadGraph graph = build_road_graph(make_random_network(random, equal_speeds));
    const ContractionHierarchy hierarchy = build_contraction_hierarchy(graph);

    std::uniform_int_distribution<GeometryId> pick(0, static_cast<GeometryId>(graph.geometry_count() - 1));
    for (int trial = 0; trial < 300; ++trial) {
      const SnappedPoint from = random_point_on(graph, pick(random), random);
      const SnappedPoint to = random_point_on(graph, pick(random), random);
      ShortestPathTree tree(graph, from, ShortestPathTree::Direction::Forward);
      tree.grow();
      const double expected_s = tree.duration_s(to);

      const auto path = find_hierarchy_path(graph, hierarchy, from, to);
      if (expected_s == kUnreachable) {
        EXPECT_FALSE(path.has_value()) << "trial " << trial;
        continue;
      }
      ASSERT_TRUE(path.has_value()) << "trial " << trial;
      EXPECT_NEAR(path->duration_s, expected_s, time_tolerance_s(expected_s)) << "trial " << trial;
      expect_valid_hierarchy_path(graph, *path, from, to);
    }
  }
}

TEST(ContractionHierarchy, MatchesDijkstraOnRandomGrids) { expect_same_times_as_dijkstra(false); }

TEST(ContractionHierarchy, MatchesDijkstraWhenPathsTie) { expect_same_times_as_dijkstra(true); }

TEST(ContractionHierarchy, RanksEveryNodeOnce) {
  std::mt19937 random(3);
  const RoadGraph graph = build_road_graph(make_random_network(random, false));
  const ContractionHierarchy hierarchy = build_contraction_hierarchy(graph);
  ASSERT_EQ(hierarchy.node_count(), graph.node_count());
  std::vector<bool> seen(graph.node_count(), false);
  for (std::uint32_t rank : hierarchy.node_rank) {
    ASSERT_LT(rank, graph.node_count());
    EXPECT_FALSE(seen[rank]) << "rank " << rank << " given twice";
    seen[rank] = true;
  }
  for (NodeId node = 0; node < graph.node_count(); ++node) {
    for (const UpwardArc& arc : hierarchy.upward_out(node)) {
      EXPECT_GT(hierarchy.node_rank[arc.node], hierarchy.node_rank[node]);
    }
    for (const UpwardArc& arc : hierarchy.upward_in(node)) {
      EXPECT_GT(hierarchy.node_rank[arc.node], hierarchy.node_rank[node]);
    }
  }
}

TEST(ContractionHierarchy, ShortcutUnpacksToJoinedEdges) {
  std::mt19937 random(5);
  const RoadGraph graph = build_road_graph(make_random_network(random, false));
  const ContractionHierarchy hierarchy = build_contraction_hierarchy(graph);
  ASSERT_GT(hierarchy.shortcut_count(), 0u);
  for (ArcId id = 0; id < hierarchy.arcs.size(); ++id) {
    const ContractionArc& arc = hierarchy.arcs[id];
    std::vector<EdgeId> edges;
    unpack_arc(hierarchy, id, edges);
    ASSERT_FALSE(edges.empty());
    EXPECT_EQ(graph.edges[edges.front()].source, arc.tail);
    EXPECT_EQ(graph.edges[edges.back()].target, arc.head);
    double total_s = 0.0;
    for (std::size_t i = 0; i < edges.size(); ++i) {
      total_s += graph.edges[edges[i]].duration_s;
      if (i + 1 < edges.size()) {
        EXPECT_EQ(graph.edges[edges[i]].target, graph.edges[edges[i + 1]].source);
      }
    }
    EXPECT_NEAR(total_s, arc.duration_s, time_tolerance_s(total_s));
    if (arc.edge == kInvalidId) {
      EXPECT_GE(edges.size(), 2u);
    }
  }
}

}  // namespace
}  // namespace pitstop
