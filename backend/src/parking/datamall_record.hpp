#pragma once

#include <stdexcept>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "parking/parking_spot.hpp"

namespace pitstop {

// A DataMall record that cannot become a parking spot. what() names the field
// and its value, e.g. "Latitude 95.5 is out of range -90..90".
class InvalidParkingRecord : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Converts one LTA DataMall BicycleParkingv2 record into a spot with an empty
// id. Latitude, Longitude and RackCount are required. They may be JSON numbers
// or numeric strings, and RackCount must be a whole number >= 0. Description
// and RackType are optional strings, trimmed of surrounding whitespace. An
// empty Description becomes "Bicycle parking (<RackType>)", or "Bicycle parking"
// without a rack type. ShelterIndicator is optional: "Y" means sheltered, and
// "N", "" or a missing field mean not sheltered (case-insensitive). Throws
// InvalidParkingRecord for a non-object record, a missing, non-finite or
// out-of-range coordinate, the position (0, 0), a negative or fractional rack
// count, a field of the wrong JSON type or another ShelterIndicator value.
ParkingSpot parse_datamall_record(const nlohmann::json& record, std::string_view source);

}  // namespace pitstop
