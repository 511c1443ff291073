#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "geo/errors.hpp"
#include "geo/lat_lon.hpp"
#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"
#include "graph/road_graph_builder.hpp"
#include "ingest/road_network.hpp"
#include "support/hand_made_network.hpp"

namespace pitstop {
namespace {

using testing::polyline_length_m;

// Adds a two-way segment along `geometry`, whose ends must be the two nodes' locations.
void add_segment(RoadNetwork& network, std::uint32_t from, std::uint32_t to, std::vector<LatLon> geometry) {
  RoadSegment segment;
  segment.from_node = from;
  segment.to_node = to;
  segment.geometry = std::move(geometry);
  segment.length_m = polyline_length_m(segment.geometry);
  segment.forward = true;
  segment.backward = true;
  network.segments.push_back(segment);
}

// One straight east-west segment, about 222 m long.
RoadGraph make_straight_road() {
  RoadNetwork network;
  network.node_locations = {{1.300, 103.800}, {1.300, 103.802}};
  add_segment(network, 0, 1, network.node_locations);
  return build_road_graph(network);
}

// Piece A, three nodes along latitude 1.300 (component 0), and piece B, two
// nodes along latitude 1.302 (component 1), about 222 m apart.
RoadGraph make_two_pieces() {
  RoadNetwork network;
  network.node_locations = {{1.300, 103.800}, {1.300, 103.801}, {1.300, 103.802},
                            {1.302, 103.800}, {1.302, 103.802}};
  add_segment(network, 0, 1, {network.node_locations[0], network.node_locations[1]});
  add_segment(network, 1, 2, {network.node_locations[1], network.node_locations[2]});
  add_segment(network, 3, 4, {network.node_locations[3], network.node_locations[4]});
  return build_road_graph(network);
}

template <typename Call>
std::string snap_error_message(Call&& call) {
  try {
    call();
  } catch (const SnapError& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected a SnapError";
  return "";
}

TEST(EdgeSnapper, ProjectsOntoSegmentInterior) {
  const RoadGraph graph = make_straight_road();
  const EdgeSnapper snapper(graph);
  const LatLon query{1.3003, 103.8007};
  const LatLon foot{1.300, 103.8007};  // perpendicular foot on the road

  const auto snapped = snapper.nearest(query, 100.0);
  ASSERT_TRUE(snapped.has_value());
  EXPECT_EQ(snapped->input, query);
  EXPECT_EQ(snapped->geometry, 0u);
  EXPECT_EQ(snapped->component, 0u);
  EXPECT_NEAR(snapped->location.lat, foot.lat, 1e-7);
  EXPECT_NEAR(snapped->location.lon, foot.lon, 1e-7);
  EXPECT_GT(haversine_m(snapped->location, graph.node_locations[0]), 50.0);
  EXPECT_GT(haversine_m(snapped->location, graph.node_locations[1]), 50.0);
  EXPECT_NEAR(snapped->offset_m, haversine_m(graph.node_locations[0], foot), 0.05);
  EXPECT_NEAR(snapped->snap_distance_m, haversine_m(query, foot), 0.05);
  EXPECT_NEAR(snapped->snap_distance_m, haversine_m(query, snapped->location), 1e-6);
}

TEST(EdgeSnapper, OffsetAcrossBentGeometry) {
  // One segment with a bend: east for about 222 m, then north for about 222 m.
  RoadNetwork network;
  network.node_locations = {{1.300, 103.800}, {1.302, 103.802}};
  const LatLon bend{1.300, 103.802};
  add_segment(network, 0, 1, {network.node_locations[0], bend, network.node_locations[1]});
  const RoadGraph graph = build_road_graph(network);
  const EdgeSnapper snapper(graph);

  const LatLon query{1.3012, 103.8023};
  const LatLon foot{1.3012, 103.802};
  const auto snapped = snapper.nearest(query, 100.0);
  ASSERT_TRUE(snapped.has_value());
  EXPECT_NEAR(snapped->location.lat, foot.lat, 1e-7);
  EXPECT_NEAR(snapped->location.lon, foot.lon, 1e-7);
  const double expected_offset_m = haversine_m(network.node_locations[0], bend) + haversine_m(bend, foot);
  EXPECT_NEAR(snapped->offset_m, expected_offset_m, 0.05);
  EXPECT_NEAR(snapped->snap_distance_m, haversine_m(query, foot), 0.05);
}

TEST(EdgeSnapper, ClampsToSegmentEnd) {
  const RoadGraph graph = make_straight_road();
  const EdgeSnapper snapper(graph);
  const LatLon query{1.3001, 103.8025};  // east of the road's end

  const auto snapped = snapper.nearest(query, 100.0);
  ASSERT_TRUE(snapped.has_value());
  EXPECT_EQ(snapped->location, graph.node_locations[1]);
  EXPECT_NEAR(snapped->offset_m, graph.geometry_length_m[0], 1e-6);
  EXPECT_LE(snapped->offset_m, graph.geometry_length_m[0]);
  EXPECT_NEAR(snapped->snap_distance_m, haversine_m(query, graph.node_locations[1]), 1e-6);
}

TEST(EdgeSnapper, RejectsBeyondMaxDistance) {
  const RoadGraph graph = make_straight_road();
  const EdgeSnapper snapper(graph);
  const LatLon query{1.3018, 103.801};  // about 200 m north of the road

  EXPECT_FALSE(snapper.nearest(query, 100.0).has_value());
  EXPECT_TRUE(snapper.candidates(query, 100.0).empty());
  EXPECT_FALSE(snapper.nearest(query, 199.0).has_value());

  const auto snapped = snapper.nearest(query, 250.0);
  ASSERT_TRUE(snapped.has_value());
  EXPECT_NEAR(snapped->snap_distance_m, haversine_m(query, {1.300, 103.801}), 0.05);
}

TEST(EdgeSnapper, RejectsInvalidPoint) {
  const RoadGraph graph = make_straight_road();
  const EdgeSnapper snapper(graph);
  EXPECT_TRUE(snapper.candidates({95.0, 103.8}, 1e9).empty());
  EXPECT_FALSE(snapper.nearest({std::nan(""), 103.8}, 1e9).has_value());
}

TEST(EdgeSnapper, CandidatesOnePerComponent) {
  const RoadGraph graph = make_two_pieces();
  ASSERT_EQ(graph.component_node_count, (std::vector<std::uint32_t>{3, 2}));
  const EdgeSnapper snapper(graph);
  const LatLon query{1.3012, 103.8015};  // about 89 m from piece B, 133 m from piece A

  const auto candidates = snapper.candidates(query, 500.0);
  ASSERT_EQ(candidates.size(), 2u);
  EXPECT_EQ(candidates[0].component, 1u);
  EXPECT_EQ(candidates[1].component, 0u);
  EXPECT_LT(candidates[0].snap_distance_m, candidates[1].snap_distance_m);
  EXPECT_NEAR(candidates[0].snap_distance_m, haversine_m(query, {1.302, 103.8015}), 0.05);
  EXPECT_NEAR(candidates[1].snap_distance_m, haversine_m(query, {1.300, 103.8015}), 0.05);
  // Piece A's nearest point lies on its second segment, 1.300,103.801 to 1.300,103.802.
  EXPECT_EQ(candidates[1].geometry, 1u);
}

TEST(EdgeSnapper, CandidatesWithinMaxDistanceOnly) {
  const RoadGraph graph = make_two_pieces();
  const EdgeSnapper snapper(graph);
  const auto candidates = snapper.candidates({1.3012, 103.8015}, 100.0);
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_EQ(candidates[0].component, 1u);
}

TEST(EdgeSnapper, SkipsOnewayLinkBetweenComponents) {
  // Segment 0 joins nodes 0-1 both ways. Segment 1 leads one way from node 1
  // to the dead end at node 2, so a point on it could not ride back.
  RoadNetwork network;
  network.node_locations = {{1.300, 103.800}, {1.300, 103.801}, {1.300, 103.802}};
  add_segment(network, 0, 1, {network.node_locations[0], network.node_locations[1]});
  add_segment(network, 1, 2, {network.node_locations[1], network.node_locations[2]});
  network.segments[1].backward = false;
  const RoadGraph graph = build_road_graph(network);
  ASSERT_EQ(graph.geometry_component(1), kInvalidId);
  const EdgeSnapper snapper(graph);
  const LatLon query{1.3001, 103.8015};  // 11 m from segment 1, 56 m from segment 0

  const auto candidates = snapper.candidates(query, 100.0);
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_EQ(candidates[0].geometry, 0u);
  EXPECT_EQ(candidates[0].location, graph.node_locations[1]);
  EXPECT_TRUE(snapper.candidates(query, 30.0).empty());
}

TEST(SnapTrip, PrefersSharedComponent) {
  const RoadGraph graph = make_two_pieces();
  const EdgeSnapper snapper(graph);
  // The start is nearer piece B, but the destination reaches piece A only.
  const SnappedTrip trip = snap_trip(snapper, graph, {1.3012, 103.8015}, {1.2999, 103.8005}, 150.0);
  EXPECT_EQ(trip.start.component, 0u);
  EXPECT_EQ(trip.destination.component, 0u);
  EXPECT_NEAR(trip.start.snap_distance_m, haversine_m({1.3012, 103.8015}, {1.300, 103.8015}), 0.05);
}

TEST(SnapTrip, FarStartThrows) {
  const RoadGraph graph = make_two_pieces();
  const EdgeSnapper snapper(graph);
  const LatLon far{1.3200, 103.8300};
  const LatLon near{1.2999, 103.8005};

  EXPECT_THROW(snap_trip(snapper, graph, far, near, 300.0), SnapError);
  const std::string message = snap_error_message([&] { snap_trip(snapper, graph, far, near, 300.0); });
  EXPECT_NE(message.find(format_lat_lon(far)), std::string::npos) << message;
  EXPECT_NE(message.find("start"), std::string::npos) << message;
}

TEST(SnapTrip, FarDestinationThrows) {
  const RoadGraph graph = make_two_pieces();
  const EdgeSnapper snapper(graph);
  const LatLon near{1.2999, 103.8005};
  const LatLon far{1.3200, 103.8300};

  EXPECT_THROW(snap_trip(snapper, graph, near, far, 300.0), SnapError);
  const std::string message = snap_error_message([&] { snap_trip(snapper, graph, near, far, 300.0); });
  EXPECT_NE(message.find(format_lat_lon(far)), std::string::npos) << message;
  EXPECT_NE(message.find("destination"), std::string::npos) << message;
}

TEST(SnapTrip, DisconnectedPiecesThrow) {
  const RoadGraph graph = make_two_pieces();
  const EdgeSnapper snapper(graph);
  const LatLon start{1.2999, 103.8005};        // 11 m from piece A, 233 m from piece B
  const LatLon destination{1.3021, 103.8005};  // 11 m from piece B, 233 m from piece A

  EXPECT_THROW(snap_trip(snapper, graph, start, destination, 100.0), SnapError);
  const std::string message =
      snap_error_message([&] { snap_trip(snapper, graph, start, destination, 100.0); });
  EXPECT_NE(message.find(format_lat_lon(start)), std::string::npos) << message;
  EXPECT_NE(message.find(format_lat_lon(destination)), std::string::npos) << message;
  EXPECT_NE(message.find("not connected"), std::string::npos) << message;
}

TEST(SnapTrip, SnapErrorIsInputError) {
  const RoadGraph graph = make_two_pieces();
  const EdgeSnapper snapper(graph);
  EXPECT_THROW(snap_trip(snapper, graph, {1.32, 103.83}, {1.2999, 103.8005}, 300.0), InputError);
}

}  // namespace
}  // namespace pitstop
