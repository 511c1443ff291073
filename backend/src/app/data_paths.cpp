#include "app/data_paths.hpp"

#include <cstdlib>
#include <sstream>

namespace pitstop {
namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string{} : std::string{value};
}

std::vector<std::string> split_path_list(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, ':')) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

}  // namespace

void apply_environment_and_defaults(DataPaths& paths) {
  std::string data_dir = environment("PITSTOP_DATA_DIR");
  if (data_dir.empty()) data_dir = "../shared/data";

  if (paths.osm.empty()) paths.osm = environment("PITSTOP_OSM");
  if (paths.osm.empty()) paths.osm = data_dir + "/osm/singapore-bike-network-2025-12.osm.pbf";

  if (paths.parking.empty()) paths.parking = split_path_list(environment("PITSTOP_PARKING"));
  if (paths.parking.empty()) paths.parking = {data_dir + "/parking/lta-bicycle-parking-central-2026-02.json"};

  if (!paths.stations.empty()) paths.stations_required = true;
  if (paths.stations.empty()) {
    paths.stations = environment("PITSTOP_STATIONS");
    paths.stations_required = !paths.stations.empty();
  }
  if (paths.stations.empty()) paths.stations = data_dir + "/reference/mrt-stations-2018.json";
}

}  // namespace pitstop
