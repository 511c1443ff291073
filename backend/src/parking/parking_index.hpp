#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/point.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "geo/lat_lon.hpp"
#include "geo/local_projection.hpp"
#include "parking/parking_spot.hpp"

namespace pitstop {

// Spatial index over parking spots. An R-tree in a local planar projection
// preselects candidates, and haversine_m decides which of them match and in
// what order. Searches return indices into spots(), nearest first, with ties
// broken by the lower index.
class ParkingIndex {
 public:
  explicit ParkingIndex(std::vector<ParkingSpot> spots);

  const std::vector<ParkingSpot>& spots() const { return spots_; }

  // Returns the spots at most radius_m from center, or an empty list for a
  // negative or NaN radius. Throws InvalidCoordinateError for an invalid center.
  std::vector<std::size_t> within_radius(LatLon center, double radius_m) const;

  // Returns up to `count` spots nearest to center that are at most
  // max_distance_m away. Pass infinity for no distance limit. Throws
  // InvalidCoordinateError for an invalid center.
  std::vector<std::size_t> nearest(LatLon center, std::size_t count, double max_distance_m) const;

  // Returns the spot with this id, or nullptr. When several spots share an id
  // (the DataMall loader never produces that), the first one is returned.
  const ParkingSpot* find_by_id(std::string_view id) const;

 private:
  using PlanarPoint2d = boost::geometry::model::point<double, 2, boost::geometry::cs::cartesian>;
  using PlanarBox = boost::geometry::model::box<PlanarPoint2d>;
  using RtreeEntry = std::pair<PlanarPoint2d, std::size_t>;
  using Rtree = boost::geometry::index::rtree<RtreeEntry, boost::geometry::index::rstar<16>>;

  PlanarPoint2d to_rtree_point(LatLon point) const;
  std::vector<RtreeEntry> make_rtree_entries() const;

  std::vector<ParkingSpot> spots_;
  LocalProjection projection_;
  Rtree rtree_;
  std::map<std::string, std::size_t, std::less<>> index_by_id_;
};

}  // namespace pitstop
