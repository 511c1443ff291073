#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "parking/datamall_reader.hpp"
#include "parking/parking_id.hpp"
#include "parking/parking_load.hpp"

namespace pitstop {
namespace {

ParkingSpot make_spot(const std::string& description, LatLon location, int rack_count = 10) {
  ParkingSpot spot;
  spot.source = "lta-datamall";
  spot.description = description;
  spot.location = location;
  spot.rack_type = "HDB_RACKS";
  spot.rack_count = rack_count;
  spot.sheltered = true;
  return spot;
}

ParkingLoadResult make_load(std::vector<ParkingSpot> spots, std::size_t records_read,
                            std::size_t duplicates_dropped = 0) {
  ParkingLoadResult load;
  load.spots = std::move(spots);
  drop_duplicates_and_assign_ids(load.spots);
  load.records_read = records_read;
  load.duplicates_dropped = duplicates_dropped;
  return load;
}

TEST(ParkingFnv1a, MatchesReferenceValues) {
  // Expected values computed with an independent Python FNV-1a 64 loop.
  EXPECT_EQ(fnv1a_64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a_64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a_64("foobar"), 0x85944171f73967e8ULL);
}

TEST(ParkingFnv1a, ContinuesFromHash) {
  EXPECT_EQ(fnv1a_64("bar", fnv1a_64("foo")), fnv1a_64("foobar"));
}

TEST(ParkingBaseId, SeparatesFields) {
  ParkingSpot first = make_spot("Blk 1", {1.33, 103.85});
  first.rack_type = "0HDB";
  ParkingSpot second = make_spot("Blk 10", {1.33, 103.85});
  second.rack_type = "HDB";

  EXPECT_NE(make_parking_base_id(first), make_parking_base_id(second));
}

TEST(ParkingBaseId, IgnoresRackCountShelterAndId) {
  ParkingSpot first = make_spot("Blk 1", {1.33, 103.85}, 4);
  ParkingSpot second = make_spot("Blk 1", {1.33, 103.85}, 9);
  second.sheltered = false;
  second.id = "lta-previous";

  EXPECT_EQ(make_parking_base_id(first), make_parking_base_id(second));
}

TEST(ParkingDeduplication, OverwritesExistingIds) {
  std::vector<ParkingSpot> spots = {make_spot("Blk 1", {1.33, 103.85})};
  spots[0].id = "stale";

  drop_duplicates_and_assign_ids(spots);

  ASSERT_EQ(spots.size(), 1u);
  EXPECT_EQ(spots[0].id, make_parking_base_id(spots[0]));
}

TEST(ParkingDeduplication, DuplicateDoesNotConsumeSuffix) {
  std::vector<ParkingSpot> spots = {
      make_spot("Blk 1", {1.33, 103.85}, 4),
      make_spot("Blk 1", {1.33, 103.85}, 4),
      make_spot("Blk 1", {1.33, 103.85}, 6),
  };

  const std::size_t dropped_count = drop_duplicates_and_assign_ids(spots);

  EXPECT_EQ(dropped_count, 1u);
  ASSERT_EQ(spots.size(), 2u);
  EXPECT_EQ(spots[1].id, spots[0].id + "-2");
  EXPECT_EQ(spots[1].rack_count, 6);
}

TEST(ParkingMerge, DropsDuplicatesAcrossLoads) {
  ParkingLoadResult first =
      make_load({make_spot("Blk 1", {1.33, 103.85}), make_spot("Blk 2", {1.34, 103.85})}, 3, 1);
  ParkingLoadResult second =
      make_load({make_spot("Blk 2", {1.34, 103.85}), make_spot("Blk 3", {1.35, 103.85})}, 2);

  const ParkingLoadResult merged = merge_parking_loads({std::move(first), std::move(second)});

  EXPECT_EQ(merged.records_read, 5u);
  EXPECT_EQ(merged.duplicates_dropped, 2u);
  ASSERT_EQ(merged.spots.size(), 3u);
  EXPECT_EQ(merged.spots[0].description, "Blk 1");
  EXPECT_EQ(merged.spots[1].description, "Blk 2");
  EXPECT_EQ(merged.spots[2].description, "Blk 3");
}

TEST(ParkingMerge, SuffixesCollisionsAcrossLoads) {
  ParkingLoadResult first = make_load({make_spot("Blk 1", {1.33, 103.85}, 4)}, 1);
  ParkingLoadResult second = make_load({make_spot("Blk 1", {1.33, 103.85}, 8)}, 1);
  const std::string first_id = first.spots[0].id;
  ASSERT_EQ(second.spots[0].id, first_id);

  const ParkingLoadResult merged = merge_parking_loads({std::move(first), std::move(second)});

  ASSERT_EQ(merged.spots.size(), 2u);
  EXPECT_EQ(merged.spots[0].id, first_id);
  EXPECT_EQ(merged.spots[1].id, first_id + "-2");
  EXPECT_EQ(merged.spots[1].rack_count, 8);
}

TEST(ParkingMerge, KeepsRejectedRecordsOfEveryLoad) {
  ParkingLoadResult first = read_datamall_parking(R"([7, {"Latitude": 1.33}])", "first");
  ParkingLoadResult second = read_datamall_parking(R"(["x"])", "second");

  const ParkingLoadResult merged = merge_parking_loads({std::move(first), std::move(second)});

  EXPECT_EQ(merged.records_read, 3u);
  ASSERT_EQ(merged.rejected.size(), 3u);
  EXPECT_EQ(merged.rejected[0].input_name, "first");
  EXPECT_EQ(merged.rejected[1].record_index, 1u);
  EXPECT_EQ(merged.rejected[2].input_name, "second");
  EXPECT_EQ(merged.rejected[2].record_index, 0u);
}

TEST(ParkingMerge, EmptyListGivesEmptyResult) {
  const ParkingLoadResult merged = merge_parking_loads({});

  EXPECT_EQ(merged.records_read, 0u);
  EXPECT_TRUE(merged.spots.empty());
}

}  // namespace
}  // namespace pitstop
