#include <gtest/gtest.h>

#include "planner/ride_minutes.hpp"

namespace pitstop {
namespace {

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
