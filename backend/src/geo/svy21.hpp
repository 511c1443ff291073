#pragma once

#include "geo/lat_lon.hpp"

namespace pitstop {

// SVY21 / Singapore TM (EPSG:3414) easting and northing in metres.
struct Svy21Point {
  double x_m = 0.0;  // easting
  double y_m = 0.0;  // northing
};

// Converts WGS84 (EPSG:4326) to SVY21 with PROJ. Each thread keeps its own
// PROJ context, because PROJ objects must not be shared between threads.
// Throws std::runtime_error when PROJ cannot build the transformation (for
// example, proj.db is missing).
Svy21Point to_svy21(LatLon point);

}  // namespace pitstop
