#pragma once

#include <string>

#include "ingest/road_network.hpp"

namespace pitstop {

// Reads an OSM extract (.osm.pbf, .osm or .osm.bz2) with libosmium and keeps
// the ways the cycling profile allows, split into segments at junctions. Logs
// progress and what it read. Throws DataFileError naming the path when the file
// is missing or unreadable.
RoadNetwork read_osm_network(const std::string& path);

}  // namespace pitstop
