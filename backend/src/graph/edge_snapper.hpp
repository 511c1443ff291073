#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "geo/lat_lon.hpp"
#include "graph/road_graph.hpp"

namespace pitstop {

// A position moved onto the nearest point of a routable edge geometry: the
// source or target of a search that may begin in the middle of an edge.
struct SnappedPoint {
  LatLon input;
  LatLon location;  // on the geometry
  double snap_distance_m = 0.0;
  GeometryId geometry = kInvalidId;
  double offset_m = 0.0;  // distance along the geometry from its first point
  ComponentId component = kInvalidId;
};

// Finds the nearest points on the graph's edge geometries with an R-tree of
// their segments.
class EdgeSnapper {
 public:
  explicit EdgeSnapper(const RoadGraph& graph);
  ~EdgeSnapper();
  EdgeSnapper(const EdgeSnapper&) = delete;
  EdgeSnapper& operator=(const EdgeSnapper&) = delete;

  // The nearest point of each component within max_distance_m, nearest first.
  std::vector<SnappedPoint> candidates(LatLon point, double max_distance_m) const;

  // The nearest point within max_distance_m, if any.
  std::optional<SnappedPoint> nearest(LatLon point, double max_distance_m) const;

 private:
  struct SegmentTree;

  const RoadGraph& graph_;
  std::unique_ptr<SegmentTree> tree_;
};

// Start and destination snapped onto one connected piece of the network.
struct SnappedTrip {
  SnappedPoint start;
  SnappedPoint destination;
};

// Snaps both ends of a trip onto the same component, preferring the pair with
// the smallest total snap distance. Throws SnapError when an end is farther
// than max_distance_m from every edge, or when no component lies within reach
// of both.
SnappedTrip snap_trip(const EdgeSnapper& snapper, const RoadGraph& graph, LatLon start,
                      LatLon destination, double max_distance_m);

}  // namespace pitstop
