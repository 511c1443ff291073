#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "contraction/contraction_hierarchy.hpp"
#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"

namespace pitstop {

// Fastest times between one point and every point of a fixed set, on a
// contraction hierarchy, with buckets (Knopp, Sanders, Schultes, Schulz and
// Wagner, "Computing Many-to-Many Shortest Paths Using Highway Hierarchies",
// 2007). The constructor runs one upward search per set point in each
// direction and stores, at every node it settles, the point and the time
// between node and point. A query then needs one upward search from the
// other point, scanning the buckets of the nodes it settles.
//
// The times equal the Dijkstra search's up to floating-point rounding.
// Queries may run on several threads at once: each thread keeps its own
// search state.
class BucketSearch {
 public:
  BucketSearch(const RoadGraph& graph, const ContractionHierarchy& hierarchy, std::vector<SnappedPoint> points);

  // Times from `origin` to every set point, at the profile's base speed:
  // exact for every point within max_duration_s, and for others either exact,
  // slower than max_duration_s, or infinity.
  void times_from(const SnappedPoint& origin, double max_duration_s, std::vector<double>& times) const;

  // Times from every set point to `destination`, exact for all.
  void times_to(const SnappedPoint& destination, std::vector<double>& times) const;

  std::size_t point_count() const { return points_.size(); }
  std::size_t bucket_entry_count() const { return to_points_.entries.size() + from_points_.entries.size(); }

 private:
  struct BucketEntry {
    std::uint32_t point = 0;
    double duration_s = 0.0;  // between the bucket's node and the point
  };
  // Bucket of node n: entries[first[n] .. first[n + 1]).
  struct Buckets {
    std::vector<std::uint32_t> first;
    std::vector<BucketEntry> entries;
  };

  void add_direct_rides(const SnappedPoint& other, bool other_is_origin, std::vector<double>& times) const;

  const RoadGraph& graph_;
  const ContractionHierarchy& hierarchy_;
  std::vector<SnappedPoint> points_;
  Buckets to_points_;    // filled by backward searches from the points
  Buckets from_points_;  // filled by forward searches from the points
  // (geometry, point index) pairs sorted by geometry, for rides along one geometry.
  std::vector<std::pair<GeometryId, std::uint32_t>> points_by_geometry_;
};

}  // namespace pitstop
