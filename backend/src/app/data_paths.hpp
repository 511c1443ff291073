#pragma once

#include <string>
#include <vector>

namespace pitstop {

// Paths of PitStop's input files. Each path comes from a command-line
// option, else an environment variable, else a default under the data folder:
//
//   PITSTOP_DATA_DIR  data folder, default "../shared/data" relative to the
//                     working directory, or else to the repository root when
//                     the binary sits in the repository's build/ folder
//   PITSTOP_OSM       OSM extract, default DATA_DIR/osm/singapore-bike-network-2025-12.osm.pbf
//   PITSTOP_PARKING   DataMall BicycleParkingv2 JSON files, separated by ':',
//                     default DATA_DIR/parking/lta-bicycle-parking-central-2026-02.json
//   PITSTOP_STATIONS  MRT/LRT station list, default DATA_DIR/reference/mrt-stations-2018.json;
//                     optional: a missing default file only disables station search
struct DataPaths {
  std::string osm;
  std::vector<std::string> parking;
  std::string stations;
  bool stations_required = false;  // set when the path was given explicitly
};

// Fills every path that is still empty from the environment and the defaults.
void apply_environment_and_defaults(DataPaths& paths);

}  // namespace pitstop
