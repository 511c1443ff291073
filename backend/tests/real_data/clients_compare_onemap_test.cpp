#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "clients/onemap_client.hpp"
#include "clients/onemap_comparison.hpp"
#include "clients/parking_refresh.hpp"
#include "real_data/real_data_fixture.hpp"
#include "support/fake_onemap.hpp"

namespace pitstop {
namespace {

using testing::FakeOneMap;
using testing::json_reply;
using testing::kRoutePath;
using testing::StandInReply;
using testing::StandInRequest;

std::string read_text(const std::string& path) {
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

class ClientsCompareOneMap : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() / ("pitstop-compare-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder_);
    // A real OneMap response (Pandan Loop to Rebecca Road, polyline precision 6) for every route request.
    onemap_.set_route_body(read_text(testing::data_file("onemap/route-drive-pandan-to-rebecca-2019-polyline6.json")));
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  std::string write_pairs(const std::string& contents) const {
    const std::string path = (folder_ / "pairs.txt").string();
    std::ofstream(path) << contents;
    return path;
  }

  FakeOneMap onemap_;
  std::filesystem::path folder_;
};

TEST_F(ClientsCompareOneMap, ComparesSampleRoute) {
  // The map data does not reach Pandan Loop, so the trip starts on the sample route 2.3 km further on.
  const auto pairs = read_trip_pairs_file(write_pairs("1.316241,103.770572;1.32036,103.800156;Clementi to Rebecca\n"));
  const OneMapClient client(onemap_.client_settings());
  RouteComparisonOptions options;
  options.polyline_precision = 6;

  const auto rows = compare_routes_with_onemap(testing::singapore_data(), client, pairs, options);

  ASSERT_EQ(rows.size(), 1u);
  const RouteComparison& row = rows[0];
  EXPECT_TRUE(row.errors.empty()) << row.errors.front();
  ASSERT_TRUE(row.onemap_distance_m.has_value());
  ASSERT_TRUE(row.pitstop_distance_m.has_value());
  ASSERT_TRUE(row.overlap_share.has_value());
  EXPECT_DOUBLE_EQ(*row.onemap_distance_m, 7957.0);
  EXPECT_DOUBLE_EQ(*row.onemap_time_s, 740.0);
  EXPECT_GT(*row.pitstop_distance_m, 2500.0);  // at least the straight line of 3.3 km, less the snapping
  EXPECT_LT(*row.pitstop_distance_m, 8000.0);
  // PitStop rides south through Holland while this drive route takes Ulu Pandan
  // Road, so the two share little more than the last few hundred metres.
  EXPECT_GT(*row.overlap_share, 0.0);
  EXPECT_LT(*row.overlap_share, 0.5);
  const auto request = onemap_.server().requests().back();
  EXPECT_EQ(request.path, kRoutePath);
  EXPECT_EQ(request.query_value("routeType"), "cycle");
  EXPECT_EQ(request.query_value("start"), "1.316241,103.770572");
}

TEST_F(ClientsCompareOneMap, ReportListsFailures) {
  onemap_.set_intercept([](const StandInRequest& request) -> std::optional<StandInReply> {
    if (request.path == kRoutePath && request.query_value("start").starts_with("1.319231")) {
      return json_reply(400, R"({"error": "Invalid start"})");
    }
    return std::nullopt;
  });
  const auto pairs = read_trip_pairs_file(write_pairs(
      "# start;destination;label\n"
      "1.316241,103.770572;1.32036,103.800156;Clementi to Rebecca\n"
      "1.319231,103.771637;1.32036,103.800156;OneMap refuses\n"
      "no such place anywhere;1.32036,103.800156;Unknown start\n"));
  const OneMapClient client(onemap_.client_settings());
  RouteComparisonOptions options;
  options.polyline_precision = 6;

  const auto rows = compare_routes_with_onemap(testing::singapore_data(), client, pairs, options);
  const std::string report_path = (folder_ / "report.md").string();
  write_file_atomically(report_path, format_comparison_markdown(rows, options));
  const std::string report = read_text(report_path);

  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(rows[0].errors.empty());
  ASSERT_EQ(rows[1].errors.size(), 1u);
  EXPECT_TRUE(rows[1].pitstop_distance_m.has_value());  // PitStop's side still computed
  EXPECT_NE(rows[1].errors[0].find("HTTP 400"), std::string::npos) << rows[1].errors[0];
  ASSERT_EQ(rows[2].errors.size(), 1u);
  EXPECT_NE(report.find("| Clementi to Rebecca | "), std::string::npos) << report;
  EXPECT_NE(report.find("1 of 3 pairs compared in full."), std::string::npos) << report;
  EXPECT_NE(report.find("- OneMap refuses (line 3): OneMap: onemap: the route request failed with HTTP 400"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("- Unknown start (line 4): "), std::string::npos) << report;
}

}  // namespace
}  // namespace pitstop
