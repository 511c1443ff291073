#pragma once

// Random trips on the real Singapore data and the invariants every plan keeps,
// for the real-data planner tests.

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "geo/lat_lon.hpp"
#include "planner/plan.hpp"
#include "real_data_fixture.hpp"

namespace pitstop::testing {

// Area where the LTA parking dump has spots.
constexpr double kMinLat = 1.3080, kMaxLat = 1.3908;
constexpr double kMinLon = 103.7761, kMaxLon = 103.8636;
constexpr double kTolerance_s = 1e-6;

struct Trip {
  LatLon from;
  LatLon to;
  double ride_limit_min;
};

// Random pairs of junctions on the largest component inside the parking area,
// at least 1 km apart, with ride limits that force pit stops on many trips.
inline std::vector<Trip> random_trips(std::size_t count, unsigned seed) {
  const RoadGraph& graph = singapore_data().graph;
  std::vector<NodeId> candidates;
  for (NodeId node = 0; node < graph.node_count(); ++node) {
    const LatLon location = graph.node_locations[node];
    if (graph.node_component[node] == 0 && location.lat >= kMinLat && location.lat <= kMaxLat &&
        location.lon >= kMinLon && location.lon <= kMaxLon) {
      candidates.push_back(node);
    }
  }
  std::mt19937 random(seed);
  std::uniform_int_distribution<std::size_t> pick(0, candidates.size() - 1);
  const double limits_min[] = {10.0, 15.0, 20.0, 30.0};

  std::vector<Trip> trips;
  while (trips.size() < count) {
    const LatLon from = graph.node_locations[candidates[pick(random)]];
    const LatLon to = graph.node_locations[candidates[pick(random)]];
    if (haversine_m(from, to) < 1000.0) continue;
    trips.push_back({from, to, limits_min[trips.size() % 4]});
  }
  return trips;
}

inline PlanRequest request_for(const Trip& trip) {
  PlanRequest request;
  request.from = trip.from;
  request.to = trip.to;
  request.ride_limit_s = trip.ride_limit_min * 60.0;
  request.margin_s = 120.0;
  return request;
}

inline void expect_plan_invariants(const Plan& plan, const Trip& trip) {
  const double budget_s = plan.ride_budget_s();
  ASSERT_FALSE(plan.rides.empty());

  for (std::size_t i = 0; i < plan.rides.size(); ++i) {
    const Ride& ride = plan.rides[i];
    SCOPED_TRACE("ride " + std::to_string(i + 1));
    if (plan.feasible) {
      EXPECT_LE(ride.duration_s, budget_s + kTolerance_s);
    }
    EXPECT_EQ(ride.within_budget, ride.duration_s <= budget_s + kTolerance_s);
    if (i > 0) {
      EXPECT_EQ(ride.from.location, plan.rides[i - 1].to.location);
    }
    if (i > 0) {
      EXPECT_EQ(ride.route.geometry.front(), plan.rides[i - 1].route.geometry.back());
    }

    ASSERT_GE(ride.route.geometry.size(), 2u);
    EXPECT_LE(haversine_m(ride.from.location, ride.route.geometry.front()), ride.access_walk_m + 0.5);
    EXPECT_LE(haversine_m(ride.to.location, ride.route.geometry.back()), ride.egress_walk_m + 0.5);
    EXPECT_GE(ride.route.distance_m + 0.5,
              haversine_m(ride.route.geometry.front(), ride.route.geometry.back()));
    double pieces_m = 0.0;
    for (const RoutePiece& piece : ride.route.pieces) pieces_m += piece.length_m;
    EXPECT_NEAR(pieces_m, ride.route.distance_m, 0.01);
    if (i + 1 < plan.rides.size()) {
      EXPECT_TRUE(ride.to.spot.has_value());
    }
  }

  EXPECT_EQ(plan.walk.to, trip.to);
  EXPECT_EQ(plan.walk.from, plan.rides.back().to.location);
  if (plan.rides.back().to.spot) {
    EXPECT_NEAR(plan.walk.distance_m, haversine_m(plan.walk.from, trip.to), 0.01);
    EXPECT_LE(plan.walk.distance_m, 800.0 + 0.01);
  }
  double total_s = plan.walk.duration_s;
  for (const Ride& ride : plan.rides) total_s += ride.duration_s;
  EXPECT_NEAR(plan.total_time_s, total_s, 0.01);
  if (!plan.feasible) {
    EXPECT_FALSE(plan.warnings.empty());
  }

  // Every ride covers at most one budget of network time, so no plan can use
  // fewer rides than the direct time divided by the budget.
  if (plan.feasible) {
    EXPECT_GE(static_cast<double>(plan.rides.size()), std::ceil(plan.direct_duration_s / budget_s - 1e-9));
  }
}

}  // namespace pitstop::testing
