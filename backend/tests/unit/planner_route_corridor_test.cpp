// Choosing pit stops along a fixed route: the fewest rides within budget,
// and the shortest possible ride where a stretch has no spot within budget.

#include <gtest/gtest.h>

#include <vector>

#include "planner/route_corridor.hpp"

namespace pitstop {
namespace {

// Stops at these junction times, with no walks and no detours.
std::vector<CorridorStop> stops_at(const std::vector<double>& positions_s) {
  std::vector<CorridorStop> stops;
  for (double position_s : positions_s) stops.push_back(CorridorStop{0.0, position_s, 0.0, 0.0});
  return stops;
}

TEST(CorridorStops, NoStopWithinBudget) {
  const auto chain = choose_corridor_stops(stops_at({0, 100, 200, 500}), 1.0, 600.0);
  EXPECT_EQ(chain, (std::vector<std::size_t>{0, 3}));
}

TEST(CorridorStops, FewestRidesThenLeastTime) {
  // 0 -> 500 -> 1000 and 0 -> 400 -> 1000 are both two rides within 600 s.
  // The spot at 400 costs a detour, so the spot at 500 wins.
  std::vector<CorridorStop> stops = stops_at({0, 300, 400, 500, 1000});
  stops[2].leave_s = 30.0;
  stops[2].rejoin_s = 30.0;
  const auto chain = choose_corridor_stops(stops, 1.0, 600.0);
  EXPECT_EQ(chain, (std::vector<std::size_t>{0, 3, 4}));
}

TEST(CorridorStops, WalksAndSpeedCountAgainstTheBudget) {
  // At half the base speed (scale 2) a 250 s stretch takes 500 s, and the
  // 60 s walk at the spot pushes 0 -> 250 over 540 s.
  std::vector<CorridorStop> stops = stops_at({0, 200, 250, 450});
  stops[2].walk_s = 60.0;
  const auto chain = choose_corridor_stops(stops, 2.0, 540.0);
  EXPECT_EQ(chain, (std::vector<std::size_t>{0, 1, 3}));
}

TEST(CorridorStops, GapLimitsRidesOverBudget) {
  // No spot between 100 and 900: the ride over that gap must exceed the
  // 300 s budget. The plan still stops at 100 and 900 so that only that one
  // ride is over, rather than riding 0 -> 1000 in one go.
  const auto chain = choose_corridor_stops(stops_at({0, 50, 100, 900, 1000}), 1.0, 300.0);
  EXPECT_EQ(chain, (std::vector<std::size_t>{0, 2, 3, 4}));
}

TEST(CorridorStops, StopsBehindOnTheRouteAreNeverChosen) {
  // Sorted input is the contract, because a stop cannot be reached from a later one.
  const auto chain = choose_corridor_stops(stops_at({0, 250, 500, 750}), 1.0, 260.0);
  EXPECT_EQ(chain, (std::vector<std::size_t>{0, 1, 2, 3}));
}

}  // namespace
}  // namespace pitstop
