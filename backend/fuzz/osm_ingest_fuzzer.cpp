// Fuzzes the OSM ingest path: read_osm_network on a file, as `pitstop` reads
// --osm. The input is written to a temporary file whose extension selects the
// format, so the same source builds two targets: OSM XML (PITSTOP_FUZZ_OSM_SUFFIX
// ".osm") and PBF (".osm.pbf"). The contract: it returns a consistent network
// or throws DataFileError.

#include <unistd.h>

#include <cmath>
#include <fstream>
#include <string>

#include "fuzz_support.hpp"
#include "geo/errors.hpp"
#include "ingest/osm_network_reader.hpp"

#ifndef PITSTOP_FUZZ_OSM_SUFFIX
#error "define PITSTOP_FUZZ_OSM_SUFFIX as the file extension, e.g. \".osm\""
#endif

namespace {

std::string input_path;

void check_network(const pitstop::RoadNetwork& network) {
  const auto node_count = network.node_locations.size();
  for (const auto& location : network.node_locations) {
    if (!pitstop::is_valid(location)) pitstop::fuzz::fail("a network node has an invalid location");
  }
  for (const auto& segment : network.segments) {
    if (segment.from_node >= node_count || segment.to_node >= node_count) {
      pitstop::fuzz::fail("a segment refers to a node that does not exist");
    }
    if (segment.geometry.size() < 2) pitstop::fuzz::fail("a segment has fewer than two points");
    if (!std::isfinite(segment.length_m) || segment.length_m < 0) pitstop::fuzz::fail("a segment length is invalid");
    if (segment.name_id >= network.street_names.size()) pitstop::fuzz::fail("a segment refers to a missing name");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  pitstop::fuzz::silence_logging();
  const char* folder = std::getenv("TMPDIR");
  input_path = std::string(folder != nullptr && *folder != '\0' ? folder : "/tmp") + "/pitstop-fuzz-" +
               std::to_string(::getpid()) + PITSTOP_FUZZ_OSM_SUFFIX;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream file(input_path, std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!file) pitstop::fuzz::fail("cannot write the temporary OSM file");
  }

  pitstop::RoadNetwork network;
  try {
    network = pitstop::read_osm_network(input_path);
  } catch (const pitstop::DataFileError&) {
    return 0;
  }
  check_network(network);
  return 0;
}
