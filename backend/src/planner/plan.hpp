#pragma once

#include <optional>
#include <string>
#include <vector>

#include "geo/lat_lon.hpp"
#include "parking/parking_spot.hpp"
#include "routing/route.hpp"

namespace pitstop {

// A plan request: both ends, the ride limit, the margin and the speed.
struct PlanRequest {
  LatLon from;
  LatLon to;
  std::string from_name;  // shown in output; empty means the coordinates
  std::string to_name;
  double ride_limit_s = 30 * 60;  // the pass's cap on one ride
  double margin_s = 2 * 60;       // kept free per ride for parking and unlocking
  double speed_kmh = CyclingProfile::kBaseSpeed_kmh;  // riding speed on a plain paved road
};

// A place where a ride starts or ends: the trip's start, a parking spot, or
// (in a plan that is not feasible) the destination itself.
struct PlanPlace {
  LatLon location;
  std::string name;
  std::optional<ParkingSpot> spot;
};

// One rental: unlock, ride, lock.
struct Ride {
  PlanPlace from;
  PlanPlace to;
  Route route;  // on the network, durations at the rider's speed
  std::vector<RouteStep> steps;
  double access_walk_m = 0.0;  // pushing the bike from `from` onto the network
  double egress_walk_m = 0.0;  // pushing it from the network to `to`
  double distance_m = 0.0;     // route plus both walks
  double duration_s = 0.0;     // route plus both walks: what counts against the limit
  bool within_budget = true;   // duration_s <= ride limit - margin
  double deviation_m = 0.0;    // how far `to` lies from the direct route to the destination
};

// The walk from the last parking spot to the destination, as the crow flies.
struct Walk {
  LatLon from;
  LatLon to;
  double distance_m = 0.0;
  double duration_s = 0.0;
};

// A trip cut into rides that each stay within the ride limit minus the margin.
struct Plan {
  bool feasible = true;
  double ride_limit_s = 0.0;
  double margin_s = 0.0;
  double speed_kmh = 0.0;
  PlanPlace start;
  PlanPlace destination;
  double start_snap_m = 0.0;
  double destination_snap_m = 0.0;
  std::vector<Ride> rides;
  Walk walk;
  std::vector<std::string> warnings;
  double total_distance_m = 0.0;  // rides and the final walk
  double total_time_s = 0.0;      // rides and the final walk
  double direct_duration_s = 0.0;  // one ride straight to the last spot, ignoring the limit
  // Plans along an alternative route only: the length that route and the
  // fastest route share, as a fraction of the shorter of the two.
  std::optional<double> shared_with_fastest;

  double ride_budget_s() const { return ride_limit_s - margin_s; }
  std::size_t pit_stop_count() const { return rides.empty() ? 0 : rides.size() - 1; }
};

}  // namespace pitstop
