#pragma once

// Random road networks with the hard cases of real extracts, and random
// points on them, for the contraction hierarchy tests.

#include <cstdint>
#include <random>

#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"
#include "ingest/road_network.hpp"
#include "support/hand_made_network.hpp"

namespace pitstop::testing {

constexpr int kRandomGridSize = 9;

// A grid of random links between neighbours, with the hard cases of real
// extracts: oneways both ways, missing links and a second, bent link between
// some neighbours. With equal_speeds, every link has the same speed factor,
// so that many paths tie.
inline RoadNetwork make_random_network(std::mt19937& random, bool equal_speeds) {
  RoadNetwork network;
  for (int row = 0; row < kRandomGridSize; ++row) {
    for (int column = 0; column < kRandomGridSize; ++column) {
      network.node_locations.push_back(grid_location(row, column));
    }
  }
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_real_distribution<double> speed_factor(0.4, 1.2);
  auto add_link = [&](std::uint32_t a, std::uint32_t b) {
    if (unit(random) < 0.1) return;
    if (unit(random) < 0.5) std::swap(a, b);
    const double direction = unit(random);
    const bool forward = direction < 0.85;
    const bool backward = direction < 0.7 || direction >= 0.85;
    const double factor = equal_speeds ? 1.0 : speed_factor(random);
    network.segments.push_back(make_segment(network, a, b, forward, backward, factor));
    if (unit(random) < 0.1) {
      // A parallel way that bends out: longer, and faster only with a higher speed factor.
      RoadSegment parallel = make_segment(network, a, b, true, true, equal_speeds ? 1.0 : speed_factor(random));
      LatLon middle = interpolate(parallel.geometry.front(), parallel.geometry.back(), 0.5);
      middle.lat += 0.0002;
      parallel.geometry.insert(parallel.geometry.begin() + 1, middle);
      parallel.length_m = testing::polyline_length_m(parallel.geometry);
      network.segments.push_back(parallel);
    }
  };
  for (int row = 0; row < kRandomGridSize; ++row) {
    for (int column = 0; column < kRandomGridSize; ++column) {
      const auto node = static_cast<std::uint32_t>(row * kRandomGridSize + column);
      if (column + 1 < kRandomGridSize) add_link(node, node + 1);
      if (row + 1 < kRandomGridSize) add_link(node, node + kRandomGridSize);
    }
  }
  return network;
}

// A point on geometry `geometry` at a random offset, or at either end.
inline SnappedPoint random_point_on(const RoadGraph& graph, GeometryId geometry, std::mt19937& random) {
  const double length_m = graph.geometry_length_m[geometry];
  std::uniform_int_distribution<int> where(0, 5);
  std::uniform_real_distribution<double> offset(0.0, length_m);
  SnappedPoint point;
  point.geometry = geometry;
  const int choice = where(random);
  if (choice == 0) {
    point.offset_m = 0.0;
  } else if (choice == 1) {
    point.offset_m = length_m;
  } else {
    point.offset_m = offset(random);
  }
  point.component = graph.geometry_component(geometry);
  return point;
}

}  // namespace pitstop::testing
