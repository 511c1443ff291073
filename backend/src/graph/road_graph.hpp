#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "geo/lat_lon.hpp"
#include "ingest/cycling_profile.hpp"

namespace pitstop {

using NodeId = std::uint32_t;
using EdgeId = std::uint32_t;
using GeometryId = std::uint32_t;
using ComponentId = std::uint32_t;

constexpr std::uint32_t kInvalidId = std::numeric_limits<std::uint32_t>::max();

struct ContractionHierarchy;

// A directed edge. Its shape is a shared geometry, stored once for both
// directions and read backwards when `reversed` is set.
struct Edge {
  NodeId source = 0;
  NodeId target = 0;
  double duration_s = 0.0;  // at the profile's base speed
  double length_m = 0.0;
  GeometryId geometry = 0;
  bool reversed = false;
  WayType way_type = WayType::Residential;
  std::uint32_t name_id = 0;
};

// The cycling graph in compressed sparse row form: the out-edges of node n are
// edges[first_out[n] .. first_out[n + 1]), and in_edges lists edge ids by target
// the same way, for backward searches.
struct RoadGraph {
  std::vector<LatLon> node_locations;
  std::vector<std::uint32_t> first_out;
  std::vector<Edge> edges;
  std::vector<std::uint32_t> first_in;
  std::vector<EdgeId> in_edges;

  // Geometry g's points are geometry_points[geometry_first_point[g] .. [g + 1]).
  std::vector<std::uint32_t> geometry_first_point;
  std::vector<LatLon> geometry_points;
  std::vector<double> geometry_length_m;
  std::vector<EdgeId> geometry_forward_edge;   // along the points, or kInvalidId
  std::vector<EdgeId> geometry_backward_edge;  // against them, or kInvalidId

  std::vector<std::string> street_names;  // index 0 is the empty name

  // Strongly connected components, numbered by size: 0 is the largest.
  std::vector<ComponentId> node_component;
  std::vector<std::uint32_t> component_node_count;

  // The speed-up index that find_fastest_route and the planner use when set,
  // built once per graph (see contraction/hierarchy_setup.hpp). Without it,
  // both use the Dijkstra search.
  std::shared_ptr<const ContractionHierarchy> contraction_hierarchy;

  std::size_t node_count() const { return node_locations.size(); }
  std::size_t edge_count() const { return edges.size(); }
  std::size_t geometry_count() const { return geometry_length_m.size(); }

  std::span<const Edge> out_edges(NodeId node) const {
    return {edges.data() + first_out[node], edges.data() + first_out[node + 1]};
  }
  std::span<const EdgeId> in_edge_ids(NodeId node) const {
    return {in_edges.data() + first_in[node], in_edges.data() + first_in[node + 1]};
  }
  std::span<const LatLon> geometry(GeometryId id) const {
    return {geometry_points.data() + geometry_first_point[id],
            geometry_points.data() + geometry_first_point[id + 1]};
  }
  // The component of both ends of a geometry, or kInvalidId for a one-way
  // link between two components: a point there may be unable to reach, or be
  // reached from, the rest of either, so it is never snapped to.
  ComponentId geometry_component(GeometryId id) const {
    const EdgeId edge = geometry_forward_edge[id] != kInvalidId ? geometry_forward_edge[id]
                                                                 : geometry_backward_edge[id];
    const ComponentId source = node_component[edges[edge].source];
    return source == node_component[edges[edge].target] ? source : kInvalidId;
  }
};

}  // namespace pitstop
