// Plans many random trips on the real Singapore data and checks every plan's
// invariants. Then shows that the naive method breaks the ride limit where
// PitStop's plans do not: it cuts the route every budget minutes and takes
// the spot nearest each cut.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "geo/errors.hpp"
#include "geo/local_projection.hpp"
#include "planner/pit_stop_planner.hpp"
#include "real_data_fixture.hpp"
#include "real_trips.hpp"
#include "routing/router.hpp"

namespace pitstop {
namespace {

using testing::singapore_data;

using testing::expect_plan_invariants;
using testing::random_trips;
using testing::request_for;
using testing::Trip;

constexpr std::size_t kTripCount = 200;

TEST(PlannerRealTrips, RandomTripsKeepInvariants) {
  const PitStopPlanner& planner = *singapore_data().parking()->planner;
  std::size_t planned = 0;
  std::size_t feasible = 0;
  std::size_t with_pit_stops = 0;

  for (const Trip& trip : random_trips(kTripCount, 20261204)) {
    SCOPED_TRACE(format_lat_lon(trip.from) + " -> " + format_lat_lon(trip.to) + " limit " +
                 std::to_string(trip.ride_limit_min));
    Plan plan;
    try {
      plan = planner.plan(request_for(trip));
    } catch (const SnapError& error) {
      ADD_FAILURE() << "a junction of the largest component failed to plan: " << error.what();
      continue;
    }
    ++planned;
    feasible += plan.feasible ? 1 : 0;
    with_pit_stops += plan.pit_stop_count() > 0 ? 1 : 0;
    expect_plan_invariants(plan, trip);
  }

  EXPECT_EQ(planned, kTripCount);
  // The area's south-west corner has no spots in the dump, and a few stretches
  // (Lornie Road, for one) have none for over 8 minutes. So some trips cannot
  // be feasible, but most must be, and the short limits must force pit stops
  // on many of them.
  EXPECT_GE(feasible, kTripCount * 7 / 10);
  EXPECT_GE(with_pit_stops, kTripCount / 4);
}

// The naive method: cut the direct route every budget minutes and end each
// ride at the usable spot nearest the cut point. Returns its ride times.
std::vector<double> naive_ride_times_s(const Trip& trip, const Plan& plan) {
  const PitStopData& data = singapore_data();
  const auto& attached = data.parking()->planner->attached_spots();
  const double budget_s = plan.ride_budget_s();
  const Route& first = plan.rides.front().route;
  std::vector<double> times_s;

  // Rebuild the direct route from the plan's start to its last spot.
  const auto start = data.snapper->nearest(trip.from, 300.0);
  const auto end = data.snapper->nearest(plan.rides.back().to.location, 300.0);
  if (!start || !end || first.geometry.empty()) return times_s;
  const auto direct = find_fastest_route(data.graph, *start, *end);
  if (!direct) return times_s;

  SnappedPoint previous = *start;
  double elapsed_s = 0.0;
  for (const RoutePiece& piece : direct->pieces) {
    elapsed_s += piece.duration_s;
    if (elapsed_s < budget_s) continue;
    const LatLon cut = direct->geometry[piece.first_point];
    const auto nearest = std::min_element(attached.begin(), attached.end(), [&](const auto& a, const auto& b) {
      return haversine_m(a.access.location, cut) < haversine_m(b.access.location, cut);
    });
    const auto ride = find_fastest_route(data.graph, previous, nearest->access);
    if (!ride) return times_s;
    times_s.push_back(ride->duration_s);
    previous = nearest->access;
    elapsed_s = 0.0;
  }
  const auto last = find_fastest_route(data.graph, previous, *end);
  if (last) times_s.push_back(last->duration_s);
  return times_s;
}

TEST(PlannerRealTrips, NaiveCutsExceedLimitWherePlannerDoesNot) {
  const PitStopPlanner& planner = *singapore_data().parking()->planner;
  std::size_t naive_over_limit = 0;
  std::size_t planner_over_limit = 0;
  std::size_t compared = 0;

  for (const Trip& trip : random_trips(60, 7)) {
    const Plan plan = planner.plan(request_for(trip));
    if (!plan.feasible || plan.pit_stop_count() == 0) continue;
    ++compared;
    for (const Ride& ride : plan.rides) planner_over_limit += ride.duration_s > plan.ride_budget_s() ? 1 : 0;
    // Walks to and from racks are left out of the naive times, which only
    // flatters the naive method.
    for (double ride_s : naive_ride_times_s(trip, plan)) {
      naive_over_limit += ride_s > plan.ride_budget_s() ? 1 : 0;
    }
  }

  EXPECT_GE(compared, 20u);
  EXPECT_EQ(planner_over_limit, 0u);
  EXPECT_GT(naive_over_limit, 0u);
  std::printf("naive rides over the limit: %zu; PitStop rides over the limit: %zu; trips compared: %zu\n",
              naive_over_limit, planner_over_limit, compared);
}

TEST(PlannerRealTrips, ShortTripIsOneRideToSpotNearDestination) {
  const PitStopData& data = singapore_data();
  PlanRequest request;
  request.from = {1.351407, 103.848247};  // Bishan MRT
  request.to = {1.332867, 103.847143};    // Toa Payoh MRT
  const Plan plan = data.parking()->planner->plan(request);

  ASSERT_TRUE(plan.feasible);
  ASSERT_EQ(plan.rides.size(), 1u);
  ASSERT_TRUE(plan.rides.front().to.spot.has_value());
  EXPECT_LE(plan.walk.distance_m, 800.0);
}

TEST(PlannerRealTrips, PointInTheSeaIsRejected) {
  PlanRequest request;
  request.from = {1.351407, 103.848247};
  request.to = {1.2000, 103.9000};  // Singapore Strait
  EXPECT_THROW(singapore_data().parking()->planner->plan(request), SnapError);
}

}  // namespace
}  // namespace pitstop
