#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "geo/errors.hpp"
#include "geo/lat_lon.hpp"
#include "parking/parking_index.hpp"

namespace pitstop {
namespace {

constexpr double kNoLimit_m = std::numeric_limits<double>::infinity();

ParkingSpot make_spot(std::size_t number, LatLon location) {
  ParkingSpot spot;
  spot.id = "spot-" + std::to_string(number);
  spot.source = "test";
  spot.description = "Spot " + std::to_string(number);
  spot.location = location;
  return spot;
}

// Spots at uniformly random positions in a latitude-longitude rectangle.
std::vector<ParkingSpot> make_random_spots(std::mt19937& random, std::size_t count, double min_lat,
                                           double max_lat, double min_lon, double max_lon) {
  std::uniform_real_distribution<double> lat(min_lat, max_lat);
  std::uniform_real_distribution<double> lon(min_lon, max_lon);
  std::vector<ParkingSpot> spots;
  for (std::size_t i = 0; i < count; ++i) spots.push_back(make_spot(i, {lat(random), lon(random)}));
  return spots;
}

// Brute-force reference: every spot within radius_m, nearest first, ties by index.
std::vector<std::size_t> brute_force_within(const std::vector<ParkingSpot>& spots, LatLon center,
                                            double radius_m) {
  std::vector<std::pair<double, std::size_t>> matches;
  for (std::size_t i = 0; i < spots.size(); ++i) {
    const double distance_m = haversine_m(center, spots[i].location);
    if (distance_m <= radius_m) matches.emplace_back(distance_m, i);
  }
  std::sort(matches.begin(), matches.end());
  std::vector<std::size_t> indices;
  for (const auto& match : matches) indices.push_back(match.second);
  return indices;
}

std::vector<std::size_t> brute_force_nearest(const std::vector<ParkingSpot>& spots, LatLon center,
                                             std::size_t count, double max_distance_m) {
  std::vector<std::size_t> indices = brute_force_within(spots, center, max_distance_m);
  if (indices.size() > count) indices.resize(count);
  return indices;
}

TEST(ParkingIndex, WithinRadiusMatchesBruteForceCity) {
  std::mt19937 random(20260201);
  const std::vector<ParkingSpot> spots =
      make_random_spots(random, 3000, 1.25, 1.45, 103.70, 103.95);
  const ParkingIndex index(spots);
  std::uniform_real_distribution<double> lat(1.22, 1.48);
  std::uniform_real_distribution<double> lon(103.67, 103.98);
  std::uniform_real_distribution<double> radius_m(0.0, 3000.0);

  for (int query = 0; query < 300; ++query) {
    const LatLon center{lat(random), lon(random)};
    const double radius = radius_m(random);
    SCOPED_TRACE(format_lat_lon(center) + " radius " + std::to_string(radius));

    EXPECT_EQ(index.within_radius(center, radius), brute_force_within(spots, center, radius));
  }
}

TEST(ParkingIndex, NearestMatchesBruteForceCity) {
  std::mt19937 random(20260202);
  const std::vector<ParkingSpot> spots =
      make_random_spots(random, 3000, 1.25, 1.45, 103.70, 103.95);
  const ParkingIndex index(spots);
  std::uniform_real_distribution<double> lat(1.22, 1.48);
  std::uniform_real_distribution<double> lon(103.67, 103.98);
  std::uniform_int_distribution<std::size_t> count(1, 25);
  std::uniform_real_distribution<double> max_distance_m(0.0, 2000.0);

  for (int query = 0; query < 300; ++query) {
    const LatLon center{lat(random), lon(random)};
    const std::size_t requested_count = count(random);
    const double limit_m = query % 3 == 0 ? kNoLimit_m : max_distance_m(random);
    SCOPED_TRACE(format_lat_lon(center) + " count " + std::to_string(requested_count) + " limit " +
                 std::to_string(limit_m));

    EXPECT_EQ(index.nearest(center, requested_count, limit_m),
              brute_force_nearest(spots, center, requested_count, limit_m));
  }
}

TEST(ParkingIndex, MatchesBruteForceWorldwide) {
  std::mt19937 random(20260203);
  const std::vector<ParkingSpot> spots =
      make_random_spots(random, 2000, -90.0, 90.0, -180.0, 180.0);
  const ParkingIndex index(spots);
  std::uniform_real_distribution<double> lat(-90.0, 90.0);
  std::uniform_real_distribution<double> lon(-180.0, 180.0);
  std::uniform_real_distribution<double> log_radius_m(2.0, 7.3);
  std::uniform_int_distribution<std::size_t> count(1, 10);

  for (int query = 0; query < 200; ++query) {
    const LatLon center{lat(random), lon(random)};
    const double radius = std::pow(10.0, log_radius_m(random));
    const std::size_t requested_count = count(random);
    SCOPED_TRACE(format_lat_lon(center) + " radius " + std::to_string(radius));

    EXPECT_EQ(index.within_radius(center, radius), brute_force_within(spots, center, radius));
    EXPECT_EQ(index.nearest(center, requested_count, kNoLimit_m),
              brute_force_nearest(spots, center, requested_count, kNoLimit_m));
  }
}

TEST(ParkingIndex, FindsAcrossAntimeridian) {
  const std::vector<ParkingSpot> spots = {
      make_spot(0, {-17.0, 179.999}),
      make_spot(1, {-17.0, -179.999}),
      make_spot(2, {-17.0, 178.0}),
  };
  const ParkingIndex index(spots);

  const std::vector<std::size_t> found = index.within_radius({-17.0, 180.0}, 500.0);

  EXPECT_EQ(found.size(), 2u);
  EXPECT_EQ(index.nearest({-17.0, -179.9995}, 1, kNoLimit_m), std::vector<std::size_t>{1});
  EXPECT_EQ(index.nearest({-17.0, 179.9995}, 2, kNoLimit_m), (std::vector<std::size_t>{0, 1}));
}

TEST(ParkingIndex, FindsAcrossPole) {
  const std::vector<ParkingSpot> spots = {
      make_spot(0, {89.999, 0.0}),
      make_spot(1, {89.999, 180.0}),
      make_spot(2, {89.0, 90.0}),
  };
  const ParkingIndex index(spots);

  EXPECT_EQ(index.within_radius({89.9995, 90.0}, 1000.0),
            brute_force_within(spots, {89.9995, 90.0}, 1000.0));
  EXPECT_EQ(index.within_radius({89.9995, 90.0}, 1000.0).size(), 2u);
}

TEST(ParkingIndex, IncludesSpotOnCircle) {
  const std::vector<ParkingSpot> spots = {make_spot(0, {1.3, 103.8}), make_spot(1, {1.31, 103.8})};
  const ParkingIndex index(spots);
  const double distance_m = haversine_m(spots[0].location, spots[1].location);

  EXPECT_EQ(index.within_radius(spots[0].location, distance_m), (std::vector<std::size_t>{0, 1}));
}

TEST(ParkingIndex, OrdersTiesByIndex) {
  const std::vector<ParkingSpot> spots = {
      make_spot(0, {1.31, 103.8}),
      make_spot(1, {1.30, 103.8}),
      make_spot(2, {1.30, 103.8}),
  };
  const ParkingIndex index(spots);

  EXPECT_EQ(index.within_radius({1.30, 103.8}, 5000.0), (std::vector<std::size_t>{1, 2, 0}));
  EXPECT_EQ(index.nearest({1.30, 103.8}, 2, kNoLimit_m), (std::vector<std::size_t>{1, 2}));
}

TEST(ParkingIndex, NearestRespectsMaxDistance) {
  const std::vector<ParkingSpot> spots = {make_spot(0, {1.30, 103.8}), make_spot(1, {1.31, 103.8})};
  const ParkingIndex index(spots);

  EXPECT_EQ(index.nearest({1.30, 103.8}, 5, 500.0), std::vector<std::size_t>{0});
  EXPECT_TRUE(index.nearest({1.35, 103.8}, 5, 500.0).empty());
  EXPECT_EQ(index.nearest({1.30, 103.8}, 5, kNoLimit_m), (std::vector<std::size_t>{0, 1}));
}

TEST(ParkingIndex, NearestZeroCountIsEmpty) {
  const ParkingIndex index({make_spot(0, {1.30, 103.8})});

  EXPECT_TRUE(index.nearest({1.30, 103.8}, 0, kNoLimit_m).empty());
}

TEST(ParkingIndex, EmptyIndexFindsNothing) {
  const ParkingIndex index({});

  EXPECT_TRUE(index.spots().empty());
  EXPECT_TRUE(index.within_radius({1.3, 103.8}, 1e7).empty());
  EXPECT_TRUE(index.nearest({1.3, 103.8}, 3, kNoLimit_m).empty());
  EXPECT_EQ(index.find_by_id("spot-0"), nullptr);
}

TEST(ParkingIndex, NegativeOrNanRadiusIsEmpty) {
  const ParkingIndex index({make_spot(0, {1.30, 103.8})});

  EXPECT_TRUE(index.within_radius({1.30, 103.8}, -1.0).empty());
  EXPECT_TRUE(index.within_radius({1.30, 103.8}, std::nan("")).empty());
  EXPECT_TRUE(index.nearest({1.30, 103.8}, 1, -1.0).empty());
}

TEST(ParkingIndex, InvalidCenterThrows) {
  const ParkingIndex index({make_spot(0, {1.30, 103.8})});

  EXPECT_THROW(index.within_radius({91.0, 103.8}, 100.0), InvalidCoordinateError);
  EXPECT_THROW(index.nearest({1.3, std::nan("")}, 1, 100.0), InvalidCoordinateError);
}

TEST(ParkingIndex, FindsSpotById) {
  const ParkingIndex index({make_spot(0, {1.30, 103.8}), make_spot(1, {1.31, 103.8})});

  const ParkingSpot* spot = index.find_by_id("spot-1");

  ASSERT_NE(spot, nullptr);
  EXPECT_EQ(spot->description, "Spot 1");
  EXPECT_EQ(spot, &index.spots()[1]);
  EXPECT_EQ(index.find_by_id("spot-9"), nullptr);
}

TEST(ParkingIndex, FindByIdReturnsFirstOfSharedId) {
  std::vector<ParkingSpot> spots = {make_spot(0, {1.30, 103.8}), make_spot(1, {1.31, 103.8})};
  spots[1].id = spots[0].id;
  const ParkingIndex index(std::move(spots));

  EXPECT_EQ(index.find_by_id("spot-0"), &index.spots()[0]);
}

}  // namespace
}  // namespace pitstop
