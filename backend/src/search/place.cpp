#include "search/place.hpp"

namespace pitstop {

std::string_view to_string(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::Coordinate:
      return "coordinate";
    case PlaceKind::Station:
      return "station";
    case PlaceKind::Street:
      return "street";
    case PlaceKind::Place:
      return "place";
    case PlaceKind::Amenity:
      return "amenity";
    case PlaceKind::ParkingSpot:
      return "parking";
    case PlaceKind::Address:
      return "address";
  }
  return "unknown";
}

}  // namespace pitstop
