#include "app/pitstop_data.hpp"

#include <filesystem>

#include <spdlog/spdlog.h>

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

void add_stations(PlaceIndex& places, const DataPaths& paths) {
  if (!paths.stations_required && !std::filesystem::exists(paths.stations)) {
    spdlog::warn("search: station list {} not found; station names are not searchable "
                 "(set PITSTOP_STATIONS to enable them)",
                 paths.stations);
    return;
  }
  for (Place& station : read_mrt_stations_file(paths.stations)) places.add(std::move(station));
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

std::unique_ptr<PitStopData> load_pitstop_data(const DataPaths& paths, PlannerSettings settings) {
  auto data = std::make_unique<PitStopData>();

  RoadNetwork network = read_osm_network(paths.osm);
  std::vector<OsmNamedFeature> features = std::move(network.named_features);
  data->graph = build_road_graph(std::move(network));
  const RoadGraph& graph = data->graph;
  if (graph.edge_count() == 0) {
    throw DataFileError("OSM file '" + paths.osm + "' has no rideable ways: use an extract with roads or "
                        "paths (see README.md, Data)");
  }
  spdlog::info("graph: {} nodes, {} edges, {} components (largest has {} nodes)", graph.node_count(),
               graph.edge_count(), graph.component_node_count.size(),
               graph.component_node_count.empty() ? 0 : graph.component_node_count.front());
  data->snapper = std::make_unique<EdgeSnapper>(graph);
  measure_coverage(*data);

  ParkingLoadResult parking = load_parking_files(paths.parking);
  data->parking_records_rejected = parking.rejected.size();
  data->parking_data_time = newest_modification(paths.parking);
  data->places.add_parking_spots(parking.spots);
  data->parking = std::make_unique<ParkingIndex>(std::move(parking.spots));
  data->planner = std::make_unique<PitStopPlanner>(graph, *data->snapper, *data->parking, settings);

  data->places.add_osm_features(features);
  add_stations(data->places, paths);
  data->places.build();
  spdlog::info("search: {} places indexed", data->places.size());
  return data;
}

}  // namespace pitstop
