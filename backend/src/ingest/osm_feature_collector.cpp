#include "ingest/osm_feature_collector.hpp"

#include <optional>
#include <utility>

namespace pitstop {
namespace {

// Kind and category of a named OSM object, or nothing when riders would not search for it.
std::optional<std::pair<OsmNamedFeature::Kind, std::string>> classify(const osmium::TagList& tags) {
  if (const char* place = tags["place"]) return std::pair{OsmNamedFeature::Kind::Place, place};
  for (const char* key : {"amenity", "shop", "tourism", "leisure", "railway"}) {
    if (const char* value = tags[key]) {
      if (std::string_view(key) == "railway" && std::string_view(value) != "station") continue;
      return std::pair{OsmNamedFeature::Kind::Amenity, std::string(value)};
    }
  }
  return std::nullopt;
}

std::optional<LatLon> mean_location(const osmium::WayNodeList& nodes) {
  double lat_sum = 0.0;
  double lon_sum = 0.0;
  std::size_t count = 0;
  for (const auto& ref : nodes) {
    if (!ref.location().valid()) continue;
    lat_sum += ref.location().lat();
    lon_sum += ref.location().lon();
    ++count;
  }
  if (count == 0) return std::nullopt;
  return LatLon{lat_sum / count, lon_sum / count};
}

std::optional<LatLon> middle_location(const osmium::WayNodeList& nodes) {
  if (nodes.empty()) return std::nullopt;
  const auto& middle = nodes[nodes.size() / 2];
  if (!middle.location().valid()) return mean_location(nodes);
  return LatLon{middle.location().lat(), middle.location().lon()};
}

}  // namespace

void OsmFeatureCollector::node(const osmium::Node& node) {
  const char* name = node.tags()["name"];
  if (name == nullptr || !node.location().valid()) return;
  if (auto kind = classify(node.tags())) {
    features_.push_back({name, kind->first, kind->second, {node.location().lat(), node.location().lon()}});
  }
}

void OsmFeatureCollector::way(const osmium::Way& way) {
  const char* name = way.tags()["name"];
  if (name == nullptr) return;

  if (auto kind = classify(way.tags()); kind && way.is_closed()) {
    if (auto location = mean_location(way.nodes())) {
      features_.push_back({name, kind->first, kind->second, *location});
    }
    return;
  }
  const char* highway = way.tags()["highway"];
  if (highway == nullptr) return;
  if (auto location = middle_location(way.nodes())) {
    features_.push_back({name, OsmNamedFeature::Kind::Street, highway, *location});
  }
}

}  // namespace pitstop
