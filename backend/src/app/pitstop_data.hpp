#pragma once

#include <chrono>
#include <memory>

#include "app/data_paths.hpp"
#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"
#include "parking/parking_index.hpp"
#include "planner/pit_stop_planner.hpp"
#include "search/place_index.hpp"

namespace pitstop {

// Everything a plan or search needs, loaded once: the graph, its snapper, the
// parking spots, the planner and the place index. Not copyable or movable,
// because the planner and snapper keep references into it.
struct PitStopData {
  RoadGraph graph;
  std::unique_ptr<EdgeSnapper> snapper;
  std::unique_ptr<ParkingIndex> parking;
  std::unique_ptr<PitStopPlanner> planner;
  PlaceIndex places;
  std::size_t parking_records_rejected = 0;
  // Modification time of the newest parking file: the parking data's age.
  std::chrono::system_clock::time_point parking_data_time;
  // Corners of the box around every graph node.
  LatLon coverage_south_west;
  LatLon coverage_north_east;

  PitStopData() = default;
  PitStopData(const PitStopData&) = delete;
  PitStopData& operator=(const PitStopData&) = delete;
};

// Reads every input file and builds the indexes. Throws DataFileError naming
// the first file that is missing or malformed.
std::unique_ptr<PitStopData> load_pitstop_data(const DataPaths& paths, PlannerSettings settings = {});

}  // namespace pitstop
