#pragma once

#include <string>

namespace pitstop {

// Checks an OSM file before libosmium reads it, for input that libosmium 2.19
// would misread or read with undefined behaviour: the coordinates of an XML
// file (check_osm_xml_coordinates) and the BlobHeaders of a PBF file
// (check_osm_pbf_blob_headers). The format comes from the file name, as
// libosmium's reader takes it. Throws DataFileError naming the path, the place
// in the file and what to do.
void check_osm_input(const std::string& path);

}  // namespace pitstop
