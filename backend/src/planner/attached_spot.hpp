#pragma once

#include <vector>

#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"
#include "parking/parking_spot.hpp"

namespace pitstop {

// A parking spot joined to the cycling network: the rider pushes the bike
// between the spot and `access` (snap_distance_m), and that walk counts
// against the ride.
struct AttachedSpot {
  std::size_t spot_index = 0;  // into the planner's spot list
  SnappedPoint access;
};

// Joins every spot within max_distance_m of a rideable way to the network,
// preferring a way on a piece of network with at least min_component_nodes
// junctions, so that a rack beside an isolated footpath joins the main network
// when that is in reach too. Spots farther away are left out and counted in the log.
std::vector<AttachedSpot> attach_spots_to_network(const RoadGraph& graph, const EdgeSnapper& snapper,
                                                  const std::vector<ParkingSpot>& spots,
                                                  double max_distance_m,
                                                  std::uint32_t min_component_nodes = 100);

}  // namespace pitstop
