// Plans random real trips twice, with the contraction hierarchy and with the
// Dijkstra searches, and checks that both planners pick the same stops with
// the same times.

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <random>

#include "geo/errors.hpp"
#include "planner/pit_stop_planner.hpp"
#include "real_data_fixture.hpp"

namespace pitstop {
namespace {

using testing::singapore_data;

// Area where the LTA parking dump has spots.
constexpr double kMinLat = 1.3080, kMaxLat = 1.3908;
constexpr double kMinLon = 103.7761, kMaxLon = 103.8636;
constexpr std::size_t kTripCount = 500;
// Ride times are summed along paths that may differ among equally fast ones.
constexpr double kTimeTolerance_s = 1e-6;

// Requests between random junctions inside the parking area (any component,
// so some fail to snap or route), with ride limits from 8 to 40 minutes and
// speeds from 8 to 30 km/h.
std::vector<PlanRequest> random_requests(std::size_t count, unsigned seed) {
  const RoadGraph& graph = singapore_data().graph;
  std::vector<NodeId> candidates;
  for (NodeId node = 0; node < graph.node_count(); ++node) {
    const LatLon location = graph.node_locations[node];
    if (location.lat >= kMinLat && location.lat <= kMaxLat && location.lon >= kMinLon && location.lon <= kMaxLon) {
      candidates.push_back(node);
    }
  }
  std::mt19937 random(seed);
  std::uniform_int_distribution<std::size_t> pick(0, candidates.size() - 1);
  std::uniform_real_distribution<double> limit_min(8.0, 40.0);
  std::uniform_real_distribution<double> speed_kmh(8.0, 30.0);

  std::vector<PlanRequest> requests;
  while (requests.size() < count) {
    PlanRequest request;
    request.from = graph.node_locations[candidates[pick(random)]];
    request.to = graph.node_locations[candidates[pick(random)]];
    if (haversine_m(request.from, request.to) < 200.0) continue;
    request.ride_limit_s = limit_min(random) * 60.0;
    request.margin_s = 120.0;
    request.speed_kmh = speed_kmh(random);
    requests.push_back(request);
  }
  return requests;
}

void expect_same_place(const PlanPlace& actual, const PlanPlace& expected) {
  EXPECT_EQ(actual.location, expected.location);
  EXPECT_EQ(actual.name, expected.name);
  ASSERT_EQ(actual.spot.has_value(), expected.spot.has_value());
  if (actual.spot) {
    EXPECT_EQ(actual.spot->id, expected.spot->id);
  }
}

void expect_same_plan(const Plan& actual, const Plan& expected) {
  EXPECT_EQ(actual.feasible, expected.feasible);
  EXPECT_NEAR(actual.direct_duration_s, expected.direct_duration_s, kTimeTolerance_s);
  ASSERT_EQ(actual.rides.size(), expected.rides.size());
  for (std::size_t i = 0; i < actual.rides.size(); ++i) {
    SCOPED_TRACE("ride " + std::to_string(i + 1));
    const Ride& ride = actual.rides[i];
    const Ride& reference = expected.rides[i];
    expect_same_place(ride.from, reference.from);
    expect_same_place(ride.to, reference.to);
    EXPECT_NEAR(ride.duration_s, reference.duration_s, kTimeTolerance_s);
    EXPECT_NEAR(ride.route.duration_s, reference.route.duration_s, kTimeTolerance_s);
    EXPECT_EQ(ride.within_budget, reference.within_budget);
  }
  EXPECT_NEAR(actual.total_time_s, expected.total_time_s, kTimeTolerance_s);
  EXPECT_EQ(actual.warnings, expected.warnings);
}

TEST(PlannerHierarchyEquivalence, RandomTripsPlanIdentically) {
  const PitStopData& data = singapore_data();
  ASSERT_TRUE(data.graph.contraction_hierarchy);
  const auto snapshot = data.parking();
  const PitStopPlanner& fast = *snapshot->planner;
  // The same graph without the hierarchy makes the planner use Dijkstra searches.
  RoadGraph plain_graph = data.graph;
  plain_graph.contraction_hierarchy.reset();
  const PitStopPlanner reference(plain_graph, *data.snapper, *snapshot->parking, fast.settings());

  std::size_t planned = 0;
  std::size_t with_pit_stops = 0;
  std::chrono::duration<double> fast_time{0};
  std::chrono::duration<double> reference_time{0};
  for (const PlanRequest& request : random_requests(kTripCount, 42)) {
    SCOPED_TRACE(format_lat_lon(request.from) + " -> " + format_lat_lon(request.to) + " limit " +
                 std::to_string(request.ride_limit_s / 60) + " min at " + std::to_string(request.speed_kmh) +
                 " km/h");
    std::optional<Plan> fast_plan;
    std::optional<Plan> reference_plan;
    std::string fast_error;
    std::string reference_error;
    const auto started = std::chrono::steady_clock::now();
    try {
      fast_plan = fast.plan(request);
    } catch (const InputError& error) {
      fast_error = error.what();
    }
    const auto middle = std::chrono::steady_clock::now();
    try {
      reference_plan = reference.plan(request);
    } catch (const InputError& error) {
      reference_error = error.what();
    }
    fast_time += middle - started;
    reference_time += std::chrono::steady_clock::now() - middle;

    EXPECT_EQ(fast_error, reference_error);
    ASSERT_EQ(fast_plan.has_value(), reference_plan.has_value());
    if (!fast_plan) continue;
    ++planned;
    with_pit_stops += fast_plan->pit_stop_count() > 0 ? 1 : 0;
    expect_same_plan(*fast_plan, *reference_plan);
  }
  // Enough of the trips must plan, and enough need stops, for the check to mean much.
  EXPECT_GE(planned, kTripCount / 2);
  EXPECT_GE(with_pit_stops, kTripCount / 5);
  std::printf("planned %zu of %zu trips, %zu with pit stops; %.2f ms a plan with the hierarchy, %.2f ms with "
              "Dijkstra\n",
              planned, kTripCount, with_pit_stops, fast_time.count() * 1e3 / kTripCount,
              reference_time.count() * 1e3 / kTripCount);
}

}  // namespace
}  // namespace pitstop
