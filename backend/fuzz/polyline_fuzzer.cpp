// Fuzzes decode_polyline, which reads OneMap's route geometry. The first byte
// selects the precision (0 to 7 decimal digits), the rest is the encoded text.
// The contract: it returns points or throws InputError, and re-encoding the
// decoded points gives text that decodes to the same points.

#include <cmath>
#include <vector>

#include "fuzz_support.hpp"
#include "geo/errors.hpp"
#include "geo/polyline.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const int precision = data[0] % 8;
  const auto encoded = pitstop::fuzz::as_text(data + 1, size - 1);

  std::vector<pitstop::LatLon> points;
  try {
    points = pitstop::decode_polyline(encoded, precision);
  } catch (const pitstop::InputError&) {
    return 0;
  }
  for (const auto& point : points) {
    if (!std::isfinite(point.lat) || !std::isfinite(point.lon)) {
      pitstop::fuzz::fail("decode_polyline returned a non-finite coordinate");
    }
  }

  const auto again = pitstop::decode_polyline(pitstop::encode_polyline(points, precision), precision);
  if (again.size() != points.size()) pitstop::fuzz::fail("polyline round trip changed the point count");
  const double tolerance = 0.5 * std::pow(10.0, -precision);
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (std::abs(again[i].lat - points[i].lat) > tolerance || std::abs(again[i].lon - points[i].lon) > tolerance) {
      pitstop::fuzz::fail("polyline round trip moved a point");
    }
  }
  return 0;
}
