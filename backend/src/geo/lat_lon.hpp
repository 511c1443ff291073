#pragma once

#include <string>
#include <string_view>

namespace pitstop {

// A WGS84 position in degrees.
struct LatLon {
  double lat = 0.0;
  double lon = 0.0;

  friend bool operator==(const LatLon&, const LatLon&) = default;
};

constexpr double kEarthRadius_m = 6371008.8;

// Great-circle distance in metres.
double haversine_m(LatLon a, LatLon b);

// Initial bearing from a to b in degrees, 0 = north, clockwise, in [0, 360).
double bearing_deg(LatLon a, LatLon b);

// Point at `fraction` (0..1) of the straight segment from a to b.
LatLon interpolate(LatLon a, LatLon b, double fraction);

// True when lat is in [-90, 90], lon in [-180, 180] and both are finite.
bool is_valid(LatLon point);

// Parses "LAT,LON" (spaces allowed around each number). Throws
// InvalidCoordinateError naming the text when it is not two finite numbers in range.
LatLon parse_lat_lon(std::string_view text);

// Returns the "LAT,LON" form of a point, rounded to 6 decimals (about 0.1 m).
std::string format_lat_lon(LatLon point);

}  // namespace pitstop
