#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "clients/datamall_client.hpp"
#include "clients/service_error.hpp"

namespace pitstop {
namespace {

double nearest_point_m(LatLon point, const std::vector<LatLon>& grid) {
  double nearest = INFINITY;
  for (const LatLon& candidate : grid) nearest = std::min(nearest, haversine_m(point, candidate));
  return nearest;
}

TEST(ClientsParkingGrid, DefaultGridSpansSingapore) {
  const ParkingQueryGrid grid;
  const auto points = make_parking_query_points(grid);

  // 28 km north to south and 50 km west to east at no more than 1.5 km: 20 rows of 35 points.
  EXPECT_EQ(points.size(), 700u);
  EXPECT_EQ(points.front(), grid.south_west);
  EXPECT_EQ(points.back(), grid.north_east);
}

TEST(ClientsParkingGrid, NeighboursAtMostSpacingApart) {
  const ParkingQueryGrid grid;
  const auto points = make_parking_query_points(grid);
  const std::size_t columns = 35;
  ASSERT_EQ(points.size() % columns, 0u);

  for (std::size_t i = 0; i < points.size(); ++i) {
    if ((i + 1) % columns != 0) {
      EXPECT_LE(haversine_m(points[i], points[i + 1]), grid.spacing_m) << i;
    }
    if (i + columns < points.size()) {
      EXPECT_LE(haversine_m(points[i], points[i + columns]), grid.spacing_m) << i;
    }
  }
}

TEST(ClientsParkingGrid, CirclesCoverEveryPointOfBox) {
  const ParkingQueryGrid grid;
  const auto points = make_parking_query_points(grid);
  std::mt19937 generator(7);
  std::uniform_real_distribution<double> lat(grid.south_west.lat, grid.north_east.lat);
  std::uniform_real_distribution<double> lon(grid.south_west.lon, grid.north_east.lon);

  for (int i = 0; i < 2000; ++i) {
    const LatLon point{lat(generator), lon(generator)};
    EXPECT_LE(nearest_point_m(point, points), grid.radius_m) << point.lat << "," << point.lon;
  }
}

TEST(ClientsParkingGrid, SmallBoxGetsCornerPoints) {
  ParkingQueryGrid grid;
  grid.south_west = {1.30, 103.80};
  grid.north_east = {1.301, 103.801};

  const auto points = make_parking_query_points(grid);

  ASSERT_EQ(points.size(), 4u);
  EXPECT_EQ(points[0], (LatLon{1.30, 103.80}));
  EXPECT_EQ(points[3], (LatLon{1.301, 103.801}));
}

TEST(ClientsParkingGrid, RejectsRadiusThatLeavesGaps) {
  ParkingQueryGrid grid;
  grid.radius_m = 1000.0;  // below 1500 / sqrt(2) = 1061 m
  EXPECT_THROW(make_parking_query_points(grid), ClientConfigError);
  grid.radius_m = 1061.0;
  EXPECT_NO_THROW(make_parking_query_points(grid));
}

TEST(ClientsParkingGrid, RejectsInvalidBoxAndSpacing) {
  ParkingQueryGrid inverted;
  std::swap(inverted.south_west, inverted.north_east);
  EXPECT_THROW(make_parking_query_points(inverted), ClientConfigError);

  ParkingQueryGrid tiny_spacing;
  tiny_spacing.spacing_m = 10.0;
  EXPECT_THROW(make_parking_query_points(tiny_spacing), ClientConfigError);

  ParkingQueryGrid no_cap;
  no_cap.max_records_per_call = 0;
  EXPECT_THROW(make_parking_query_points(no_cap), ClientConfigError);
}

}  // namespace
}  // namespace pitstop
