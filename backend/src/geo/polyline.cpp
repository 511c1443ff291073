#include "geo/polyline.hpp"

#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "geo/errors.hpp"

namespace pitstop {
namespace {

void append_value(std::int64_t value, std::string& out) {
  std::uint64_t zigzag = value < 0 ? ~(static_cast<std::uint64_t>(value) << 1)
                                   : static_cast<std::uint64_t>(value) << 1;
  while (zigzag >= 0x20) {
    out.push_back(static_cast<char>((0x20 | (zigzag & 0x1f)) + 63));
    zigzag >>= 5;
  }
  out.push_back(static_cast<char>(zigzag + 63));
}

std::int64_t read_value(std::string_view encoded, std::size_t& position) {
  std::uint64_t result = 0;
  int shift = 0;
  while (true) {
    if (position >= encoded.size()) {
      throw InputError(fmt::format("invalid polyline: truncated value at character {}", position));
    }
    const int chunk = static_cast<unsigned char>(encoded[position]) - 63;
    if (chunk < 0 || chunk > 63) {
      throw InputError(fmt::format("invalid polyline: character {} is outside '?'..'~'", position));
    }
    // 35 bits hold any coordinate delta up to precision 7; longer values are malformed.
    if (shift > 30) {
      throw InputError(fmt::format("invalid polyline: value too long at character {}", position));
    }
    ++position;
    result |= static_cast<std::uint64_t>(chunk & 0x1f) << shift;
    shift += 5;
    if (chunk < 0x20) break;
  }
  return (result & 1) ? ~static_cast<std::int64_t>(result >> 1) : static_cast<std::int64_t>(result >> 1);
}

}  // namespace

std::string encode_polyline(const std::vector<LatLon>& points, int precision) {
  const double factor = std::pow(10.0, precision);
  std::string out;
  out.reserve(points.size() * 8);
  std::int64_t previous_lat = 0;
  std::int64_t previous_lon = 0;
  for (const LatLon& point : points) {
    const auto lat = static_cast<std::int64_t>(std::llround(point.lat * factor));
    const auto lon = static_cast<std::int64_t>(std::llround(point.lon * factor));
    append_value(lat - previous_lat, out);
    append_value(lon - previous_lon, out);
    previous_lat = lat;
    previous_lon = lon;
  }
  return out;
}

std::vector<LatLon> decode_polyline(std::string_view encoded, int precision) {
  const double factor = std::pow(10.0, precision);
  std::vector<LatLon> points;
  std::size_t position = 0;
  std::int64_t lat = 0;
  std::int64_t lon = 0;
  while (position < encoded.size()) {
    lat += read_value(encoded, position);
    lon += read_value(encoded, position);
    points.push_back({static_cast<double>(lat) / factor, static_cast<double>(lon) / factor});
  }
  return points;
}

}  // namespace pitstop
