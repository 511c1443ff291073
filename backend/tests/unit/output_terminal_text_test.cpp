#include <string>

#include <gtest/gtest.h>

#include "output/plan_text.hpp"
#include "output/terminal_text.hpp"

namespace pitstop {
namespace {

const std::string kReplacement = "\xEF\xBF\xBD";

TEST(TerminalSafe, KeepsPrintableUtf8) {
  EXPECT_EQ(terminal_safe("Bishan St 22, Café 咖啡 🚲"), "Bishan St 22, Café 咖啡 🚲");
}

TEST(TerminalSafe, ReplacesEscapeSequence) {
  EXPECT_EQ(terminal_safe("a\x1b[2Jb"), "a" + kReplacement + "[2Jb");
}

TEST(TerminalSafe, ReplacesNewlineTabAndDelete) {
  EXPECT_EQ(terminal_safe("a\nb\tc\x7f"), "a" + kReplacement + "b" + kReplacement + "c" + kReplacement);
}

TEST(TerminalSafe, ReplacesC1Csi) {
  EXPECT_EQ(terminal_safe("a\xC2\x9B" "31mb"), "a" + kReplacement + "31mb");
}

TEST(TerminalSafe, ReplacesInvalidUtf8Bytes) {
  EXPECT_EQ(terminal_safe("a\x9b" "b"), "a" + kReplacement + "b");
  EXPECT_EQ(terminal_safe("\xC0\xAF"), kReplacement + kReplacement);
  EXPECT_EQ(terminal_safe("\xED\xA0\x80"), kReplacement + kReplacement + kReplacement);
  EXPECT_EQ(terminal_safe("end\xE4\xB8"), "end" + kReplacement + kReplacement);
}

TEST(PlanText, DataNamesCannotInjectControls) {
  Plan plan;
  plan.ride_limit_s = 30 * 60;
  plan.margin_s = 2 * 60;
  plan.start.name = "Home\x1b]0;owned\x07";
  plan.destination.name = "Work\nWarning: fake line";
  Ride ride;
  ride.to.name = plan.destination.name;
  ParkingSpot spot;
  spot.description = "Rack\x1b[8m hidden";
  spot.rack_type = "HDB\r";
  ride.to.spot = spot;
  ride.steps.push_back(RouteStep{});
  ride.steps.back().instruction = "Turn left onto \x1b[1mLorong\x1b[0m";
  plan.rides.push_back(ride);
  plan.walk.distance_m = 50;
  plan.warnings.push_back("stretch near \x9b" "31m");

  const std::string text = plan_to_text(plan, true);
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_EQ(text.find('\x07'), std::string::npos) << text;
  EXPECT_EQ(text.find('\r'), std::string::npos) << text;
  EXPECT_EQ(text.find("\nWarning: fake line"), std::string::npos) << text;
  EXPECT_NE(text.find("Work" + kReplacement + "Warning: fake line"), std::string::npos) << text;
}

}  // namespace
}  // namespace pitstop
