#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "parking/datamall_reader.hpp"

namespace pitstop {
namespace {

const std::string kParkingFile =
    std::string(PITSTOP_DATA_DIR) + "/parking/lta-bicycle-parking-central-2026-02.json";

TEST(ParkingRealFile, ReadsAllRecords) {
  const ParkingLoadResult result = read_datamall_parking_file(kParkingFile);

  EXPECT_EQ(result.records_read, 2542u);
  EXPECT_TRUE(result.rejected.empty());
  EXPECT_EQ(result.duplicates_dropped, 0u);
  EXPECT_EQ(result.spots.size(), 2542u);
}

TEST(ParkingRealFile, SpotIdsAreUnique) {
  const ParkingLoadResult result = read_datamall_parking_file(kParkingFile);

  std::set<std::string> ids;
  for (const ParkingSpot& spot : result.spots) {
    EXPECT_TRUE(ids.insert(spot.id).second) << "repeated id " << spot.id;
  }
}

TEST(ParkingRealFile, SharedDescriptionsKeepBothPlaces) {
  const ParkingLoadResult result = read_datamall_parking_file(kParkingFile);
  std::map<std::string, int> spot_count_by_description;
  for (const ParkingSpot& spot : result.spots) ++spot_count_by_description[spot.description];

  // Each of these descriptions names two places, 4 m to 283 m apart.
  for (const char* description : {"570117-1", "310219-2", "310240-2", "570256-4", "570239-3"}) {
    EXPECT_EQ(spot_count_by_description[description], 2) << description;
  }
}

TEST(ParkingRealFile, IdsStableAcrossLoads) {
  const ParkingLoadResult first = read_datamall_parking_file(kParkingFile);
  const ParkingLoadResult second = read_datamall_parking_file(kParkingFile);

  ASSERT_EQ(first.spots.size(), second.spots.size());
  for (std::size_t i = 0; i < first.spots.size(); ++i) {
    EXPECT_EQ(first.spots[i].id, second.spots[i].id);
  }
}

}  // namespace
}  // namespace pitstop
