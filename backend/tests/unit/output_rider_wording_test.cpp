#include <gtest/gtest.h>

#include "output/rider_wording.hpp"

namespace pitstop {
namespace {

TEST(RackTypeWordsTest, OwnerRacks) {
  EXPECT_EQ(rack_type_words("HDB_RACKS"), "HDB racks");
  EXPECT_EQ(rack_type_words("MRT_RACKS"), "MRT racks");
}

TEST(RackTypeWordsTest, OwnerWithOwnSpelling) {
  EXPECT_EQ(rack_type_words("NPARKS_RACKS"), "NParks racks");
  EXPECT_EQ(rack_type_words("SPORTSG_RACKS"), "SportSG racks");
  EXPECT_EQ(rack_type_words("NANYANG POLY_RACKS"), "Nanyang Poly racks");
}

TEST(RackTypeWordsTest, OtherValuesGetSpaces) {
  EXPECT_EQ(rack_type_words("Yellow Box"), "Yellow Box");
  EXPECT_EQ(rack_type_words("Yellow_Box"), "Yellow Box");
  EXPECT_EQ(rack_type_words("hdb_RACKS"), "hdb RACKS");
  EXPECT_EQ(rack_type_words("_RACKS"), " RACKS");
}

TEST(RackTypeWordsTest, EmptyIsUnknown) { EXPECT_EQ(rack_type_words(""), "Unknown rack type"); }

TEST(RideMinutesTextTest, RoundsUpToTenth) {
  EXPECT_EQ(ride_minutes_text(761.0), "12.7");
  EXPECT_EQ(ride_minutes_text(726.1), "12.2");
}

TEST(RideMinutesTextTest, WholeTenthStays) {
  EXPECT_EQ(ride_minutes_text(720.0), "12.0");
  EXPECT_EQ(ride_minutes_text(762.0000001), "12.7");
  EXPECT_EQ(ride_minutes_text(0.0), "0.0");
}

}  // namespace
}  // namespace pitstop
