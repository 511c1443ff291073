#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clients/datamall_client.hpp"
#include "parking/parking_spot.hpp"

namespace pitstop {

// A source of parking spots for a refresh.
enum class ParkingSource {
  DataMall,  // LTA DataMall BicycleParkingv2, over the query grid
  Osm,       // amenity=bicycle_parking in the OSM extract
  Files,     // the DataMall-format JSON files of --parking
};

// Parses a comma-separated list such as "datamall,osm". Throws InputError
// naming the bad entry for an unknown or repeated source or an empty list.
std::vector<ParkingSource> parse_parking_sources(std::string_view list);

// Returns the sources as a comma-separated list, the form parse_parking_sources reads.
std::string join_parking_sources(const std::vector<ParkingSource>& sources);

// Inputs of the sources: the DataMall client settings (nothing when no
// AccountKey is configured), the OSM extract and the parking files.
struct ParkingSourceInputs {
  std::optional<DataMallSettings> datamall;
  ParkingQueryGrid datamall_grid;
  std::string osm_path;
  std::vector<std::string> parking_files;
  // Returns true when a long fetch should stop early (the server is stopping).
  std::function<bool()> cancelled;
};

// Returns DataMall when an AccountKey is configured, else the parking files.
std::vector<ParkingSource> default_parking_sources(const ParkingSourceInputs& inputs);

// Fetches every source and merges the spots with merge_parking_loads, which
// drops exact duplicates and assigns stable ids. Throws ClientConfigError when
// DataMall is asked for without an AccountKey, ServiceError when DataMall
// fails, and DataFileError for a missing or malformed file.
ParkingLoadResult fetch_parking_sources(const std::vector<ParkingSource>& sources, const ParkingSourceInputs& inputs);

}  // namespace pitstop
