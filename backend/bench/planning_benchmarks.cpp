// Full pit-stop plans and place search on the real Singapore data, over the
// fixed pairs, with the contraction hierarchy and with the Dijkstra search.

#include <benchmark/benchmark.h>

#include "bench_data.hpp"
#include "planner/pit_stop_planner.hpp"

namespace pitstop::bench {
namespace {

PlanRequest request_for(const Pair& pair, double ride_limit_min) {
  PlanRequest request;
  request.from = pair.from;
  request.to = pair.to;
  request.ride_limit_s = ride_limit_min * 60.0;
  return request;
}

void run_plans(benchmark::State& state, const PitStopPlanner& planner) {
  const auto& pairs = fixed_pairs();
  const double ride_limit_min = static_cast<double>(state.range(0));
  QueryTimer timer;
  std::size_t next = 0;
  std::size_t stops = 0;
  for (auto _ : state) {
    const Pair& pair = pairs[next++ % pairs.size()];
    timer.time([&] {
      const Plan plan = planner.plan(request_for(pair, ride_limit_min));
      stops += plan.pit_stop_count();
      benchmark::DoNotOptimize(plan.total_time_s);
    });
  }
  timer.report(state);
  state.counters["stops_per_plan"] = static_cast<double>(stops) / static_cast<double>(state.iterations());
}

void BM_PlanContraction(benchmark::State& state) {
  const auto snapshot = singapore_data().parking();
  run_plans(state, *snapshot->planner);
}
BENCHMARK(BM_PlanContraction)->Arg(30)->Arg(15)->Unit(benchmark::kMicrosecond);

void BM_PlanDijkstra(benchmark::State& state) {
  const PitStopData& data = singapore_data();
  const auto snapshot = data.parking();
  // The same graph without the hierarchy makes the planner use Dijkstra searches.
  static const RoadGraph plain_graph = [&] {
    RoadGraph copy = data.graph;
    copy.contraction_hierarchy.reset();
    return copy;
  }();
  const PitStopPlanner planner(plain_graph, *data.snapper, *snapshot->parking, data.planner_settings);
  run_plans(state, planner);
}
BENCHMARK(BM_PlanDijkstra)->Arg(30)->Arg(15)->Unit(benchmark::kMicrosecond);

void BM_PlaceSearch(benchmark::State& state) {
  const auto snapshot = singapore_data().parking();
  const std::vector<std::string> queries = {
      "bishan",         "toa payoh mrt", "holland village", "bishan st 22", "novena",
      "clementi ave 3", "bukit timah",   "serangoon",       "farrer road",  "tampines",
      "lorong 1",       "jurong west st", "punggol",        "outram park",  "marina bay",
      "botanic",        "orchard",       "braddell",        "caldecott",    "1.3328,103.8471"};
  QueryTimer timer;
  std::size_t next = 0;
  for (auto _ : state) {
    const std::string& query = queries[next++ % queries.size()];
    timer.time([&] { benchmark::DoNotOptimize(snapshot->places.search(query, 10)); });
  }
  timer.report(state);
}
BENCHMARK(BM_PlaceSearch)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace pitstop::bench
