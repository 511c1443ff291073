#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "geo/lat_lon.hpp"
#include "ingest/cycling_profile.hpp"

namespace pitstop {

// The part of a route on one edge (or part of an edge at either end).
struct RoutePiece {
  std::uint32_t name_id = 0;
  WayType way_type = WayType::Residential;
  double length_m = 0.0;
  double duration_s = 0.0;
  std::uint32_t first_point = 0;  // index into Route::geometry where the piece starts
};

// One turn-by-turn instruction.
struct RouteStep {
  std::string maneuver;  // "depart", "turn", "continue", "arrive"
  std::string modifier;  // "left", "slight right", "straight", "uturn", … or empty
  std::string street_name;
  std::string instruction;  // e.g. "Turn left onto Bishan Road"
  double distance_m = 0.0;
  double duration_s = 0.0;
  LatLon location;
};

// A ridden path between two snapped points, with durations at the profile's base speed.
struct Route {
  double distance_m = 0.0;
  double duration_s = 0.0;
  std::vector<LatLon> geometry;
  std::vector<RoutePiece> pieces;
};

}  // namespace pitstop
