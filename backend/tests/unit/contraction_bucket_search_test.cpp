#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "contraction/bucket_search.hpp"
#include "contraction/hierarchy_builder.hpp"
#include "graph/road_graph_builder.hpp"
#include "routing/shortest_path_tree.hpp"
#include "support/hierarchy_path_checks.hpp"
#include "support/random_road_network.hpp"

namespace pitstop {
namespace {

using testing::make_random_network;
using testing::random_point_on;
using testing::time_tolerance_s;

struct Fixture {
  RoadGraph graph;
  ContractionHierarchy hierarchy;
  std::vector<SnappedPoint> targets;
};

Fixture make_fixture(unsigned seed, bool equal_speeds, std::mt19937& random) {
  Fixture fixture;
  fixture.graph = build_road_graph(make_random_network(random, equal_speeds));
  fixture.hierarchy = build_contraction_hierarchy(fixture.graph);
  std::uniform_int_distribution<GeometryId> pick(0, static_cast<GeometryId>(fixture.graph.geometry_count() - 1));
  for (int i = 0; i < 40 + static_cast<int>(seed); ++i) {
    fixture.targets.push_back(random_point_on(fixture.graph, pick(random), random));
  }
  return fixture;
}

TEST(BucketSearch, TimesFromMatchDijkstra) {
  for (unsigned seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 random(seed);
    const Fixture fixture = make_fixture(seed, seed % 2 == 0, random);
    const BucketSearch search(fixture.graph, fixture.hierarchy, fixture.targets);
    std::uniform_int_distribution<GeometryId> pick(0, static_cast<GeometryId>(fixture.graph.geometry_count() - 1));

    std::vector<double> times;
    for (int trial = 0; trial < 60; ++trial) {
      // Half of the origins lie on a target's geometry, for rides along one geometry.
      const GeometryId geometry = trial % 2 == 0 ? fixture.targets[trial % fixture.targets.size()].geometry
                                                 : pick(random);
      const SnappedPoint origin = random_point_on(fixture.graph, geometry, random);
      ShortestPathTree tree(fixture.graph, origin, ShortestPathTree::Direction::Forward);
      tree.grow();
      search.times_from(origin, kUnreachable, times);
      ASSERT_EQ(times.size(), fixture.targets.size());
      for (std::size_t i = 0; i < fixture.targets.size(); ++i) {
        const double expected_s = tree.duration_s(fixture.targets[i]);
        if (expected_s == kUnreachable) {
          EXPECT_EQ(times[i], kUnreachable) << "trial " << trial << " target " << i;
        } else {
          EXPECT_NEAR(times[i], expected_s, time_tolerance_s(expected_s)) << "trial " << trial << " target " << i;
        }
      }
    }
  }
}

TEST(BucketSearch, BoundedTimesExactWithinBound) {
  std::mt19937 random(11);
  const Fixture fixture = make_fixture(11, false, random);
  const BucketSearch search(fixture.graph, fixture.hierarchy, fixture.targets);
  std::uniform_int_distribution<GeometryId> pick(0, static_cast<GeometryId>(fixture.graph.geometry_count() - 1));
  std::vector<double> times;
  for (int trial = 0; trial < 60; ++trial) {
    const SnappedPoint origin = random_point_on(fixture.graph, pick(random), random);
    ShortestPathTree tree(fixture.graph, origin, ShortestPathTree::Direction::Forward);
    tree.grow();
    const double bound_s = 20.0 + trial * 2.0;
    search.times_from(origin, bound_s, times);
    for (std::size_t i = 0; i < fixture.targets.size(); ++i) {
      const double expected_s = tree.duration_s(fixture.targets[i]);
      if (expected_s <= bound_s) {
        EXPECT_NEAR(times[i], expected_s, time_tolerance_s(expected_s)) << "trial " << trial << " target " << i;
      } else {
        // Beyond the bound a time may be missing or too slow, but never too fast.
        EXPECT_GT(times[i], bound_s) << "trial " << trial << " target " << i;
      }
    }
  }
}

TEST(BucketSearch, TimesToMatchDijkstra) {
  for (unsigned seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 random(seed + 100);
    const Fixture fixture = make_fixture(seed, seed % 2 == 1, random);
    const BucketSearch search(fixture.graph, fixture.hierarchy, fixture.targets);
    std::uniform_int_distribution<GeometryId> pick(0, static_cast<GeometryId>(fixture.graph.geometry_count() - 1));

    std::vector<double> times;
    for (int trial = 0; trial < 60; ++trial) {
      const GeometryId geometry = trial % 2 == 0 ? fixture.targets[trial % fixture.targets.size()].geometry
                                                 : pick(random);
      const SnappedPoint destination = random_point_on(fixture.graph, geometry, random);
      ShortestPathTree tree(fixture.graph, destination, ShortestPathTree::Direction::Backward);
      tree.grow();
      search.times_to(destination, times);
      for (std::size_t i = 0; i < fixture.targets.size(); ++i) {
        const double expected_s = tree.duration_s(fixture.targets[i]);
        if (expected_s == kUnreachable) {
          EXPECT_EQ(times[i], kUnreachable) << "trial " << trial << " target " << i;
        } else {
          EXPECT_NEAR(times[i], expected_s, time_tolerance_s(expected_s)) << "trial " << trial << " target " << i;
        }
      }
    }
  }
}

}  // namespace
}  // namespace pitstop
