#pragma once

#include <string>

#include "geo/lat_lon.hpp"

namespace pitstop {

// A named thing read from OSM that riders may search for.
struct OsmNamedFeature {
  enum class Kind { Street, Place, Amenity };

  std::string name;
  Kind kind = Kind::Street;
  std::string category;  // the OSM tag value, e.g. "residential", "suburb", "school"
  LatLon location;       // a node's position, or the middle of a street's longest way
};

}  // namespace pitstop
