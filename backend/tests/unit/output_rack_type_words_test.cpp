#include <gtest/gtest.h>

#include "output/rack_type_words.hpp"

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

}  // namespace
}  // namespace pitstop
