#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "geo/lat_lon.hpp"

namespace pitstop {

// Kind of a searchable place. The enumerator order is not the ranking order,
// which kind_priority in place_ranking.hpp sets.
enum class PlaceKind { Coordinate, Station, Street, Place, Amenity, ParkingSpot, Address };

// Returns the lower-case name used in API output: "coordinate", "station",
// "street", "place", "amenity", "parking" or "address".
std::string_view to_string(PlaceKind kind);

// Address fields of an online geocoder's result, as OneMap sends them (all
// strings, empty where unknown).
struct PlaceAddress {
  std::string block_number;  // BLK_NO, e.g. "226B"
  std::string road_name;     // ROAD_NAME
  std::string building;      // BUILDING
  std::string full_address;  // ADDRESS
  std::string postal_code;   // POSTAL, six digits in Singapore
  std::string svy21_x;       // X, SVY21 metres
  std::string svy21_y;       // Y, SVY21 metres
};

// A named position that a rider can pick as a start or destination.
struct Place {
  std::string name;
  PlaceKind kind = PlaceKind::Place;
  std::string category;  // e.g. the OSM tag value "residential", or "mrt_station"
  LatLon location;
  std::string detail;  // e.g. the station codes "NS24 NE6 CC1", or a parking spot's rack type and id
  // Set only for results of an online geocoder. A pointer keeps the offline
  // index's places, which never have one, small.
  std::shared_ptr<const PlaceAddress> address = nullptr;
};

}  // namespace pitstop
