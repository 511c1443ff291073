#pragma once

#include <string>

namespace pitstop {

// Reads an OSM XML file (.osm, .osm.gz or .osm.bz2) with expat and checks
// every coordinate attribute that libosmium's XML parser converts: lat and lon
// of node, way, relation and nd, and the corners of bounds and changeset. Each
// must be a plain decimal number (an optional minus sign, then digits with at
// most one decimal point, such as 1.3521, -0.5 or .5) within -90 to 90 for a
// latitude or -180 to 180 for a longitude. libosmium 2.19 misreads some
// exponent forms ("1.3e99999" reads as 0) instead of rejecting them.
// Also rejects XML that expat cannot parse and entity declarations, which
// libosmium rejects too. Throws DataFileError naming the path, the line, the
// element, the attribute and the value.
void check_osm_xml_coordinates(const std::string& path);

}  // namespace pitstop
