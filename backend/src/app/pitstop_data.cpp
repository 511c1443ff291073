#include "app/pitstop_data.hpp"

#include <filesystem>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "contraction/hierarchy_setup.hpp"
#include "geo/errors.hpp"
#include "graph/road_graph_builder.hpp"
#include "ingest/osm_network_reader.hpp"
#include "parking/datamall_reader.hpp"
#include "parking/parking_load.hpp"
#include "search/station_reader.hpp"

namespace pitstop {
namespace {

ParkingLoadResult load_parking_files(const std::vector<std::string>& paths) {
  std::vector<ParkingLoadResult> loads;
  for (const std::string& path : paths) loads.push_back(read_datamall_parking_file(path));
  return merge_parking_loads(std::move(loads));
}

std::vector<Place> read_stations(const DataPaths& paths) {
  if (!paths.stations_required && !std::filesystem::exists(paths.stations)) {
    spdlog::warn("search: station list {} not found; station names are not searchable "
                 "(set PITSTOP_STATIONS to enable them)",
                 paths.stations);
    return {};
  }
  return read_mrt_stations_file(paths.stations);
}

std::chrono::system_clock::time_point newest_modification(const std::vector<std::string>& paths) {
  std::filesystem::file_time_type newest = std::filesystem::file_time_type::min();
  for (const std::string& path : paths) newest = std::max(newest, std::filesystem::last_write_time(path));
  return std::chrono::time_point_cast<std::chrono::system_clock::duration>(std::chrono::file_clock::to_sys(newest));
}

void measure_coverage(PitStopData& data) {
  const auto& nodes = data.graph.node_locations;
  if (nodes.empty()) return;
  data.coverage_south_west = data.coverage_north_east = nodes.front();
  for (const LatLon& node : nodes) {
    data.coverage_south_west.lat = std::min(data.coverage_south_west.lat, node.lat);
    data.coverage_south_west.lon = std::min(data.coverage_south_west.lon, node.lon);
    data.coverage_north_east.lat = std::max(data.coverage_north_east.lat, node.lat);
    data.coverage_north_east.lon = std::max(data.coverage_north_east.lon, node.lon);
  }
}

}  // namespace

std::shared_ptr<const ParkingSnapshot> make_parking_snapshot(const PitStopData& data, ParkingLoadResult load,
                                                             std::chrono::system_clock::time_point data_time,
                                                             std::string origin) {
  auto snapshot = std::make_shared<ParkingSnapshot>();
  snapshot->records_rejected = load.rejected.size();
  snapshot->data_time = data_time;
  snapshot->origin = std::move(origin);

  snapshot->places.add_parking_spots(load.spots);
  snapshot->places.add_osm_features(data.named_features);
  for (const Place& station : data.stations) snapshot->places.add(station);
  snapshot->places.build();

  snapshot->parking = std::make_unique<ParkingIndex>(std::move(load.spots));
  snapshot->planner =
      std::make_unique<PitStopPlanner>(data.graph, *data.snapper, *snapshot->parking, data.planner_settings);
  spdlog::info("parking: {} spots from {}, {} usable for rides; {} places searchable",
               snapshot->parking->spots().size(), snapshot->origin, snapshot->planner->attached_spots().size(),
               snapshot->places.size());
  return snapshot;
}

std::unique_ptr<PitStopData> load_pitstop_data(const DataPaths& paths, PlannerSettings settings,
                                               ParkingLoading parking) {
  auto data = std::make_unique<PitStopData>();
  data->planner_settings = settings;

  RoadNetwork network = read_osm_network(paths.osm);
  data->named_features = std::move(network.named_features);
  data->graph = build_road_graph(std::move(network));
  const RoadGraph& graph = data->graph;
  if (graph.edge_count() == 0) {
    throw DataFileError("OSM file '" + paths.osm + "' has no rideable ways: use an extract with roads or "
                        "paths (see README.md, Data)");
  }
  spdlog::info("graph: {} nodes, {} edges, {} components (largest has {} nodes)", graph.node_count(),
               graph.edge_count(), graph.component_node_count.size(),
               graph.component_node_count.empty() ? 0 : graph.component_node_count.front());
  attach_contraction_hierarchy(data->graph, paths.osm);
  data->snapper = std::make_unique<EdgeSnapper>(graph);
  measure_coverage(*data);
  data->stations = read_stations(paths);

  if (parking == ParkingLoading::Files) {
    ParkingLoadResult spots = load_parking_files(paths.parking);
    const std::string origin = paths.parking.size() == 1 ? paths.parking.front()
                                                          : std::to_string(paths.parking.size()) + " files";
    data->install_parking(
        make_parking_snapshot(*data, std::move(spots), newest_modification(paths.parking), origin));
  }
  return data;
}

std::shared_ptr<const ParkingSnapshot> require_parking(const PitStopData& data) {
  auto snapshot = data.parking();
  if (!snapshot) throw std::logic_error("no parking data is loaded yet");
  return snapshot;
}

}  // namespace pitstop
