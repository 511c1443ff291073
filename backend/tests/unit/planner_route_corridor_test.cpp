// Spots beside a fixed route, where rides leave and rejoin the route for
// them, and choosing pit stops among them: the fewest rides within budget,
// and the shortest possible ride where a stretch has no spot within budget.

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "contraction/bucket_search.hpp"
#include "contraction/contraction_hierarchy.hpp"
#include "contraction/hierarchy_builder.hpp"
#include "contraction/hierarchy_query.hpp"
#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"
#include "graph/road_graph_builder.hpp"
#include "ingest/cycling_profile.hpp"
#include "ingest/road_network.hpp"
#include "parking/parking_index.hpp"
#include "planner/attached_spot.hpp"
#include "planner/route_corridor.hpp"
#include "support/hand_made_network.hpp"

namespace pitstop {
namespace {

using testing::grid_location;
using testing::make_segment;

// Stops that leave and rejoin the route at these route times, with no walks and no detours.
std::vector<CorridorStop> stops_at(const std::vector<double>& positions_s) {
  std::vector<CorridorStop> stops;
  for (double position_s : positions_s) stops.push_back(CorridorStop{0.0, position_s, 0.0, position_s, 0.0});
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

// A one-way road east along row 0, columns 0 to 20, and a two-way side road
// that branches off it at column 8, runs along row 1 and comes back at
// column 12. One spot is on the side road at column 10, 111 m north of
// the main road. Its nearest route point is the main road's node 10, but
// no road leads from there to the spot. From node 10 a rider must go on to
// column 12 and back along the side road. From the spot back to node 10, a
// rider must ride back to column 8 first. Each way takes 5 blocks of
// 111 m, about 133 s at the base speed, while leaving at column 8 and
// rejoining at column 12 takes 3 blocks each way. A two-way road two rows
// south joins the main road's ends, so that every node can reach every
// other, which snapping needs.
struct SideRoadWorld {
  RoadGraph graph;
  std::unique_ptr<ContractionHierarchy> hierarchy;
  std::unique_ptr<ParkingIndex> parking;
  std::vector<AttachedSpot> attached;
  std::vector<std::size_t> attached_by_spot;
  std::unique_ptr<BucketSearch> spot_search;
  std::vector<EdgeSpan> route;
  double block_s = 0.0;  // base-speed time of one 111 m block of the main road
};

std::unique_ptr<SideRoadWorld> make_side_road_world() {
  RoadNetwork network;
  std::vector<std::uint32_t> main_road;
  for (int column = 0; column <= 20; ++column) {
    network.node_locations.push_back(grid_location(0, column));
    main_road.push_back(static_cast<std::uint32_t>(network.node_locations.size() - 1));
  }
  std::vector<std::uint32_t> side_road{main_road[8]};
  for (int column = 8; column <= 12; ++column) {
    network.node_locations.push_back(grid_location(1, column));
    side_road.push_back(static_cast<std::uint32_t>(network.node_locations.size() - 1));
  }
  side_road.push_back(main_road[12]);
  // The way back west, two rows south, so that every node can reach every other.
  std::vector<std::uint32_t> return_road{main_road.back()};
  for (int column = 20; column >= 0; --column) {
    network.node_locations.push_back(grid_location(-2, column));
    return_road.push_back(static_cast<std::uint32_t>(network.node_locations.size() - 1));
  }
  return_road.push_back(main_road.front());

  for (std::size_t i = 0; i + 1 < main_road.size(); ++i) {
    network.segments.push_back(make_segment(network, main_road[i], main_road[i + 1], true, false));
  }
  for (const auto* road : {&side_road, &return_road}) {
    for (std::size_t i = 0; i + 1 < road->size(); ++i) {
      network.segments.push_back(make_segment(network, (*road)[i], (*road)[i + 1], true, true));
    }
  }

  auto world = std::make_unique<SideRoadWorld>();
  world->graph = build_road_graph(network);
  world->hierarchy = std::make_unique<ContractionHierarchy>(build_contraction_hierarchy(world->graph));

  ParkingSpot spot;
  spot.id = "side-road-10";
  spot.source = "test";
  spot.description = "Rack on the side road";
  spot.location = grid_location(1, 10);
  spot.rack_count = 10;
  world->parking = std::make_unique<ParkingIndex>(std::vector<ParkingSpot>{spot});
  const EdgeSnapper snapper(world->graph);
  world->attached = attach_spots_to_network(world->graph, snapper, world->parking->spots(), 100.0);
  world->attached_by_spot.assign(world->parking->spots().size(), std::numeric_limits<std::size_t>::max());
  std::vector<SnappedPoint> access_points;
  for (std::size_t i = 0; i < world->attached.size(); ++i) {
    world->attached_by_spot[world->attached[i].spot_index] = i;
    access_points.push_back(world->attached[i].access);
  }
  world->spot_search = std::make_unique<BucketSearch>(world->graph, *world->hierarchy, std::move(access_points));

  const LatLon start = grid_location(0, 0);
  const LatLon end = grid_location(0, 20);
  const auto from = snapper.nearest({start.lat, start.lon + 0.0002}, 50.0);
  const auto to = snapper.nearest({end.lat, end.lon - 0.0002}, 50.0);
  const auto fastest = find_hierarchy_path(world->graph, *world->hierarchy, *from, *to);
  if (fastest) world->route = fastest->spans;
  const double base_speed_mps = CyclingProfile::kBaseSpeed_kmh / 3.6;
  world->block_s = haversine_m(grid_location(0, 0), grid_location(0, 1)) / base_speed_mps;
  return world;
}

std::vector<CorridorSpot> side_road_spots(const SideRoadWorld& world, const CorridorSettings& settings = {}) {
  return find_corridor_spots(world.graph, *world.hierarchy, world.route, *world.parking, world.attached,
                             world.attached_by_spot, *world.spot_search, settings);
}

// The nodes where the route span `span` starts and ends.
LatLon span_start(const SideRoadWorld& world, std::size_t span) {
  return world.graph.node_locations[world.graph.edges[world.route[span].edge].source];
}
LatLon span_end(const SideRoadWorld& world, std::size_t span) {
  return world.graph.node_locations[world.graph.edges[world.route[span].edge].target];
}

TEST(CorridorSpots, RideLeavesWhereARoadLeadsToTheSpot) {
  const auto world = make_side_road_world();
  ASSERT_FALSE(world->route.empty());
  ASSERT_EQ(world->attached.size(), 1u);

  const auto spots = side_road_spots(*world);

  ASSERT_EQ(spots.size(), 1u);
  const CorridorSpot& spot = spots.front();
  EXPECT_EQ(span_end(*world, spot.leave.span), grid_location(0, 8));
  EXPECT_EQ(span_start(*world, spot.rejoin.span), grid_location(0, 12));
  // The route starts 0.0002 degrees (about 22 m) east of node 0, so node c
  // lies c - 0.2 blocks from its start.
  EXPECT_NEAR(spot.leave.time_s, 7.8 * world->block_s, 0.5);
  EXPECT_NEAR(spot.rejoin.time_s, 11.8 * world->block_s, 0.5);
  EXPECT_NEAR(spot.to_spot_s, 3 * world->block_s, 0.5);
  EXPECT_NEAR(spot.from_spot_s, 3 * world->block_s, 0.5);
}

TEST(CorridorSpots, DetourLimitAppliesToTheBestJoinPoints) {
  // Measured to and from node 10, the nearest route point, the detour takes
  // 5 blocks (about 133 s) each way and a 4-block limit drops the spot. From
  // the side road's ends it takes 3 blocks, within that limit.
  const auto world = make_side_road_world();
  CorridorSettings settings;
  settings.max_detour_s = 4 * world->block_s;
  EXPECT_EQ(side_road_spots(*world, settings).size(), 1u);

  settings.max_detour_s = 2 * world->block_s;
  EXPECT_TRUE(side_road_spots(*world, settings).empty());
}

TEST(CorridorStops, LeaveAndRejoinPositionsSetTheRideTimes) {
  // The spot of SideRoadWorld in CorridorStop terms, with a 100 s block and
  // a 2000 s route: the start, the spot (leave at 780 s plus 300 s, rejoin
  // at 1180 s after 300 s) and the end. 0 -> spot takes 1080 s and
  // spot -> end 1120 s, both within a 1150 s budget. Measured at the
  // nearest route point (980 s, 500 s each way) they would take 1480 s and
  // 1520 s.
  const std::vector<CorridorStop> stops{CorridorStop{0.0, 0.0, 0.0, 0.0, 0.0},
                                        CorridorStop{0.0, 780.0, 300.0, 1180.0, 300.0},
                                        CorridorStop{0.0, 2000.0, 0.0, 2000.0, 0.0}};
  const auto chain = choose_corridor_stops(stops, 1.0, 1150.0);
  EXPECT_EQ(chain, (std::vector<std::size_t>{0, 1, 2}));
}

TEST(CorridorStops, RideCannotRejoinAfterTheNextStopLeaves) {
  // Stop 1 rejoins the route at 600 s, 300 s after its pit stop, and stop 2
  // leaves it at 500 s. Riding 1 -> 2 would need a way back along the
  // route, so 0 -> 1 -> 2 -> 3, all within 450 s if 1 -> 2 were allowed, is
  // not a plan. Of the real ones, 0 -> 2 -> 3 exceeds the budget least
  // (0 -> 2 by 50 s), while 0 -> 1 -> 3 has 1 -> 3 over by 150 s.
  std::vector<CorridorStop> stops = stops_at({0, 300, 500, 900});
  stops[1].rejoin_position_s = 600.0;
  stops[1].rejoin_s = 300.0;
  const auto chain = choose_corridor_stops(stops, 1.0, 450.0);
  EXPECT_EQ(chain, (std::vector<std::size_t>{0, 2, 3}));
}

}  // namespace
}  // namespace pitstop
