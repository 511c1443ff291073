#include "parking/osm_parking_reader.hpp"

#include <charconv>
#include <cstring>
#include <filesystem>

#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>
#include <spdlog/spdlog.h>

#include "geo/errors.hpp"
#include "ingest/osm_input_check.hpp"
#include "parking/parking_load.hpp"

namespace pitstop {
namespace {

using LocationIndex = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
using LocationHandler = osmium::handler::NodeLocationsForWays<LocationIndex>;

bool is_tag(const osmium::TagList& tags, const char* key, const char* value) {
  const char* found = tags.get_value_by_key(key);
  return found != nullptr && std::strcmp(found, value) == 0;
}

int read_capacity(const osmium::TagList& tags) {
  const char* text = tags.get_value_by_key("capacity");
  if (text == nullptr) return 0;
  const char* end = text + std::strlen(text);
  int capacity = 0;
  const auto [stop, error] = std::from_chars(text, end, capacity);
  return error == std::errc() && stop == end && capacity >= 0 ? capacity : 0;
}

ParkingSpot make_spot(const osmium::TagList& tags, std::string source_key, LatLon location) {
  ParkingSpot spot;
  spot.source = "osm";
  spot.source_key = std::move(source_key);
  spot.location = location;
  const char* name = tags.get_value_by_key("name");
  spot.description = name != nullptr && *name != '\0' ? name : "Bicycle parking";
  const char* kind = tags.get_value_by_key("bicycle_parking");
  spot.rack_type = kind != nullptr && *kind != '\0' ? kind : "OSM";
  spot.rack_count = read_capacity(tags);
  spot.sheltered = is_tag(tags, "covered", "yes") || is_tag(tags, "bicycle_parking", "shed") ||
                   is_tag(tags, "bicycle_parking", "building");
  return spot;
}

class BicycleParkingCollector : public osmium::handler::Handler {
 public:
  BicycleParkingCollector(ParkingLoadResult& result, std::string path) : result_(result), path_(std::move(path)) {}

  void node(const osmium::Node& node) {
    if (!is_tag(node.tags(), "amenity", "bicycle_parking")) return;
    ++result_.records_read;
    const osmium::Location at = node.location();
    if (!at.valid()) {
      reject("node/" + std::to_string(node.id()) + " has no valid location");
      return;
    }
    result_.spots.push_back(make_spot(node.tags(), "node/" + std::to_string(node.id()), {at.lat(), at.lon()}));
  }

  void way(const osmium::Way& way) {
    if (!is_tag(way.tags(), "amenity", "bicycle_parking")) return;
    ++result_.records_read;
    double lat_sum = 0.0;
    double lon_sum = 0.0;
    std::size_t located = 0;
    for (const osmium::NodeRef& ref : way.nodes()) {
      if (!ref.location().valid()) continue;
      lat_sum += ref.location().lat();
      lon_sum += ref.location().lon();
      ++located;
    }
    if (located == 0) {
      reject("way/" + std::to_string(way.id()) + " has no node with a location in the file");
      return;
    }
    const auto count = static_cast<double>(located);
    result_.spots.push_back(
        make_spot(way.tags(), "way/" + std::to_string(way.id()), {lat_sum / count, lon_sum / count}));
  }

 private:
  void reject(std::string reason) {
    result_.rejected.push_back({result_.records_read - 1, std::move(reason), path_});
  }

  ParkingLoadResult& result_;
  std::string path_;
};

}  // namespace

ParkingLoadResult read_osm_bicycle_parking(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) {
    throw DataFileError("OSM file '" + path + "' not found: set --osm or PITSTOP_OSM to an .osm.pbf extract");
  }
  check_osm_input(path);

  ParkingLoadResult result;
  BicycleParkingCollector collector(result, path);
  LocationIndex index;
  LocationHandler locations(index);
  locations.ignore_errors();
  try {
    osmium::io::Reader reader(path, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way);
    osmium::apply(reader, locations, collector);
    reader.close();
  } catch (const std::exception& error) {
    throw DataFileError("cannot read OSM file '" + path + "': " + error.what());
  }

  result.duplicates_dropped = drop_duplicates_and_assign_ids(result.spots);
  spdlog::info("parking: {} bicycle parking objects in {}, {} spots kept, {} duplicates dropped, {} rejected",
               result.records_read, path, result.spots.size(), result.duplicates_dropped, result.rejected.size());
  return result;
}

}  // namespace pitstop
