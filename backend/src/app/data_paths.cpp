#include "app/data_paths.hpp"

#include <cstdlib>
#include <filesystem>
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

// "../shared/data" from the working directory, else from the repository root
// of a binary built in build/ (two folders up from the executable), so that
// `cd build && ./pitstop …` finds the data too.
std::string default_data_dir() {
  const std::string from_working_directory = "../shared/data";
  if (std::filesystem::is_directory(from_working_directory)) return from_working_directory;

  std::error_code error;
  const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const auto beside_repository = executable.parent_path().parent_path().parent_path() / "shared" / "data";
    if (std::filesystem::is_directory(beside_repository, error)) return beside_repository.string();
  }
  return from_working_directory;
}

}  // namespace

void apply_environment_and_defaults(DataPaths& paths) {
  std::string data_dir = environment("PITSTOP_DATA_DIR");
  if (data_dir.empty()) data_dir = default_data_dir();

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
