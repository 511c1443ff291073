#include "ingest/osm_input_check.hpp"

#include <osmium/io/file.hpp>

#include "ingest/osm_pbf_blob_check.hpp"
#include "ingest/osm_xml_coordinate_check.hpp"

namespace pitstop {

void check_osm_input(const std::string& path) {
  switch (osmium::io::File(path).format()) {
    case osmium::io::file_format::xml:
      check_osm_xml_coordinates(path);
      break;
    case osmium::io::file_format::pbf:
      check_osm_pbf_blob_headers(path);
      break;
    default:
      // NOTE: an OPL file (.opl) is not checked, although libosmium parses its coordinates with the
      // same function as XML ones, so an exponent there can still be misread. O5M stores integers.
      break;
  }
}

}  // namespace pitstop
