#pragma once

#include <string>
#include <string_view>

#include "geo/lat_lon.hpp"

namespace pitstop {

// Kind of a searchable place. The enumerator order is not the ranking order,
// which kind_priority in place_ranking.hpp sets.
enum class PlaceKind { Coordinate, Station, Street, Place, Amenity, ParkingSpot };

// Returns the lower-case name used in API output: "coordinate", "station",
// "street", "place", "amenity" or "parking".
std::string_view to_string(PlaceKind kind);

// A named position that a rider can pick as a start or destination.
struct Place {
  std::string name;
  PlaceKind kind = PlaceKind::Place;
  std::string category;  // e.g. the OSM tag value "residential", or "mrt_station"
  LatLon location;
  std::string detail;  // e.g. the station codes "NS24 NE6 CC1", or a parking spot's rack type and id
};

}  // namespace pitstop
