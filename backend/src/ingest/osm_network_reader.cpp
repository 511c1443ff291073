#include "ingest/osm_network_reader.hpp"

#include <filesystem>
#include <unordered_map>

#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>
#include <spdlog/spdlog.h>

#include "geo/errors.hpp"
#include "ingest/osm_feature_collector.hpp"
#include "ingest/osm_input_check.hpp"

namespace pitstop {
namespace {

using LocationIndex = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
using LocationHandler = osmium::handler::NodeLocationsForWays<LocationIndex>;

// A routable way cut to a run of nodes that all have locations.
struct RoutableWayPiece {
  std::int64_t osm_way_id = 0;
  std::vector<osmium::object_id_type> node_ids;
  std::vector<LatLon> locations;
  WayRule rule;
  std::uint32_t name_id = 0;
};

class RoutableWayCollector : public osmium::handler::Handler {
 public:
  explicit RoutableWayCollector(RoadNetwork& network) : network_(network) {}

  void node(const osmium::Node&) { ++network_.stats.nodes_read; }

  void way(const osmium::Way& way) {
    ++network_.stats.ways_read;
    const auto& tags = way.tags();
    const WayRule rule = evaluate_way([&tags](std::string_view key) {
      const char* value = tags.get_value_by_key(std::string(key).c_str());
      return value == nullptr ? std::string_view{} : std::string_view{value};
    });
    if (!rule.routable) return;

    ++network_.stats.ways_routable;
    const std::uint32_t name_id = intern_name(tags.get_value_by_key("name", ""));
    split_at_missing_locations(way, rule, name_id);
  }

  std::vector<RoutableWayPiece>& pieces() { return pieces_; }

 private:
  std::uint32_t intern_name(const std::string& name) {
    if (name.empty()) return 0;
    auto [it, inserted] = name_ids_.try_emplace(name, network_.street_names.size());
    if (inserted) network_.street_names.push_back(name);
    return it->second;
  }

  void split_at_missing_locations(const osmium::Way& way, const WayRule& rule, std::uint32_t name_id) {
    RoutableWayPiece piece{way.id(), {}, {}, rule, name_id};
    for (const osmium::NodeRef& ref : way.nodes()) {
      if (!ref.location().valid()) {
        ++network_.stats.way_nodes_missing;
        keep_piece(piece);
        continue;
      }
      if (!piece.node_ids.empty() && piece.node_ids.back() == ref.ref()) continue;
      piece.node_ids.push_back(ref.ref());
      piece.locations.push_back({ref.location().lat(), ref.location().lon()});
    }
    keep_piece(piece);
  }

  void keep_piece(RoutableWayPiece& piece) {
    if (piece.node_ids.size() >= 2) pieces_.push_back(piece);
    piece.node_ids.clear();
    piece.locations.clear();
  }

  RoadNetwork& network_;
  std::unordered_map<std::string, std::uint32_t> name_ids_;
  std::vector<RoutableWayPiece> pieces_;
};

// Junctions are nodes shared by several pieces or used twice by one; piece ends
// are graph nodes too.
std::unordered_map<osmium::object_id_type, std::uint32_t> count_node_uses(
    const std::vector<RoutableWayPiece>& pieces) {
  std::unordered_map<osmium::object_id_type, std::uint32_t> uses;
  for (const auto& piece : pieces) {
    for (const auto id : piece.node_ids) ++uses[id];
    uses[piece.node_ids.front()] += 2;
    uses[piece.node_ids.back()] += 2;
  }
  return uses;
}

class SegmentSplitter {
 public:
  SegmentSplitter(RoadNetwork& network,
                  const std::unordered_map<osmium::object_id_type, std::uint32_t>& uses)
      : network_(network), uses_(uses) {}

