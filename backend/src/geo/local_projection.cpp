#include "geo/local_projection.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace pitstop {

LocalProjection::LocalProjection(double reference_lat_deg)
    : metres_per_degree_lat_(kEarthRadius_m * std::numbers::pi / 180.0),
      metres_per_degree_lon_(metres_per_degree_lat_ *
                             std::cos(reference_lat_deg * std::numbers::pi / 180.0)) {}

PlanarPoint LocalProjection::to_planar(LatLon point) const {
  return {point.lon * metres_per_degree_lon_, point.lat * metres_per_degree_lat_};
}

LatLon LocalProjection::to_lat_lon(PlanarPoint point) const {
  return {point.y_m / metres_per_degree_lat_, point.x_m / metres_per_degree_lon_};
}

SegmentProjection project_onto_segment(LatLon point, LatLon a, LatLon b) {
  const LocalProjection projection(point.lat);
  const PlanarPoint p = projection.to_planar(point);
  const PlanarPoint pa = projection.to_planar(a);
  const PlanarPoint pb = projection.to_planar(b);

  const double dx = pb.x_m - pa.x_m;
  const double dy = pb.y_m - pa.y_m;
  const double length_squared = dx * dx + dy * dy;
  double fraction = 0.0;
  if (length_squared > 0.0) {
    fraction = ((p.x_m - pa.x_m) * dx + (p.y_m - pa.y_m) * dy) / length_squared;
    fraction = std::clamp(fraction, 0.0, 1.0);
  }

  SegmentProjection result;
  result.fraction = fraction;
  result.point = interpolate(a, b, fraction);
  result.distance_m = haversine_m(point, result.point);
  return result;
}

}  // namespace pitstop
