#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "geo/lat_lon.hpp"
#include "ingest/cycling_profile.hpp"
#include "ingest/osm_named_feature.hpp"

namespace pitstop {

// A piece of one OSM way between two junctions (or way ends), the unit that
// becomes one or two directed graph edges.
struct RoadSegment {
  std::uint32_t from_node = 0;  // index into RoadNetwork::node_locations
  std::uint32_t to_node = 0;
  std::vector<LatLon> geometry;  // from_node first, to_node last
  double length_m = 0.0;
  bool forward = false;   // rideable from from_node to to_node
  bool backward = false;  // rideable from to_node to from_node
  double speed_factor = 1.0;
  WayType way_type = WayType::Residential;
  std::uint32_t name_id = 0;  // index into RoadNetwork::street_names; 0 is unnamed
  std::int64_t osm_way_id = 0;
};

// Counts from ingest, for logs and the CLI.
struct IngestStats {
  std::size_t ways_read = 0;
  std::size_t ways_routable = 0;
  std::size_t nodes_read = 0;
  std::size_t way_nodes_missing = 0;  // node references without a location in the extract
  std::size_t segments = 0;
};

// The ingest stage's output: junction nodes and the segments between them.
struct RoadNetwork {
  std::vector<LatLon> node_locations;
  std::vector<RoadSegment> segments;
  std::vector<std::string> street_names{""};
  std::vector<OsmNamedFeature> named_features;
  IngestStats stats;
};

}  // namespace pitstop
