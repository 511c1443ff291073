// Fuzzes parse_lat_lon, which reads every "LAT,LON" value from the command
// line, the HTTP API and search text. The contract: it returns a valid point
// or throws InvalidCoordinateError, and a returned point survives a round
// trip through format_lat_lon.

#include <cmath>

#include "fuzz_support.hpp"
#include "geo/errors.hpp"
#include "geo/lat_lon.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  pitstop::LatLon point;
  try {
    point = pitstop::parse_lat_lon(pitstop::fuzz::as_text(data, size));
  } catch (const pitstop::InvalidCoordinateError&) {
    return 0;
  }
  if (!pitstop::is_valid(point)) pitstop::fuzz::fail("parse_lat_lon returned an invalid point");

  // format_lat_lon rounds to 6 decimals, and the rounded text must parse again.
  const pitstop::LatLon again = pitstop::parse_lat_lon(pitstop::format_lat_lon(point));
  if (std::abs(again.lat - point.lat) > 1e-6 || std::abs(again.lon - point.lon) > 1e-6) {
    pitstop::fuzz::fail("format_lat_lon and parse_lat_lon do not round-trip");
  }
  return 0;
}
