#include <string>

#include <gtest/gtest.h>

#include "search/place_index.hpp"
#include "search/station_reader.hpp"

namespace pitstop {
namespace {

const std::string kStationsPath = std::string(PITSTOP_DATA_DIR) + "/reference/mrt-stations-2018.json";

PlaceIndex build_station_index() {
  PlaceIndex index;
  for (auto& station : read_mrt_stations_file(kStationsPath)) index.add(std::move(station));
  index.build();
  return index;
}

TEST(SearchStationsRealData, ReadsStationsWithCoordinates) {
  const auto stations = read_mrt_stations_file(kStationsPath);

  // The file lists 171 stations, and its 19 Jurong Region Line stations have no coordinates.
  EXPECT_EQ(stations.size(), 152u);
  for (const auto& station : stations) {
    EXPECT_EQ(station.kind, PlaceKind::Station) << station.name;
    EXPECT_TRUE(station.name.ends_with(" MRT Station") || station.name.ends_with(" LRT Station"))
        << station.name;
    EXPECT_TRUE(is_valid(station.location)) << station.name;
    EXPECT_FALSE(station.detail.empty()) << station.name;
  }
}

TEST(SearchStationsRealData, FindsDhobyGhautFirst) {
  const auto index = build_station_index();

  const auto results = index.search("dhoby", 5);

  ASSERT_FALSE(results.empty());
  EXPECT_EQ(results[0].place.name, "Dhoby Ghaut MRT Station");
  EXPECT_EQ(results[0].place.detail, "NS24 NE6 CC1");
}

TEST(SearchStationsRealData, FindsBishanStation) {
  const auto index = build_station_index();

  const auto results = index.search("bishan", 5);

  ASSERT_FALSE(results.empty());
  EXPECT_EQ(results[0].place.name, "Bishan MRT Station");
  EXPECT_NEAR(results[0].place.location.lat, 1.351, 0.002);
  EXPECT_NEAR(results[0].place.location.lon, 103.848, 0.002);
}

TEST(SearchStationsRealData, KeepsEveryStationDistinct) {
  const auto index = build_station_index();

  EXPECT_EQ(index.size(), 152u);
  EXPECT_EQ(index.count_matches("station"), 152u);
}

}  // namespace
}  // namespace pitstop
