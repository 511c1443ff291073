#include "geo/lat_lon.hpp"

#include <charconv>
#include <cmath>
#include <numbers>
#include <optional>

#include <fmt/format.h>

#include "geo/errors.hpp"

namespace pitstop {
namespace {

double to_radians(double degrees) { return degrees * std::numbers::pi / 180.0; }
double to_degrees(double radians) { return radians * 180.0 / std::numbers::pi; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0.0;
  const auto* end = text.data() + text.size();
  auto [ptr, error] = std::from_chars(text.data(), end, value, std::chars_format::fixed);
  if (text.empty() || error != std::errc() || ptr != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

double haversine_m(LatLon a, LatLon b) {
  const double dlat = to_radians(b.lat - a.lat);
  const double dlon = to_radians(b.lon - a.lon);
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(to_radians(a.lat)) * std::cos(to_radians(b.lat)) *
                       std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * kEarthRadius_m * std::asin(std::min(1.0, std::sqrt(h)));
}

double bearing_deg(LatLon a, LatLon b) {
  const double lat1 = to_radians(a.lat);
  const double lat2 = to_radians(b.lat);
  const double dlon = to_radians(b.lon - a.lon);
  const double y = std::sin(dlon) * std::cos(lat2);
  const double x = std::cos(lat1) * std::sin(lat2) - std::sin(lat1) * std::cos(lat2) * std::cos(dlon);
  const double bearing = to_degrees(std::atan2(y, x));
  return std::fmod(bearing + 360.0, 360.0);
}

LatLon interpolate(LatLon a, LatLon b, double fraction) {
  return {a.lat + (b.lat - a.lat) * fraction, a.lon + (b.lon - a.lon) * fraction};
}

bool is_valid(LatLon point) {
  return std::isfinite(point.lat) && std::isfinite(point.lon) && point.lat >= -90.0 &&
         point.lat <= 90.0 && point.lon >= -180.0 && point.lon <= 180.0;
}

LatLon parse_lat_lon(std::string_view text) {
  const auto comma = text.find(',');
  if (comma == std::string_view::npos || text.find(',', comma + 1) != std::string_view::npos) {
    throw InvalidCoordinateError(fmt::format(
        "invalid coordinate '{}': expected LAT,LON in decimal degrees, e.g. 1.3521,103.8198", text));
  }
  const auto lat = parse_number(text.substr(0, comma));
  const auto lon = parse_number(text.substr(comma + 1));
  if (!lat || !lon) {
    throw InvalidCoordinateError(fmt::format(
        "invalid coordinate '{}': LAT and LON must be decimal numbers, e.g. 1.3521,103.8198", text));
  }
  const LatLon point{*lat, *lon};
  if (!is_valid(point)) {
    throw InvalidCoordinateError(fmt::format(
        "invalid coordinate '{}': latitude must be within -90..90 and longitude within -180..180",
        text));
  }
  return point;
}

std::string format_lat_lon(LatLon point) { return fmt::format("{:.6f},{:.6f}", point.lat, point.lon); }

}  // namespace pitstop
