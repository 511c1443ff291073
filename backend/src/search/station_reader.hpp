#pragma once

#include <string>
#include <vector>

#include "search/place.hpp"

namespace pitstop {

// Reads the MRT/LRT station list of the npm package `nearest-mrt` (a JSON
// object whose "data" maps each upper-case station name to an object with
// "name", "code", "latitude" and "longitude"). Each station becomes a Station
// place named in Title Case with " MRT Station" or " LRT Station" appended,
// with its codes (e.g. "NS24 NE6 CC1") as detail. Stations without coordinates
// are skipped and counted in an info log line. Throws DataFileError naming the
// path when the file is missing, is not JSON or has the wrong shape.
std::vector<Place> read_mrt_stations_file(const std::string& path);

}  // namespace pitstop
