#pragma once

#include <memory>
#include <string>

#include "app/pitstop_data.hpp"

namespace pitstop::testing {

// Path of a file in the real data folder (PITSTOP_DATA_DIR at build time).
inline std::string data_file(const std::string& relative_path) {
  return std::string(PITSTOP_DATA_DIR) + "/" + relative_path;
}

// The Singapore extract, LTA parking and MRT stations, loaded once for all tests.
inline const PitStopData& singapore_data() {
  static const std::unique_ptr<PitStopData> data = [] {
    DataPaths paths;
    paths.osm = data_file("osm/singapore-bike-network-2025-12.osm.pbf");
    paths.parking = {data_file("parking/lta-bicycle-parking-central-2026-02.json")};
    paths.stations = data_file("reference/mrt-stations-2018.json");
    paths.stations_required = true;
    return load_pitstop_data(paths);
  }();
  return *data;
}

}  // namespace pitstop::testing
