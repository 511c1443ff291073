#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "geo/lat_lon.hpp"

namespace pitstop {

// A bicycle parking spot: one or more racks at one place where a shared-bike
// ride may end.
struct ParkingSpot {
  // Stable across reloads of the same source data: derived from the source,
  // description, position (rounded to about 1 m) and rack type, not from the
  // record's position in the file. Example: "lta-3f9a0c12d4e5b6a7". Distinct
  // spots that share all four get "-2", "-3", ... in file order.
  std::string id;
  std::string source;  // "lta-datamall", "osm", or a file's source name
  // The record's key in its source: DataMall's Description (not unique), or
  // the OSM object, e.g. "node/123".
  std::string source_key;
  std::string description;
  LatLon location;
  std::string rack_type;  // DataMall RackType, e.g. "HDB_RACKS", "MRT_RACKS"
  int rack_count = 0;
  bool sheltered = false;  // DataMall ShelterIndicator "Y"
};

// A record that was skipped while loading, with its 0-based position in the input.
struct RejectedParkingRecord {
  std::size_t record_index = 0;
  std::string reason;
  std::string input_name;  // file path, or the source name when read from text
};

// Result of one parking load.
struct ParkingLoadResult {
  std::vector<ParkingSpot> spots;
  std::size_t records_read = 0;
  std::size_t duplicates_dropped = 0;
  std::vector<RejectedParkingRecord> rejected;
};

}  // namespace pitstop
