#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

#include "clients/onemap_comparison.hpp"
#include "geo/errors.hpp"

namespace pitstop {
namespace {

constexpr double kMetresPerDegree = 111195.0;

// A straight line eastwards of `length_m`, `north_m` north of the origin, one point every 50 m.
std::vector<LatLon> east_line(double north_m, double length_m, double start_m = 0.0) {
  const double metres_per_degree_lon = kMetresPerDegree * std::cos(1.3 * M_PI / 180.0);
  std::vector<LatLon> line;
  for (double x = start_m; x <= start_m + length_m + 1e-9; x += 50.0) {
    line.push_back({1.3 + north_m / kMetresPerDegree, 103.8 + x / metres_per_degree_lon});
  }
  return line;
}

TEST(ClientsRouteOverlap, SameLineOverlapsFully) {
  const auto line = east_line(0, 1000);
  EXPECT_NEAR(share_within_distance(line, line, 20.0), 1.0, 1e-9);
}

TEST(ClientsRouteOverlap, ParallelLineWithinTolerance) {
  EXPECT_NEAR(share_within_distance(east_line(10, 1000), east_line(0, 1000), 20.0), 1.0, 1e-9);
  EXPECT_NEAR(share_within_distance(east_line(30, 1000), east_line(0, 1000), 20.0), 0.0, 1e-9);
}

TEST(ClientsRouteOverlap, HalfSharedLine) {
  // The reference covers the first 500 m of a 1000 m line.
  const double share = share_within_distance(east_line(0, 1000), east_line(0, 500), 20.0);
  EXPECT_NEAR(share, 0.52, 0.01);  // 500 m plus the 20 m tolerance past the reference's end
}

TEST(ClientsRouteOverlap, DegenerateLinesGiveZero) {
  EXPECT_DOUBLE_EQ(share_within_distance({}, east_line(0, 100), 20.0), 0.0);
  EXPECT_DOUBLE_EQ(share_within_distance(east_line(0, 100), {{1.3, 103.8}}, 20.0), 0.0);
}

class ClientsTripPairs : public ::testing::Test {
 protected:
  void write(const std::string& contents) {
    path_ = (std::filesystem::temp_directory_path() / ("pitstop-pairs-" + std::to_string(::getpid()) + ".txt")).string();
    std::ofstream(path_) << contents;
  }
  void TearDown() override {
    if (!path_.empty()) std::filesystem::remove(path_);
  }
  std::string path_;
};

TEST_F(ClientsTripPairs, ReadsPairsLabelsAndComments) {
  write("# start;destination;label\n\nBishan MRT;Toa Payoh MRT;short hop\n1.3328,103.8471 ; 1.3112,103.7962\n");

  const auto pairs = read_trip_pairs_file(path_);

  ASSERT_EQ(pairs.size(), 2u);
  EXPECT_EQ(pairs[0].from, "Bishan MRT");
  EXPECT_EQ(pairs[0].to, "Toa Payoh MRT");
  EXPECT_EQ(pairs[0].label, "short hop");
  EXPECT_EQ(pairs[0].line_number, 3u);
  EXPECT_EQ(pairs[1].from, "1.3328,103.8471");
  EXPECT_EQ(pairs[1].to, "1.3112,103.7962");
  EXPECT_EQ(pairs[1].label, "1.3328,103.8471 to 1.3112,103.7962");
}

TEST_F(ClientsTripPairs, MalformedLineNamesLineNumber) {
  write("Bishan MRT;Toa Payoh MRT\nonly one field\n");

  try {
    read_trip_pairs_file(path_);
    FAIL() << "a line with one field was accepted";
  } catch (const DataFileError& error) {
    EXPECT_NE(std::string(error.what()).find("line 2"), std::string::npos) << error.what();
  }
}

TEST(ClientsComparisonReport, MarkdownAndCsvShowMissingValues) {
  RouteComparison complete;
  complete.pair = {"a", "b", "A | B", 1};
  complete.from = LatLon{1.3, 103.8};
  complete.to = LatLon{1.31, 103.81};
  complete.pitstop_distance_m = 2000.0;
  complete.pitstop_time_s = 480.0;
  complete.onemap_distance_m = 2500.0;
  complete.onemap_time_s = 600.0;
  complete.overlap_share = 0.75;
  RouteComparison failed;
  failed.pair = {"x", "y", "X to Y", 2};
  failed.errors = {"OneMap: onemap: the route request failed with HTTP 500"};

  const std::string markdown = format_comparison_markdown({complete, failed}, RouteComparisonOptions{});
  EXPECT_NE(markdown.find("| A \\| B | 2.00 | 2.50 | 8.0 | 10.0 | 75% |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("| X to Y |  |  |  |  |  |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("1 of 2 pairs compared in full. Mean overlap 75%"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("- X to Y (line 2): OneMap: onemap: the route request failed with HTTP 500"),
            std::string::npos)
      << markdown;

  const std::string csv = format_comparison_csv({complete, failed});
  EXPECT_NE(csv.find("A | B,\"1.300000,103.800000\",\"1.310000,103.810000\",2000.0,2500.0,480.0,600.0,0.7500,\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("X to Y,,,,,,,,OneMap: onemap: the route request failed with HTTP 500\n"), std::string::npos)
      << csv;
}

}  // namespace
}  // namespace pitstop
