// Plans along alternative routes on the real Singapore data: every
// alternative keeps the plan invariants, differs enough from the fastest
// route, and the fastest plan is the one plan() gives.

#include <gtest/gtest.h>

#include <iostream>

#include "planner/pit_stop_planner.hpp"
#include "real_data_fixture.hpp"
#include "real_trips.hpp"

namespace pitstop {
namespace {

using testing::expect_plan_invariants;
using testing::random_trips;
using testing::request_for;
using testing::singapore_data;
using testing::Trip;

constexpr std::size_t kTripCount = 120;
constexpr std::size_t kMaxAlternatives = 3;

TEST(PlannerAlternatives, RealTripsGiveValidPlansAlongDistinctRoutes) {
  const PitStopPlanner& planner = *singapore_data().parking()->planner;
  std::size_t with_alternative = 0;
  std::size_t alternatives = 0;

  for (const Trip& trip : random_trips(kTripCount, 20261205)) {
    SCOPED_TRACE(format_lat_lon(trip.from) + " -> " + format_lat_lon(trip.to) + " limit " +
                 std::to_string(trip.ride_limit_min));
    const PlanRequest request = request_for(trip);
    const std::vector<Plan> plans = planner.plan_with_alternatives(request, kMaxAlternatives);
    ASSERT_GE(plans.size(), 1u);
    ASSERT_LE(plans.size(), 1 + kMaxAlternatives);

    const Plan fastest = planner.plan(request);
    EXPECT_EQ(plans.front().rides.size(), fastest.rides.size());
    EXPECT_DOUBLE_EQ(plans.front().total_time_s, fastest.total_time_s);
    EXPECT_FALSE(plans.front().shared_with_fastest.has_value());

    for (std::size_t i = 1; i < plans.size(); ++i) {
      SCOPED_TRACE("alternative " + std::to_string(i));
      const Plan& plan = plans[i];
      expect_plan_invariants(plan, trip);
      ASSERT_TRUE(plan.shared_with_fastest.has_value());
      EXPECT_LE(*plan.shared_with_fastest, 0.8);
      // Same start and the same last spot as the fastest plan.
      EXPECT_EQ(plan.rides.front().from.location, fastest.rides.front().from.location);
      EXPECT_EQ(plan.rides.back().to.location, fastest.rides.back().to.location);
      // An alternative cannot be feasible where the trip has no spot near the destination.
      if (!fastest.rides.back().to.spot) {
        EXPECT_FALSE(plan.feasible);
      }
    }
    with_alternative += plans.size() > 1 ? 1 : 0;
    alternatives += plans.size() - 1;
  }
  std::cout << "alternatives: " << alternatives << " on " << with_alternative << " of " << kTripCount << " trips\n";
  // Singapore's cycling network offers a meaningfully different route for
  // most trips over 1 km (110 of these 120 when this test was written).
  EXPECT_GE(with_alternative, kTripCount * 3 / 4);
}

TEST(PlannerAlternatives, ZeroAlternativesIsThePlanAlone) {
  const PitStopPlanner& planner = *singapore_data().parking()->planner;
  const Trip trip = random_trips(1, 5).front();
  const std::vector<Plan> plans = planner.plan_with_alternatives(request_for(trip), 0);
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_DOUBLE_EQ(plans.front().total_time_s, planner.plan(request_for(trip)).total_time_s);
}

}  // namespace
}  // namespace pitstop
