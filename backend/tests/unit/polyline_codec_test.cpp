#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "geo/errors.hpp"
#include "geo/lat_lon.hpp"
#include "geo/polyline.hpp"

namespace pitstop {
namespace {

// The worked example of Google's "Encoded Polyline Algorithm Format" page.
const std::vector<LatLon> kGooglePoints{{38.5, -120.2}, {40.7, -120.95}, {43.252, -126.453}};
constexpr const char* kGoogleEncoded = "_p~iF~ps|U_ulLnnqC_mqNvxq`@";

// Random points around Singapore, rounded to 10^-precision degrees so that
// encoding loses nothing.
std::vector<LatLon> make_random_points(std::mt19937& random, std::size_t count, int precision) {
  const double factor = std::pow(10.0, precision);
  std::uniform_real_distribution<double> lat(1.15, 1.47);
  std::uniform_real_distribution<double> lon(103.6, 104.1);
  std::vector<LatLon> points;
  for (std::size_t i = 0; i < count; ++i) {
    points.push_back({std::round(lat(random) * factor) / factor, std::round(lon(random) * factor) / factor});
  }
  return points;
}

void expect_round_trip(const std::vector<LatLon>& points, int precision) {
  const double tolerance = 1e-3 * std::pow(10.0, -precision);
  const std::vector<LatLon> decoded = decode_polyline(encode_polyline(points, precision), precision);
  ASSERT_EQ(decoded.size(), points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    SCOPED_TRACE("point " + std::to_string(i));
    EXPECT_NEAR(decoded[i].lat, points[i].lat, tolerance);
    EXPECT_NEAR(decoded[i].lon, points[i].lon, tolerance);
  }
}

TEST(Polyline, EncodesGoogleExample) { EXPECT_EQ(encode_polyline(kGooglePoints), kGoogleEncoded); }

TEST(Polyline, DecodesGoogleExample) {
  const std::vector<LatLon> decoded = decode_polyline(kGoogleEncoded);
  ASSERT_EQ(decoded.size(), kGooglePoints.size());
  for (std::size_t i = 0; i < decoded.size(); ++i) {
    SCOPED_TRACE("point " + std::to_string(i));
    EXPECT_DOUBLE_EQ(decoded[i].lat, kGooglePoints[i].lat);
    EXPECT_DOUBLE_EQ(decoded[i].lon, kGooglePoints[i].lon);
  }
}

TEST(Polyline, RoundTripPrecision5) {
  std::mt19937 random(5);
  expect_round_trip(make_random_points(random, 500, 5), 5);
}

TEST(Polyline, RoundTripPrecision6) {
  std::mt19937 random(6);
  expect_round_trip(make_random_points(random, 500, 6), 6);
}

TEST(Polyline, RoundsToPrecision) {
  const std::vector<LatLon> decoded = decode_polyline(encode_polyline({{1.3521049, 103.8198151}}, 5), 5);
  ASSERT_EQ(decoded.size(), 1u);
  EXPECT_DOUBLE_EQ(decoded[0].lat, 1.35210);
  EXPECT_DOUBLE_EQ(decoded[0].lon, 103.81982);
}

TEST(Polyline, Precision6DiffersFrom5) {
  const std::vector<LatLon> points{{1.352104, 103.819815}};
  EXPECT_NE(encode_polyline(points, 6), encode_polyline(points, 5));
  const std::vector<LatLon> decoded = decode_polyline(encode_polyline(points, 6), 6);
  ASSERT_EQ(decoded.size(), 1u);
  EXPECT_NEAR(decoded[0].lat, 1.352104, 1e-9);
  EXPECT_NEAR(decoded[0].lon, 103.819815, 1e-9);
}

TEST(Polyline, EmptyInput) {
  EXPECT_EQ(encode_polyline({}), "");
  EXPECT_TRUE(decode_polyline("").empty());
}

TEST(Polyline, NegativeValues) {
  // Google's page encodes -179.9832104 as "`~oia@". A longitude of 0 encodes as "?".
  EXPECT_EQ(encode_polyline({{-179.9832104, 0.0}}), "`~oia@?");

  const std::vector<LatLon> sydney{{-33.8688, 151.2093}};
  EXPECT_EQ(encode_polyline(sydney), "~~umEca|y[");
  expect_round_trip({{-33.8688, 151.2093}, {-33.9, -70.6}, {-0.00001, -0.00001}, {0.0, 0.0}}, 5);
}

TEST(Polyline, TruncatedLastValueThrows) {
  const std::string encoded = kGoogleEncoded;
  EXPECT_THROW(decode_polyline(encoded.substr(0, encoded.size() - 1)), InputError);
}

TEST(Polyline, MissingLongitudeThrows) {
  // "_p~iF" is the first latitude alone.
  EXPECT_THROW(decode_polyline("_p~iF"), InputError);
}

TEST(Polyline, CharacterBelowQuestionMarkThrows) {
  std::string encoded = kGoogleEncoded;
  encoded[5] = '>';
  EXPECT_THROW(decode_polyline(encoded), InputError);
  EXPECT_THROW(decode_polyline("_p~iF ~ps|U"), InputError);
}

TEST(Polyline, CharacterAboveTildeThrows) {
  EXPECT_THROW(decode_polyline("_p~iF\x7f"), InputError);
}

TEST(Polyline, OverlongValueThrows) {
  EXPECT_THROW(decode_polyline("~~~~~~~~~~~~?"), InputError);
}

}  // namespace
}  // namespace pitstop
