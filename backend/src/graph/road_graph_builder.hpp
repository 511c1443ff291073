#pragma once

#include "graph/road_graph.hpp"
#include "ingest/road_network.hpp"

namespace pitstop {

// Builds the CSR graph, the shared geometries and the strongly connected components from
// ingest's segments. Edge durations use the profile's base speed.
RoadGraph build_road_graph(RoadNetwork network);

}  // namespace pitstop
