// Full pit-stop plans and place search on the real Singapore data, over the
// fixed pairs, with the contraction hierarchy and with the Dijkstra search,
// and plans with alternative routes.

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

// Times plan_once over the fixed pairs at the ride limit state.range(0) in
// minutes. plan_once returns a count, reported per plan as `counter`.
template <typename PlanOnce>
void run_plans(benchmark::State& state, const char* counter, PlanOnce&& plan_once) {
  const auto& pairs = fixed_pairs();
  const double ride_limit_min = static_cast<double>(state.range(0));
  QueryTimer timer;
  std::size_t next = 0;
  std::size_t count = 0;
  for (auto _ : state) {
    const Pair& pair = pairs[next++ % pairs.size()];
    timer.time([&] { count += plan_once(request_for(pair, ride_limit_min)); });
  }
  timer.report(state);
  state.counters[counter] = static_cast<double>(count) / static_cast<double>(state.iterations());
}

void run_plans(benchmark::State& state, const PitStopPlanner& planner) {
  run_plans(state, "stops_per_plan", [&](const PlanRequest& request) {
    const Plan plan = planner.plan(request);
    benchmark::DoNotOptimize(plan.total_time_s);
    return plan.pit_stop_count();
  });
}

void BM_PlanContraction(benchmark::State& state) {
  const auto snapshot = singapore_data().parking();
  run_plans(state, *snapshot->planner);
}
BENCHMARK(BM_PlanContraction)->Arg(30)->Arg(15)->Unit(benchmark::kMicrosecond);

// The plan and up to three plans along alternative routes, as
// /api/v2/plan?alternatives=3 computes them.
void BM_PlanWithAlternatives(benchmark::State& state) {
  const auto snapshot = singapore_data().parking();
  run_plans(state, "alternatives_per_plan", [&](const PlanRequest& request) {
    const auto plans = snapshot->planner->plan_with_alternatives(request, 3);
    benchmark::DoNotOptimize(plans.back().total_time_s);
    return plans.size() - 1;
  });
}
BENCHMARK(BM_PlanWithAlternatives)->Arg(30)->Unit(benchmark::kMicrosecond);

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
