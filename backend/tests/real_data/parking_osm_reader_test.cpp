#include <set>
#include <string>

#include <gtest/gtest.h>

#include "geo/errors.hpp"
#include "parking/osm_parking_reader.hpp"
#include "real_data/real_data_fixture.hpp"

namespace pitstop {
namespace {

TEST(ParkingOsmReader, MonacoBicycleParking) {
  const ParkingLoadResult result = read_osm_bicycle_parking(testing::data_file("osm/monaco-2020-02.osm.pbf"));
  ASSERT_GT(result.spots.size(), 0u);
  EXPECT_EQ(result.records_read, result.spots.size() + result.duplicates_dropped + result.rejected.size());

  std::set<std::string> ids;
  for (const ParkingSpot& spot : result.spots) {
    EXPECT_EQ(spot.source, "osm");
    EXPECT_EQ(spot.id.rfind("osm-", 0), 0u) << spot.id;
    EXPECT_TRUE(spot.source_key.rfind("node/", 0) == 0 || spot.source_key.rfind("way/", 0) == 0) << spot.source_key;
    EXPECT_GT(spot.location.lat, 43.7);
    EXPECT_LT(spot.location.lat, 43.76);
    EXPECT_GE(spot.rack_count, 0);
    EXPECT_FALSE(spot.description.empty());
    ids.insert(spot.id);
  }
  EXPECT_EQ(ids.size(), result.spots.size());
}

TEST(ParkingOsmReader, SameFileSameIds) {
  const std::string path = testing::data_file("osm/monaco-2020-02.osm.pbf");
  const ParkingLoadResult first = read_osm_bicycle_parking(path);
  const ParkingLoadResult second = read_osm_bicycle_parking(path);
  ASSERT_EQ(first.spots.size(), second.spots.size());
  for (std::size_t i = 0; i < first.spots.size(); ++i) EXPECT_EQ(first.spots[i].id, second.spots[i].id);
}

TEST(ParkingOsmReader, MissingFileNamed) {
  try {
    read_osm_bicycle_parking("/nonexistent/extract.osm.pbf");
    FAIL() << "read a missing file";
  } catch (const DataFileError& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent/extract.osm.pbf"), std::string::npos);
  }
}

}  // namespace
}  // namespace pitstop
