#pragma once

#include <vector>

#include <osmium/handler.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>

#include "ingest/osm_named_feature.hpp"

namespace pitstop {

// libosmium handler that collects what riders may search for: named streets
// (one feature per way, placed at its middle node), named places
// (place=*), and named amenities, shops, tourism and leisure sites, from nodes
// and from closed ways (placed at the mean of their nodes). Needs node
// locations on ways, so it runs after a NodeLocationsForWays handler.
class OsmFeatureCollector : public osmium::handler::Handler {
 public:
  explicit OsmFeatureCollector(std::vector<OsmNamedFeature>& features) : features_(features) {}

  void node(const osmium::Node& node);
  void way(const osmium::Way& way);

 private:
  std::vector<OsmNamedFeature>& features_;
};

}  // namespace pitstop
