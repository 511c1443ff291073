#pragma once

#include <string>

#include "ingest/road_network.hpp"

namespace pitstop {

// Reads an OSM extract (.osm.pbf, .osm or .osm.bz2) with libosmium and keeps
// the ways the cycling profile allows, split into segments at junctions. Logs
// progress and what it read. Throws DataFileError naming the path when the file
// is missing or unreadable, or when check_osm_input rejects it (an XML
// coordinate that is not a plain decimal number in range, a PBF BlobHeader
// without the expected type).
RoadNetwork read_osm_network(const std::string& path);

}  // namespace pitstop