  void split(const RoutableWayPiece& piece) {
    RoadSegment segment = start_segment(piece, 0);
    for (std::size_t i = 1; i < piece.node_ids.size(); ++i) {
      const LatLon location = piece.locations[i];
      segment.length_m += haversine_m(segment.geometry.back(), location);
      segment.geometry.push_back(location);
      if (uses_.at(piece.node_ids[i]) < 2) continue;

      segment.to_node = graph_node(piece.node_ids[i], location);
      finish(segment);
      if (i + 1 < piece.node_ids.size()) segment = start_segment(piece, i);
    }
  }

 private:
  RoadSegment start_segment(const RoutableWayPiece& piece, std::size_t index) {
    RoadSegment segment;
    segment.from_node = graph_node(piece.node_ids[index], piece.locations[index]);
    segment.geometry.push_back(piece.locations[index]);
    segment.forward = piece.rule.forward;
    segment.backward = piece.rule.backward;
    segment.speed_factor = piece.rule.speed_factor;
    segment.way_type = piece.rule.type;
    segment.name_id = piece.name_id;
    segment.osm_way_id = piece.osm_way_id;
    return segment;
  }

  void finish(RoadSegment& segment) {
    // Distinct nodes at one position would give a zero length; partial-edge
    // times divide by the length, so keep it positive.
    segment.length_m = std::max(segment.length_m, 0.01);
    network_.segments.push_back(std::move(segment));
  }

  std::uint32_t graph_node(osmium::object_id_type id, LatLon location) {
    auto [it, inserted] = node_ids_.try_emplace(id, network_.node_locations.size());
    if (inserted) network_.node_locations.push_back(location);
    return it->second;
  }

  RoadNetwork& network_;
  const std::unordered_map<osmium::object_id_type, std::uint32_t>& uses_;
  std::unordered_map<osmium::object_id_type, std::uint32_t> node_ids_;
};

void log_progress(const osmium::io::Reader& reader, int& next_percent) {
  const auto size = reader.file_size();
  if (size == 0) return;
  const int percent = static_cast<int>(100 * reader.offset() / size);
  if (percent >= next_percent) {
    spdlog::info("ingest: read {}% of the OSM file", percent);
    next_percent = (percent / 25 + 1) * 25;
  }
}

}  // namespace

RoadNetwork read_osm_network(const std::string& path) {
  if (!std::filesystem::exists(path)) {
    throw DataFileError("OSM file '" + path +
                        "' not found: set --osm or PITSTOP_OSM (or PITSTOP_DATA_DIR) to an .osm.pbf, .osm "
                        "or .osm.bz2 extract");
  }
  if (!std::filesystem::is_regular_file(path)) {
    throw DataFileError("OSM file '" + path +
                        "' is not a regular file: set --osm or PITSTOP_OSM to an .osm.pbf, .osm or .osm.bz2 "
                        "extract");
  }
  spdlog::info("ingest: reading {}", path);
  check_osm_input(path);

  RoadNetwork network;
  RoutableWayCollector ways(network);
  OsmFeatureCollector features(network.named_features);
  LocationIndex index;
  LocationHandler locations(index);
  locations.ignore_errors();

  try {
    osmium::io::Reader reader(path, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way);
    int next_percent = 25;
    while (osmium::memory::Buffer buffer = reader.read()) {
      osmium::apply(buffer, locations, ways, features);
      log_progress(reader, next_percent);
    }
    reader.close();
  } catch (const std::exception& error) {
    throw DataFileError("cannot read OSM file '" + path + "': " + error.what());
  }

  const auto uses = count_node_uses(ways.pieces());
  SegmentSplitter splitter(network, uses);
  for (const auto& piece : ways.pieces()) splitter.split(piece);
  network.stats.segments = network.segments.size();

  spdlog::info("ingest: {} nodes and {} ways read, {} ways routable, {} junction nodes, {} segments, "
               "{} named features, {} way nodes without a location",
               network.stats.nodes_read, network.stats.ways_read, network.stats.ways_routable,
               network.node_locations.size(), network.segments.size(), network.named_features.size(),
               network.stats.way_nodes_missing);
  return network;
}

}  // namespace pitstop
