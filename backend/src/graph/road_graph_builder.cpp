#include "graph/road_graph_builder.hpp"

#include <algorithm>
#include <numeric>

#include "graph/connected_components.hpp"

namespace pitstop {
namespace {

double duration_s(double length_m, double speed_factor) {
  const double speed_mps = CyclingProfile::kBaseSpeed_kmh * speed_factor / 3.6;
  return length_m / speed_mps;
}

Edge make_edge(const RoadSegment& segment, GeometryId geometry, bool reversed) {
  Edge edge;
  edge.source = reversed ? segment.to_node : segment.from_node;
  edge.target = reversed ? segment.from_node : segment.to_node;
  edge.duration_s = duration_s(segment.length_m, segment.speed_factor);
  edge.length_m = segment.length_m;
  edge.geometry = geometry;
  edge.reversed = reversed;
  edge.way_type = segment.way_type;
  edge.name_id = segment.name_id;
  return edge;
}

void store_geometries(const RoadNetwork& network, RoadGraph& graph) {
  graph.geometry_first_point.reserve(network.segments.size() + 1);
  graph.geometry_first_point.push_back(0);
  for (const RoadSegment& segment : network.segments) {
    graph.geometry_points.insert(graph.geometry_points.end(), segment.geometry.begin(),
                                 segment.geometry.end());
    graph.geometry_first_point.push_back(static_cast<std::uint32_t>(graph.geometry_points.size()));
    graph.geometry_length_m.push_back(segment.length_m);
  }
}

std::vector<Edge> collect_edges(const RoadNetwork& network) {
  std::vector<Edge> edges;
  edges.reserve(network.segments.size() * 2);
  for (GeometryId id = 0; id < network.segments.size(); ++id) {
    const RoadSegment& segment = network.segments[id];
    if (segment.forward) edges.push_back(make_edge(segment, id, false));
    if (segment.backward) edges.push_back(make_edge(segment, id, true));
  }
  std::stable_sort(edges.begin(), edges.end(),
                   [](const Edge& a, const Edge& b) { return a.source < b.source; });
  return edges;
}

void index_out_edges(RoadGraph& graph) {
  graph.first_out.assign(graph.node_count() + 1, 0);
  for (const Edge& edge : graph.edges) ++graph.first_out[edge.source + 1];
  std::partial_sum(graph.first_out.begin(), graph.first_out.end(), graph.first_out.begin());
}

void index_in_edges(RoadGraph& graph) {
  graph.first_in.assign(graph.node_count() + 1, 0);
  for (const Edge& edge : graph.edges) ++graph.first_in[edge.target + 1];
  std::partial_sum(graph.first_in.begin(), graph.first_in.end(), graph.first_in.begin());

  graph.in_edges.resize(graph.edges.size());
  std::vector<std::uint32_t> next = graph.first_in;
  for (EdgeId id = 0; id < graph.edges.size(); ++id) {
    graph.in_edges[next[graph.edges[id].target]++] = id;
  }
}

void link_geometries_to_edges(RoadGraph& graph) {
  graph.geometry_forward_edge.assign(graph.geometry_count(), kInvalidId);
  graph.geometry_backward_edge.assign(graph.geometry_count(), kInvalidId);
  for (EdgeId id = 0; id < graph.edges.size(); ++id) {
    const Edge& edge = graph.edges[id];
    auto& slot = edge.reversed ? graph.geometry_backward_edge : graph.geometry_forward_edge;
    slot[edge.geometry] = id;
  }
}

}  // namespace

RoadGraph build_road_graph(RoadNetwork network) {
  RoadGraph graph;
  graph.node_locations = std::move(network.node_locations);
  graph.street_names = std::move(network.street_names);

  store_geometries(network, graph);
  graph.edges = collect_edges(network);
  index_out_edges(graph);
  index_in_edges(graph);
  link_geometries_to_edges(graph);

  const ComponentLabels components = label_strong_components(graph);
  graph.node_component = components.node_component;
  graph.component_node_count = components.component_node_count;
  return graph;
}

}  // namespace pitstop
