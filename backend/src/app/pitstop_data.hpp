#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "app/data_paths.hpp"
#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"
#include "ingest/osm_named_feature.hpp"
#include "parking/parking_index.hpp"
#include "parking/parking_spot.hpp"
#include "planner/pit_stop_planner.hpp"
#include "search/place.hpp"
#include "search/place_index.hpp"

namespace pitstop {

// One version of the parking data and every index built from it. Immutable
// once made; a refresh makes a new one. Plans point into `parking`, so a
// caller keeps the snapshot alive until it has written its response.
struct ParkingSnapshot {
  std::unique_ptr<ParkingIndex> parking;
  std::unique_ptr<PitStopPlanner> planner;
  PlaceIndex places;  // the OSM features, the stations and these spots
  std::size_t records_rejected = 0;
  // When the data was fetched: the newest parking file's modification time,
  // or the load time for data read from the database.
  std::chrono::system_clock::time_point data_time;
  std::string origin;  // where the spots came from, for logs, e.g. "2 files" or "database"
};

// Everything a plan or search needs: the graph and its snapper, loaded once,
// and the current parking snapshot, which a refresh can replace while the
// server runs. Not copyable or movable, because planners keep references into
// it.
struct PitStopData {
  RoadGraph graph;
  std::unique_ptr<EdgeSnapper> snapper;
  PlannerSettings planner_settings;
  // Kept to rebuild the place index with each new parking snapshot.
  std::vector<OsmNamedFeature> named_features;
  std::vector<Place> stations;
  // Corners of the box around every graph node.
  LatLon coverage_south_west;
  LatLon coverage_north_east;

  PitStopData() = default;
  PitStopData(const PitStopData&) = delete;
  PitStopData& operator=(const PitStopData&) = delete;

  // Returns the current parking snapshot, or null before the first one is
  // installed (a server waiting for its database).
  std::shared_ptr<const ParkingSnapshot> parking() const { return parking_.load(); }

  // Makes `snapshot` current. Requests that already hold the old one finish with it.
  void install_parking(std::shared_ptr<const ParkingSnapshot> snapshot) { parking_.store(std::move(snapshot)); }

 private:
  std::atomic<std::shared_ptr<const ParkingSnapshot>> parking_;
};

// Builds a parking snapshot over the data's graph: the spot index, the planner
// (which attaches each spot to the graph) and the place index.
std::shared_ptr<const ParkingSnapshot> make_parking_snapshot(const PitStopData& data, ParkingLoadResult load,
                                                             std::chrono::system_clock::time_point data_time,
                                                             std::string origin);

enum class ParkingLoading {
  Files,  // read paths.parking now and install the snapshot
  Later,  // leave the snapshot empty; the caller installs one (from the database)
};

// Reads the OSM extract and station list, builds the graph and indexes, and
// with ParkingLoading::Files reads the parking files. Throws DataFileError
// naming the first file that is missing or malformed.
std::unique_ptr<PitStopData> load_pitstop_data(const DataPaths& paths, PlannerSettings settings = {},
                                               ParkingLoading parking = ParkingLoading::Files);

// Returns the current parking snapshot. Throws std::logic_error when none is
// installed, which only a server in database mode allows.
std::shared_ptr<const ParkingSnapshot> require_parking(const PitStopData& data);

}  // namespace pitstop
