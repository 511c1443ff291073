#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "geo/lat_lon.hpp"
#include "routing/route.hpp"
#include "routing/route_steps.hpp"

namespace pitstop {
namespace {

const std::vector<std::string> kStreetNames{"", "Alpha Street", "Beta Road", "Gamma Lane"};
constexpr std::uint32_t kAlpha = 1;
constexpr std::uint32_t kBeta = 2;
constexpr std::uint32_t kGamma = 3;

// A route along `points`, where leg i (points[i] to points[i + 1]) is one
// piece on street name_ids[i], ridden at 5 m/s.
Route make_route(const std::vector<LatLon>& points, const std::vector<std::uint32_t>& name_ids) {
  Route route;
  route.geometry = points;
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    RoutePiece piece;
    piece.name_id = name_ids[i];
    piece.way_type = WayType::Residential;
    piece.length_m = haversine_m(points[i], points[i + 1]);
    piece.duration_s = piece.length_m / 5.0;
    piece.first_point = static_cast<std::uint32_t>(i);
    route.distance_m += piece.length_m;
    route.duration_s += piece.duration_s;
    route.pieces.push_back(piece);
  }
  return route;
}

// East along Alpha Street for about 222 m, then about 222 m north (a left
// turn) or south (a right turn) along Beta Road.
Route make_l_shaped_route(bool turn_north) {
  const double sign = turn_north ? 1.0 : -1.0;
  return make_route({{1.300, 103.800},
                     {1.300, 103.801},
                     {1.300, 103.802},
                     {1.300 + sign * 0.001, 103.802},
                     {1.300 + sign * 0.002, 103.802}},
                    {kAlpha, kAlpha, kBeta, kBeta});
}

TEST(RouteSteps, LeftTurnOnLShape) {
  const Route route = make_l_shaped_route(true);
  const std::vector<RouteStep> steps = build_route_steps(route, kStreetNames);

  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0].maneuver, "depart");
  EXPECT_EQ(steps[0].street_name, "Alpha Street");
  EXPECT_EQ(steps[0].instruction, "Head east on Alpha Street");
  EXPECT_EQ(steps[0].location, route.geometry[0]);

  EXPECT_EQ(steps[1].maneuver, "turn");
  EXPECT_EQ(steps[1].modifier, "left");
  EXPECT_EQ(steps[1].street_name, "Beta Road");
  EXPECT_EQ(steps[1].instruction, "Turn left onto Beta Road");
  EXPECT_EQ(steps[1].location, route.geometry[2]);

  EXPECT_EQ(steps[2].maneuver, "arrive");
  EXPECT_EQ(steps[2].location, route.geometry.back());
}

TEST(RouteSteps, RightTurnOnLShape) {
  const Route route = make_l_shaped_route(false);
  const std::vector<RouteStep> steps = build_route_steps(route, kStreetNames);

  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0].maneuver, "depart");
  EXPECT_EQ(steps[1].maneuver, "turn");
  EXPECT_EQ(steps[1].modifier, "right");
  EXPECT_EQ(steps[1].instruction, "Turn right onto Beta Road");
  EXPECT_EQ(steps[2].maneuver, "arrive");
}

TEST(RouteSteps, StepDistancesAddUp) {
  const Route route = make_l_shaped_route(true);
  const std::vector<RouteStep> steps = build_route_steps(route, kStreetNames);

  ASSERT_EQ(steps.size(), 3u);
  EXPECT_NEAR(steps[0].distance_m, route.pieces[0].length_m + route.pieces[1].length_m, 1e-9);
  EXPECT_NEAR(steps[1].distance_m, route.pieces[2].length_m + route.pieces[3].length_m, 1e-9);
  EXPECT_NEAR(steps[0].distance_m + steps[1].distance_m, route.distance_m, 1e-9);
  EXPECT_NEAR(steps[0].duration_s + steps[1].duration_s, route.duration_s, 1e-9);
  EXPECT_DOUBLE_EQ(steps[2].distance_m, 0.0);
}

TEST(RouteSteps, DurationScaleApplied) {
  const Route route = make_l_shaped_route(true);
  const std::vector<RouteStep> steps = build_route_steps(route, kStreetNames, 2.0);

  ASSERT_EQ(steps.size(), 3u);
  EXPECT_NEAR(steps[0].duration_s + steps[1].duration_s, 2.0 * route.duration_s, 1e-9);
}

TEST(RouteSteps, StraightOntoNewStreetContinues) {
  const Route route = make_route({{1.300, 103.800}, {1.300, 103.801}, {1.300, 103.802}}, {kAlpha, kBeta});
  const std::vector<RouteStep> steps = build_route_steps(route, kStreetNames);

  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[1].maneuver, "continue");
  EXPECT_EQ(steps[1].modifier, "straight");
  EXPECT_EQ(steps[1].instruction, "Continue onto Beta Road");
}

TEST(RouteSteps, ShortJogFolded) {
  // About 11 m on Gamma Lane between two stretches of Alpha Street.
  const Route route = make_route({{1.300, 103.800}, {1.300, 103.801}, {1.3001, 103.801}, {1.3001, 103.802}},
                                 {kAlpha, kGamma, kAlpha});
  const std::vector<RouteStep> steps = build_route_steps(route, kStreetNames);

  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].maneuver, "depart");
  EXPECT_NEAR(steps[0].distance_m, route.distance_m, 1e-9);
  EXPECT_EQ(steps[1].maneuver, "arrive");
}

TEST(RouteSteps, UnnamedWayLabelledByType) {
  Route route = make_route({{1.300, 103.800}, {1.301, 103.800}}, {0});
  route.pieces[0].way_type = WayType::Cycleway;
  const std::vector<RouteStep> steps = build_route_steps(route, kStreetNames);

  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].instruction, "Head north on the cycleway");
  EXPECT_EQ(steps[0].street_name, "");
}

TEST(RouteSteps, EmptyRouteNoSteps) { EXPECT_TRUE(build_route_steps(Route{}, kStreetNames).empty()); }

TEST(TurnModifier, Thresholds) {
  const std::vector<std::pair<double, std::string>> cases{
      {0.0, "straight"},          {19.9, "straight"},      {-19.9, "straight"},
      {20.0, "slight right"},     {-20.0, "slight left"},  {59.9, "slight right"},
      {-59.9, "slight left"},     {60.0, "right"},         {-60.0, "left"},
      {90.0, "right"},            {-90.0, "left"},         {119.9, "right"},
      {-119.9, "left"},           {120.0, "sharp right"},  {-120.0, "sharp left"},
      {164.9, "sharp right"},     {-164.9, "sharp left"},  {165.0, "uturn"},
      {-165.0, "uturn"},          {180.0, "uturn"},        {-180.0, "uturn"},
  };
  for (const auto& [change_deg, expected] : cases) {
    EXPECT_EQ(turn_modifier(change_deg), expected) << "heading change " << change_deg << " degrees";
  }
}

}  // namespace
}  // namespace pitstop
