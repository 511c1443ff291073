#pragma once

// Helpers that build small road networks by hand for the graph, snapping and
// routing unit tests.

#include <cstdint>
#include <vector>

#include "geo/lat_lon.hpp"
#include "ingest/road_network.hpp"

namespace pitstop::testing {

// Grid spacing: 0.001 degrees is about 111 m at latitude 1.30.
constexpr double kStep_deg = 0.001;

inline LatLon grid_location(int row, int column) {
  return {1.30 + row * kStep_deg, 103.80 + column * kStep_deg};
}

inline double polyline_length_m(const std::vector<LatLon>& points) {
  double length_m = 0.0;
  for (std::size_t i = 0; i + 1 < points.size(); ++i) length_m += haversine_m(points[i], points[i + 1]);
  return length_m;
}

// A straight segment between two nodes of `network`.
inline RoadSegment make_segment(const RoadNetwork& network, std::uint32_t from, std::uint32_t to, bool forward,
                                bool backward, double speed_factor = 1.0) {
  RoadSegment segment;
  segment.from_node = from;
  segment.to_node = to;
  segment.geometry = {network.node_locations[from], network.node_locations[to]};
  segment.length_m = polyline_length_m(segment.geometry);
  segment.forward = forward;
  segment.backward = backward;
  segment.speed_factor = speed_factor;
  return segment;
}

}  // namespace pitstop::testing
