#pragma once

#include "geo/lat_lon.hpp"

namespace pitstop {

// A planar point in metres, east (x) and north (y) of a projection origin.
struct PlanarPoint {
  double x_m = 0.0;
  double y_m = 0.0;
};

// Equirectangular projection around a reference latitude. Distances are
// accurate to well under 1% within a few tens of kilometres of that latitude,
// which is enough to rank candidates in spatial indexes; final distances are
// measured with haversine_m.
class LocalProjection {
 public:
  explicit LocalProjection(double reference_lat_deg = 0.0);

  PlanarPoint to_planar(LatLon point) const;
  LatLon to_lat_lon(PlanarPoint point) const;

 private:
  double metres_per_degree_lat_;
  double metres_per_degree_lon_;
};

// Result of projecting a point onto a segment.
struct SegmentProjection {
  double fraction = 0.0;  // 0 at the segment start, 1 at its end
  double distance_m = 0.0;
  LatLon point;
};

// Projects `point` onto the segment a-b (clamped to its ends), in a local
// projection centred on `point`.
SegmentProjection project_onto_segment(LatLon point, LatLon a, LatLon b);

}  // namespace pitstop
