#pragma once

#include <string>

#include "parking/parking_spot.hpp"

namespace pitstop {

// Reads the amenity=bicycle_parking nodes and closed ways of an OSM file as
// parking spots with source "osm": a way becomes the mean of its node
// locations; the description is the name tag, else "Bicycle parking"; the
// rack type is the bicycle_parking tag (e.g. "stands"), else "OSM"; the rack
// count is the capacity tag when it is a whole number, else 0; sheltered
// means covered=yes or bicycle_parking=shed or building. source_key is
// "node/ID" or "way/ID". A way without node locations is listed in
// `rejected`. Exact duplicates are dropped and ids assigned ("osm-" + hash)
// as drop_duplicates_and_assign_ids describes. Throws DataFileError naming
// the path when the file is missing or cannot be read, or when
// check_osm_input rejects it.
ParkingLoadResult read_osm_bicycle_parking(const std::string& path);

}  // namespace pitstop
