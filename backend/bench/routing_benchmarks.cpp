// Route and one-to-many queries on the real Singapore graph: the contraction
// hierarchy against the Dijkstra search, over the fixed pairs.

#include <benchmark/benchmark.h>

#include "bench_data.hpp"
#include "contraction/bucket_search.hpp"
#include "contraction/hierarchy_query.hpp"
#include "routing/router.hpp"
#include "routing/shortest_path_tree.hpp"

namespace pitstop::bench {
namespace {

// A 30-minute ride limit minus the 2-minute margin, at the base speed.
constexpr double kRideBudget_s = 28 * 60.0;

void BM_RouteDijkstra(benchmark::State& state) {
  const RoadGraph& graph = singapore_data().graph;
  const auto& trips = snapped_pairs();
  QueryTimer timer;
  std::size_t next = 0;
  for (auto _ : state) {
    const SnappedTrip& trip = trips[next++ % trips.size()];
    timer.time([&] { benchmark::DoNotOptimize(find_fastest_route_dijkstra(graph, trip.start, trip.destination)); });
  }
  timer.report(state);
}
BENCHMARK(BM_RouteDijkstra)->Unit(benchmark::kMicrosecond);

void BM_RouteContraction(benchmark::State& state) {
  const RoadGraph& graph = singapore_data().graph;
  const auto& trips = snapped_pairs();
  QueryTimer timer;
  std::size_t next = 0;
  for (auto _ : state) {
    const SnappedTrip& trip = trips[next++ % trips.size()];
    timer.time([&] { benchmark::DoNotOptimize(find_fastest_route(graph, trip.start, trip.destination)); });
  }
  timer.report(state);
}
BENCHMARK(BM_RouteContraction)->Unit(benchmark::kMicrosecond);

// The time alone, without unpacking the path or building its geometry.
void BM_RouteTimeContraction(benchmark::State& state) {
  const RoadGraph& graph = singapore_data().graph;
  const auto& trips = snapped_pairs();
  QueryTimer timer;
  std::size_t next = 0;
  for (auto _ : state) {
    const SnappedTrip& trip = trips[next++ % trips.size()];
    timer.time([&] {
      benchmark::DoNotOptimize(find_hierarchy_path(graph, *graph.contraction_hierarchy, trip.start, trip.destination));
    });
  }
  timer.report(state);
}
BENCHMARK(BM_RouteTimeContraction)->Unit(benchmark::kMicrosecond);

std::vector<SnappedPoint> spot_access_points() {
  std::vector<SnappedPoint> points;
  for (const AttachedSpot& spot : singapore_data().parking()->planner->attached_spots()) points.push_back(spot.access);
  return points;
}

// Times from each pair's start to every usable parking spot within one ride
// budget: the planner's query for each partial plan.
void BM_OneToManyDijkstra(benchmark::State& state) {
  const RoadGraph& graph = singapore_data().graph;
  const auto& trips = snapped_pairs();
  const std::vector<SnappedPoint> spots = spot_access_points();
  QueryTimer timer;
  std::size_t next = 0;
  std::vector<double> times(spots.size());
  for (auto _ : state) {
    const SnappedTrip& trip = trips[next++ % trips.size()];
    timer.time([&] {
      ShortestPathTree tree(graph, trip.start, ShortestPathTree::Direction::Forward);
      tree.grow(kRideBudget_s);
      for (std::size_t i = 0; i < spots.size(); ++i) times[i] = tree.duration_s(spots[i]);
      benchmark::DoNotOptimize(times.data());
    });
  }
  timer.report(state);
  state.counters["targets"] = static_cast<double>(spots.size());
}
BENCHMARK(BM_OneToManyDijkstra)->Unit(benchmark::kMicrosecond);

void BM_OneToManyContraction(benchmark::State& state) {
  const RoadGraph& graph = singapore_data().graph;
  const auto& trips = snapped_pairs();
  const BucketSearch search(graph, *graph.contraction_hierarchy, spot_access_points());
  QueryTimer timer;
  std::size_t next = 0;
  std::vector<double> times;
  for (auto _ : state) {
    const SnappedTrip& trip = trips[next++ % trips.size()];
    timer.time([&] {
      search.times_from(trip.start, kRideBudget_s, times);
      benchmark::DoNotOptimize(times.data());
    });
  }
  timer.report(state);
  state.counters["targets"] = static_cast<double>(search.point_count());
  state.counters["bucket_entries"] = static_cast<double>(search.bucket_entry_count());
}
BENCHMARK(BM_OneToManyContraction)->Unit(benchmark::kMicrosecond);

// Building the buckets for the usable spots: the cost of a parking swap.
void BM_SpotBucketsBuild(benchmark::State& state) {
  const RoadGraph& graph = singapore_data().graph;
  const std::vector<SnappedPoint> spots = spot_access_points();
  QueryTimer timer;
  for (auto _ : state) {
    timer.time([&] { benchmark::DoNotOptimize(BucketSearch(graph, *graph.contraction_hierarchy, spots)); });
  }
  timer.report(state);
}
BENCHMARK(BM_SpotBucketsBuild)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
}  // namespace pitstop::bench
