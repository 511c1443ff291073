// Checks the contraction hierarchy against the Dijkstra search on the real
// Singapore graph: 10,000 random pairs of points inside edges, with equal
// times and valid unpacked paths.

#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <random>
#include <vector>

#include "contraction/contraction_hierarchy.hpp"
#include "contraction/hierarchy_file.hpp"
#include "contraction/hierarchy_query.hpp"
#include "real_data_fixture.hpp"
#include "routing/router.hpp"
#include "routing/shortest_path_tree.hpp"
#include "support/hierarchy_path_checks.hpp"

namespace pitstop {
namespace {

using testing::expect_valid_hierarchy_path;
using testing::singapore_data;
using testing::time_tolerance_s;

// 100 origins times 100 destinations: one full Dijkstra tree per origin is the
// reference for all of its destinations.
constexpr std::size_t kOriginCount = 100;
constexpr std::size_t kDestinationsPerOrigin = 100;
constexpr std::size_t kPrintedMismatches = 10;

// Random points inside random geometries that snapping may return (both ends
// in one component). Nine in ten lie on the largest component, the rest
// anywhere, so that some pairs are unreachable.
std::vector<SnappedPoint> random_points(const RoadGraph& graph, std::size_t count, std::mt19937& random) {
  std::vector<GeometryId> largest;
  std::vector<GeometryId> any;
  for (GeometryId id = 0; id < graph.geometry_count(); ++id) {
    const ComponentId component = graph.geometry_component(id);
    if (component == kInvalidId || graph.geometry_length_m[id] <= 0.0) continue;
    any.push_back(id);
    if (component == 0) largest.push_back(id);
  }
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<SnappedPoint> points;
  while (points.size() < count) {
    const std::vector<GeometryId>& pool = unit(random) < 0.9 ? largest : any;
    const GeometryId geometry = pool[static_cast<std::size_t>(unit(random) * pool.size()) % pool.size()];
    SnappedPoint point;
    point.geometry = geometry;
    point.offset_m = unit(random) * graph.geometry_length_m[geometry];
    point.component = graph.geometry_component(geometry);
    point.location = graph.geometry(geometry).front();
    points.push_back(point);
  }
  return points;
}

TEST(ContractionOracle, TenThousandPairsMatchDijkstra) {
  const RoadGraph& graph = singapore_data().graph;
  ASSERT_TRUE(graph.contraction_hierarchy) << "load_pitstop_data did not build the contraction hierarchy";
  const ContractionHierarchy& hierarchy = *graph.contraction_hierarchy;

  std::mt19937 random(20261204);
  const std::vector<SnappedPoint> origins = random_points(graph, kOriginCount, random);
  std::size_t compared = 0;
  std::size_t unreachable = 0;
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < origins.size(); ++i) {
    const SnappedPoint& from = origins[i];
    ShortestPathTree tree(graph, from, ShortestPathTree::Direction::Forward);
    tree.grow();
    for (const SnappedPoint& to : random_points(graph, kDestinationsPerOrigin, random)) {
      SCOPED_TRACE(::testing::Message() << "origin " << i << " geometry " << from.geometry << " at " << from.offset_m
                                      << " m, destination geometry " << to.geometry << " at " << to.offset_m << " m");
      ++compared;
      const double expected_s = tree.duration_s(to);
      const auto path = find_hierarchy_path(graph, hierarchy, from, to);
      if (expected_s == kUnreachable) {
        ++unreachable;
        EXPECT_FALSE(path.has_value());
        continue;
      }
      ASSERT_TRUE(path.has_value());
      // Every mismatch is counted; the first few are printed.
      if (std::abs(path->duration_s - expected_s) > time_tolerance_s(expected_s) && ++mismatches <= kPrintedMismatches) {
        EXPECT_NEAR(path->duration_s, expected_s, time_tolerance_s(expected_s));
      }
      expect_valid_hierarchy_path(graph, *path, from, to);
    }
  }
  EXPECT_EQ(compared, kOriginCount * kDestinationsPerOrigin);
  EXPECT_EQ(mismatches, 0u);
  // Most pairs must be reachable, so that the comparison covers many paths.
  EXPECT_LT(unreachable, compared / 4);
  RecordProperty("unreachable_pairs", static_cast<int>(unreachable));
}

TEST(ContractionOracle, RoutesMatchDijkstraRoutes) {
  const RoadGraph& graph = singapore_data().graph;
  ASSERT_TRUE(graph.contraction_hierarchy);
  std::mt19937 random(7);
  const std::vector<SnappedPoint> points = random_points(graph, 400, random);
  for (std::size_t i = 0; i + 1 < points.size(); i += 2) {
    const auto fast = find_fastest_route(graph, points[i], points[i + 1]);
    const auto reference = find_fastest_route_dijkstra(graph, points[i], points[i + 1]);
    ASSERT_EQ(fast.has_value(), reference.has_value()) << "pair " << i / 2;
    if (!fast) continue;
    EXPECT_NEAR(fast->duration_s, reference->duration_s, time_tolerance_s(reference->duration_s)) << "pair " << i / 2;
    EXPECT_FALSE(fast->geometry.empty());
    EXPECT_EQ(fast->geometry.front(), reference->geometry.front()) << "pair " << i / 2;
    EXPECT_EQ(fast->geometry.back(), reference->geometry.back()) << "pair " << i / 2;
  }
}

TEST(ContractionOracle, CacheFileReadsBackSameHierarchy) {
  const RoadGraph& graph = singapore_data().graph;
  ASSERT_TRUE(graph.contraction_hierarchy);
  const ContractionHierarchy& built = *graph.contraction_hierarchy;
  const std::string path =
      (std::filesystem::temp_directory_path() / ("pitstop-oracle-" + std::to_string(::getpid()) + ".ch")).string();
  const HierarchyFileKey key{hash_file(testing::data_file("osm/singapore-bike-network-2025-12.osm.pbf")),
                             CyclingProfile::kVersion, graph_fingerprint(graph)};
  write_hierarchy_file(path, built, key);
  std::string reason;
  const auto read = read_hierarchy_file(path, key, graph, reason);
  std::filesystem::remove(path);
  ASSERT_TRUE(read.has_value()) << reason;
  EXPECT_EQ(read->node_rank, built.node_rank);
  ASSERT_EQ(read->arcs.size(), built.arcs.size());
  for (std::size_t i = 0; i < built.arcs.size(); ++i) {
    EXPECT_EQ(read->arcs[i].duration_s, built.arcs[i].duration_s) << "arc " << i;
    EXPECT_EQ(read->arcs[i].first_child, built.arcs[i].first_child) << "arc " << i;
  }
  EXPECT_EQ(read->first_upward_out, built.first_upward_out);
  EXPECT_EQ(read->first_upward_in, built.first_upward_in);
}

}  // namespace
}  // namespace pitstop
