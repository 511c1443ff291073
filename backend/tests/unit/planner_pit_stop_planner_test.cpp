#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "geo/errors.hpp"
#include "geo/lat_lon.hpp"
#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"
#include "graph/road_graph_builder.hpp"
#include "ingest/road_network.hpp"
#include "parking/parking_index.hpp"
#include "planner/pit_stop_planner.hpp"
#include "planner/plan.hpp"

namespace pitstop {
namespace {

// A straight two-way road along latitude 1.30 with a junction every 0.001
// degrees of longitude (about 111 m), 90 segments, about 10 km in all.
constexpr int kRoadNodes = 91;
constexpr double kStep_deg = 0.001;
// Parking spots stand this far north of the road: about 11 m.
constexpr double kSpotOffset_deg = 0.0001;

LatLon road_location(int node) { return {1.30, 103.70 + node * kStep_deg}; }
LatLon spot_location(int node) { return {1.30 + kSpotOffset_deg, 103.70 + node * kStep_deg}; }
std::string spot_id(int node) { return "spot-" + std::to_string(node); }

// The planner with the graph, snapper and parking index it refers to.
struct LineWorld {
  RoadGraph graph;
  std::unique_ptr<EdgeSnapper> snapper;
  std::unique_ptr<ParkingIndex> parking;
  std::unique_ptr<PitStopPlanner> planner;
};

// The straight road with a parking spot beside each of `spot_nodes`.
std::unique_ptr<LineWorld> make_line_world(const std::vector<int>& spot_nodes) {
  RoadNetwork network;
  network.street_names = {"", "Test Road"};
  for (int node = 0; node < kRoadNodes; ++node) network.node_locations.push_back(road_location(node));
  for (std::uint32_t node = 0; node + 1 < kRoadNodes; ++node) {
    RoadSegment segment;
    segment.from_node = node;
    segment.to_node = node + 1;
    segment.geometry = {network.node_locations[node], network.node_locations[node + 1]};
    segment.length_m = haversine_m(segment.geometry.front(), segment.geometry.back());
    segment.forward = true;
    segment.backward = true;
    segment.speed_factor = 1.0;
    segment.name_id = 1;
    network.segments.push_back(segment);
  }

  std::vector<ParkingSpot> spots;
  for (int node : spot_nodes) {
    ParkingSpot spot;
    spot.id = spot_id(node);
    spot.source = "test";
    spot.description = "Rack beside node " + std::to_string(node);
    spot.location = spot_location(node);
    spot.rack_count = 10;
    spots.push_back(spot);
  }

  auto world = std::make_unique<LineWorld>();
  world->graph = build_road_graph(network);
  world->snapper = std::make_unique<EdgeSnapper>(world->graph);
  world->parking = std::make_unique<ParkingIndex>(spots);
  world->planner = std::make_unique<PitStopPlanner>(world->graph, *world->snapper, *world->parking);
  return world;
}

// Spots beside nodes first, first + step, ... up to last.
std::vector<int> every_nth_node(int first, int last, int step) {
  std::vector<int> nodes;
  for (int node = first; node <= last; node += step) nodes.push_back(node);
  return nodes;
}

PlanRequest make_request(int from_node, int to_node, double ride_limit_s, double margin_s) {
  PlanRequest request;
  request.from = road_location(from_node);
  request.to = road_location(to_node);
  request.ride_limit_s = ride_limit_s;
  request.margin_s = margin_s;
  request.speed_kmh = 15.0;
  return request;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void expect_rides_chained(const Plan& plan, const PlanRequest& request) {
  ASSERT_FALSE(plan.rides.empty());
  EXPECT_EQ(plan.rides.front().from.location, request.from);
  for (std::size_t i = 1; i < plan.rides.size(); ++i) {
    EXPECT_EQ(plan.rides[i].from.location, plan.rides[i - 1].to.location) << "ride " << i;
  }
  EXPECT_EQ(plan.walk.from, plan.rides.back().to.location);
  EXPECT_EQ(plan.walk.to, request.to);
}

TEST(PitStopPlanner, ShortTripOneRide) {
  const auto world = make_line_world({4, 8});
  const PlanRequest request = make_request(0, 5, 30 * 60, 2 * 60);
  const Plan plan = world->planner->plan(request);

  EXPECT_TRUE(plan.feasible);
  EXPECT_TRUE(plan.warnings.empty());
  ASSERT_EQ(plan.rides.size(), 1u);
  const Ride& ride = plan.rides[0];
  ASSERT_TRUE(ride.to.spot.has_value());
  EXPECT_EQ(ride.to.spot->id, spot_id(4));  // 112 m from the destination, and spot 8 is 333 m away
  EXPECT_EQ(ride.to.location, spot_location(4));
  EXPECT_TRUE(ride.within_budget);
  EXPECT_NEAR(ride.egress_walk_m, haversine_m(spot_location(4), road_location(4)), 0.1);
  EXPECT_NEAR(ride.access_walk_m, 0.0, 1e-6);
  EXPECT_EQ(plan.pit_stop_count(), 0u);
  expect_rides_chained(plan, request);

  EXPECT_NEAR(plan.walk.distance_m, haversine_m(spot_location(4), request.to), 1e-6);
  EXPECT_NEAR(plan.walk.duration_s, plan.walk.distance_m / CyclingProfile::kWalkingSpeed_mps, 1e-6);
  EXPECT_NEAR(plan.total_time_s, ride.duration_s + plan.walk.duration_s, 1e-6);
  EXPECT_NEAR(plan.total_distance_m, ride.distance_m + plan.walk.distance_m, 1e-6);
}

TEST(PitStopPlanner, RideDurationIncludesWalks) {
  const auto world = make_line_world({4, 8});
  const PlanRequest request = make_request(0, 5, 30 * 60, 2 * 60);
  const Plan plan = world->planner->plan(request);

  ASSERT_EQ(plan.rides.size(), 1u);
  const Ride& ride = plan.rides[0];
  const double walks_s = (ride.access_walk_m + ride.egress_walk_m) / CyclingProfile::kWalkingSpeed_mps;
  EXPECT_NEAR(ride.duration_s, ride.route.duration_s + walks_s, 1e-6);
  EXPECT_NEAR(ride.distance_m, ride.route.distance_m + ride.access_walk_m + ride.egress_walk_m, 1e-6);
  // Four segments of about 111 m at 15 km/h.
  EXPECT_NEAR(ride.route.distance_m, 4 * haversine_m(road_location(0), road_location(1)), 0.1);
  EXPECT_NEAR(ride.route.duration_s, ride.route.distance_m / (15.0 / 3.6), 1e-6);
}

TEST(PitStopPlanner, LongTripStaysWithinBudget) {
  // Spots every 4 nodes (about 445 m). A 5 min limit minus a 1 min margin
  // leaves 240 s, about 1 km at 15 km/h, so each ride passes at most two spots.
  const std::vector<int> spot_nodes = every_nth_node(4, 88, 4);
  const auto world = make_line_world(spot_nodes);
  const PlanRequest request = make_request(0, 89, 5 * 60, 60);
  const Plan plan = world->planner->plan(request);

  EXPECT_TRUE(plan.feasible);
  EXPECT_TRUE(plan.warnings.empty());
  EXPECT_DOUBLE_EQ(plan.ride_budget_s(), 240.0);
  ASSERT_FALSE(plan.rides.empty());
  for (std::size_t i = 0; i < plan.rides.size(); ++i) {
    SCOPED_TRACE("ride " + std::to_string(i));
    const Ride& ride = plan.rides[i];
    EXPECT_LE(ride.duration_s, request.ride_limit_s - request.margin_s);
    EXPECT_TRUE(ride.within_budget);
    EXPECT_TRUE(ride.to.spot.has_value());
  }
  expect_rides_chained(plan, request);
  EXPECT_LT(plan.rides.size(), spot_nodes.size());
  // About 9.8 km at under 1 km per ride needs at least 11 rides, and passing
  // two spots per ride (8 nodes, 889 m) achieves that.
  EXPECT_EQ(plan.rides.size(), 11u);
  ASSERT_TRUE(plan.rides.back().to.spot.has_value());
  EXPECT_EQ(plan.rides.back().to.spot->id, spot_id(88));
}

TEST(PitStopPlanner, LongTripTotalsAddUp) {
  const auto world = make_line_world(every_nth_node(4, 88, 4));
  const PlanRequest request = make_request(0, 89, 5 * 60, 60);
  const Plan plan = world->planner->plan(request);

  double rides_s = 0.0;
  double rides_m = 0.0;
  for (const Ride& ride : plan.rides) {
    rides_s += ride.duration_s;
    rides_m += ride.distance_m;
  }
  EXPECT_NEAR(plan.total_time_s, rides_s + plan.walk.duration_s, 1e-6);
  EXPECT_NEAR(plan.total_distance_m, rides_m + plan.walk.distance_m, 1e-6);
  EXPECT_EQ(plan.pit_stop_count(), plan.rides.size() - 1);
  EXPECT_GT(plan.direct_duration_s, plan.ride_budget_s());
}

TEST(PitStopPlanner, GapWithoutSpotsInfeasible) {
  // No spot between nodes 20 and 52: about 3.6 km, far over a 240 s budget.
  std::vector<int> spot_nodes = every_nth_node(4, 20, 4);
  for (int node : every_nth_node(52, 88, 4)) spot_nodes.push_back(node);
  const auto world = make_line_world(spot_nodes);
  const PlanRequest request = make_request(0, 89, 5 * 60, 60);
  const Plan plan = world->planner->plan(request);

  EXPECT_FALSE(plan.feasible);
  expect_rides_chained(plan, request);
  std::size_t over_budget = 0;
  for (const Ride& ride : plan.rides) over_budget += !ride.within_budget;
  EXPECT_EQ(over_budget, 1u);

  ASSERT_FALSE(plan.warnings.empty());
  bool names_stretch = false;
  for (const std::string& warning : plan.warnings) {
    names_stretch = names_stretch || (contains(warning, format_lat_lon(spot_location(20))) &&
                                      contains(warning, format_lat_lon(spot_location(52))));
  }
  EXPECT_TRUE(names_stretch) << "warnings: " << ::testing::PrintToString(plan.warnings);
  EXPECT_TRUE(contains(plan.warnings.front(), "no parking spot lies within reach")) << plan.warnings.front();
  ASSERT_TRUE(plan.rides.back().to.spot.has_value());
  EXPECT_EQ(plan.rides.back().to.spot->id, spot_id(88));
}

TEST(PitStopPlanner, NoSpotNearDestinationInfeasible) {
  // The only spot is near the start, and the destination is about 2.9 km beyond it.
  const auto world = make_line_world({4});
  const PlanRequest request = make_request(0, 30, 30 * 60, 2 * 60);
  const Plan plan = world->planner->plan(request);

  EXPECT_FALSE(plan.feasible);
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_TRUE(contains(plan.warnings[0], format_lat_lon(request.to))) << plan.warnings[0];
  EXPECT_TRUE(contains(plan.warnings[0], "No usable bicycle parking spot")) << plan.warnings[0];
  ASSERT_FALSE(plan.rides.empty());
  EXPECT_FALSE(plan.rides.back().to.spot.has_value());
  EXPECT_EQ(plan.rides.back().to.location, request.to);
  EXPECT_DOUBLE_EQ(plan.walk.distance_m, 0.0);
}

TEST(PitStopPlanner, NoSpotsAtAllInfeasible) {
  const auto world = make_line_world({});
  const PlanRequest request = make_request(0, 10, 30 * 60, 2 * 60);
  const Plan plan = world->planner->plan(request);

  EXPECT_FALSE(plan.feasible);
  ASSERT_EQ(plan.rides.size(), 1u);
  EXPECT_FALSE(plan.rides[0].to.spot.has_value());
  EXPECT_FALSE(plan.warnings.empty());
}

TEST(PitStopPlanner, InvalidRequestsThrow) {
  const auto world = make_line_world({4, 8});
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double infinity = std::numeric_limits<double>::infinity();

  PlanRequest margin_equals_limit = make_request(0, 5, 300, 300);
  EXPECT_THROW(world->planner->plan(margin_equals_limit), InputError);

  PlanRequest margin_over_limit = make_request(0, 5, 300, 400);
  EXPECT_THROW(world->planner->plan(margin_over_limit), InputError);

  PlanRequest negative_margin = make_request(0, 5, 300, -1);
  EXPECT_THROW(world->planner->plan(negative_margin), InputError);

  PlanRequest nan_start = make_request(0, 5, 300, 60);
  nan_start.from.lat = nan;
  EXPECT_THROW(world->planner->plan(nan_start), InputError);

  PlanRequest nan_destination = make_request(0, 5, 300, 60);
  nan_destination.to.lon = nan;
  EXPECT_THROW(world->planner->plan(nan_destination), InputError);

  PlanRequest zero_speed = make_request(0, 5, 300, 60);
  zero_speed.speed_kmh = 0.0;
  EXPECT_THROW(world->planner->plan(zero_speed), InputError);

  PlanRequest nan_speed = make_request(0, 5, 300, 60);
  nan_speed.speed_kmh = nan;
  EXPECT_THROW(world->planner->plan(nan_speed), InputError);

  PlanRequest zero_limit = make_request(0, 5, 0, 0);
  EXPECT_THROW(world->planner->plan(zero_limit), InputError);

  PlanRequest infinite_limit = make_request(0, 5, infinity, 60);
  EXPECT_THROW(world->planner->plan(infinite_limit), InputError);
}

TEST(PitStopPlanner, FarStartThrowsSnapError) {
  const auto world = make_line_world({4, 8});
  PlanRequest request = make_request(0, 5, 30 * 60, 2 * 60);
  request.from = {1.32, 103.70};
  EXPECT_THROW(world->planner->plan(request), SnapError);
}

TEST(ValidatePlanRequest, AcceptsDefaults) {
  PlanRequest request;
  request.from = road_location(0);
  request.to = road_location(5);
  EXPECT_NO_THROW(validate_plan_request(request));
}

}  // namespace
}  // namespace pitstop
