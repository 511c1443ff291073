#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "geo/lat_lon.hpp"

namespace pitstop {

// Encoded polyline, the format of Google, OSRM and OneMap: each coordinate is
// rounded to 10^-precision degrees and stored as zig-zag varint deltas in
// printable ASCII.
std::string encode_polyline(const std::vector<LatLon>& points, int precision = 5);

// Decodes an encoded polyline. Throws InputError on truncated or malformed text.
std::vector<LatLon> decode_polyline(std::string_view encoded, int precision = 5);

}  // namespace pitstop
