#pragma once

#include <cstddef>
#include <vector>

#include "contraction/bucket_search.hpp"
#include "contraction/contraction_hierarchy.hpp"
#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"
#include "parking/parking_index.hpp"
#include "planner/attached_spot.hpp"
#include "routing/edge_span.hpp"

namespace pitstop {

// A point on a fixed route: inside route span `span`, at geometry offset
// offset_m, time_s from the route's start at the profile's base speed.
struct RoutePoint {
  std::size_t span = 0;
  double offset_m = 0.0;
  double time_s = 0.0;
};

// A parking spot beside a fixed route. The rider leaves the route at
// `leave`, rides to the spot's access point, and after the pit stop rides
// back to the route at `rejoin`. Both are nodes of the route (or its start
// or end), often not the route point nearest the spot. On a one-way or
// divided road, a spot beside it is reached from a node before it and left
// towards a node after it, which avoids riding a loop back to that point.
struct CorridorSpot {
  std::size_t attached = 0;  // index into the planner's attached spots
  RoutePoint leave;
  RoutePoint rejoin;
  std::vector<EdgeSpan> to_spot;    // leave -> access point
  std::vector<EdgeSpan> from_spot;  // access point -> rejoin
  double to_spot_s = 0.0;    // base speed
  double from_spot_s = 0.0;  // base speed
};

struct CorridorSettings {
  // Spots whose access point lies farther than this from the route are not
  // used. Racks are sparse in places: the fastest plans use spots up to
  // several hundred metres off their route.
  double max_spot_distance_m = 800.0;
  // Spots whose ride from every node of the route (start and end included),
  // or whose ride to every node, is slower than this (base speed) are not used.
  double max_detour_s = 360.0;
};

// The attached spots beside `route` (spans in riding order), sorted by the
// time of their leave point. attached_by_spot maps a spot index to its index
// in `attached`, or to SIZE_MAX when the spot is not attached. spot_search
// gives the times between any point and the attached spots' access points,
// indexed like `attached`. Each spot's leave point is the node of the route
// (or its start) from which the spot is reached soonest after the route's
// start, and its rejoin point the one from which the rest of the route is
// finished soonest. Among points within a second of the best, the leave
// point is the latest and the rejoin point the earliest, so that rides keep
// to the route as long as the detour costs nothing.
// NOTE: the two points do not depend on the stops before and after, so a
// spot that rejoins after the next spot's leave point cannot precede it in
// a plan (see choose_corridor_stops), even where a real ride between them exists.
std::vector<CorridorSpot> find_corridor_spots(const RoadGraph& graph, const ContractionHierarchy& hierarchy,
                                              const std::vector<EdgeSpan>& route, const ParkingIndex& parking,
                                              const std::vector<AttachedSpot>& attached,
                                              const std::vector<std::size_t>& attached_by_spot,
                                              const BucketSearch& spot_search, const CorridorSettings& settings = {});

// The route's start and end as route points.
RoutePoint route_start(const std::vector<EdgeSpan>& route);
RoutePoint route_end(const RoadGraph& graph, const std::vector<EdgeSpan>& route);

// The spans of `route` from one of its points to a later one.
std::vector<EdgeSpan> route_slice(const std::vector<EdgeSpan>& route, const RoutePoint& from, const RoutePoint& to);

// A stop of a plan along a fixed route, in base-speed seconds: the start,
// a spot beside the route, or the final stop. The start and the final stop
// leave and rejoin the route where they lie, with no detour.
struct CorridorStop {
  double walk_s = 0.0;             // between the place and its access point, at walking speed
  double leave_position_s = 0.0;   // route time at the point where the ride to the stop leaves the route
  double leave_s = 0.0;            // from that point to the access point
  double rejoin_position_s = 0.0;  // route time at the point where the ride from the stop rejoins the route
  double rejoin_s = 0.0;           // from the access point to that point
};

// Chooses stops from `stops`, which are sorted by leave position, with the
// start first and the final stop last. A ride from stop i to a later stop j
// rejoins the route at i's rejoin point and leaves it at j's leave point, so
// it needs i's rejoin position to be at most j's leave position. It takes
// walk + scale * riding + walk and should keep within budget_s. The choice
// minimizes, in this order: the time by which the worst ride exceeds the
// budget (none when every stretch has spots within budget), the rides over
// budget, the rides, and the total time. Returns indices into `stops`, first
// and last included.
std::vector<std::size_t> choose_corridor_stops(const std::vector<CorridorStop>& stops, double scale,
                                               double budget_s);

}  // namespace pitstop
