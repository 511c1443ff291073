#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "clients/onemap_client.hpp"
#include "clients/onemap_responses.hpp"
#include "clients/service_error.hpp"
#include "real_data/real_data_fixture.hpp"
#include "support/fake_onemap.hpp"

namespace pitstop {
namespace {

using testing::FakeOneMap;

std::string read_sample(const std::string& name) {
  std::ifstream file(testing::data_file("onemap/" + name));
  if (!file) throw std::runtime_error("missing OneMap sample " + name);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(ClientsOneMapSamples, SearchCompassvaleThroughClient) {
  FakeOneMap onemap;
  onemap.set_search_body(read_sample("search-compassvale-vista-2025.json"));
  const OneMapClient client(onemap.client_settings());

  const OneMapSearchPage page = client.search("compassvale vista");

  EXPECT_EQ(page.found, 1);  // a JSON number in this response
  EXPECT_EQ(page.total_pages, 1);
  EXPECT_EQ(page.page_number, 1);
  ASSERT_EQ(page.places.size(), 1u);
  const Place& place = page.places[0];
  EXPECT_EQ(place.name, "COMPASSVALE VISTA");
  EXPECT_EQ(place.kind, PlaceKind::Address);
  EXPECT_NEAR(place.location.lat, 1.38771174427547, 1e-12);
  EXPECT_NEAR(place.location.lon, 103.899302425122, 1e-12);
  ASSERT_TRUE(place.address);
  EXPECT_EQ(place.address->block_number, "226B");
  EXPECT_EQ(place.address->road_name, "COMPASSVALE WALK");
  EXPECT_EQ(place.address->building, "COMPASSVALE VISTA");
  EXPECT_EQ(place.address->full_address, "226B COMPASSVALE WALK COMPASSVALE VISTA SINGAPORE 542226");
  EXPECT_EQ(place.address->postal_code, "542226");
  EXPECT_EQ(place.address->svy21_x, "35343.1499079037");
  EXPECT_EQ(place.address->svy21_y, "41071.7320690025");
}

TEST(ClientsOneMapSamples, SearchNewtonRoad) {
  const OneMapSearchPage page = parse_onemap_search(read_sample("search-newton-rd-2020.json"));

  EXPECT_EQ(page.found, 5);
  ASSERT_EQ(page.places.size(), 2u);
  EXPECT_EQ(page.results_skipped, 0u);
  EXPECT_EQ(page.places[0].name, "INLAND REVENUE AUTHORITY OF SINGAPORE (IRAS)");
  EXPECT_EQ(page.places[0].address->postal_code, "307987");
  EXPECT_EQ(page.places[1].name, "REVENUE HOUSE");
  EXPECT_EQ(page.places[1].detail, "55 NEWTON ROAD, SINGAPORE 307987");
}

TEST(ClientsOneMapSamples, SearchWithoutResults) {
  const OneMapSearchPage page = parse_onemap_search(read_sample("search-no-results-2020.json"));

  EXPECT_EQ(page.found, 0);
  EXPECT_TRUE(page.places.empty());
}

TEST(ClientsOneMapSamples, RouteCavenaghWithPhysicalAlternative) {
  const OneMapRouteResult answer = parse_onemap_route(read_sample("route-drive-cavenagh-rd-2025.json"), 5);

  ASSERT_EQ(answer.route.geometry.size(), 2u);
  EXPECT_NEAR(answer.route.geometry[0].lat, 1.30427, 1e-5);
  EXPECT_NEAR(answer.route.geometry[0].lon, 103.84134, 1e-5);
  EXPECT_DOUBLE_EQ(answer.route.summary.total_distance_m, 6.0);
  EXPECT_DOUBLE_EQ(answer.route.summary.total_time_s, 1.0);
  EXPECT_EQ(answer.route.summary.start_point, "CAVENAGH ROAD");
  ASSERT_EQ(answer.route.instructions.size(), 2u);
  EXPECT_EQ(answer.route.instructions[0][9], "Head North On Cavenagh Road");
  EXPECT_EQ(answer.route.subtitle, "Fastest route, assuming usual traffic");
  ASSERT_EQ(answer.alternatives.size(), 1u);  // the phyroute
  EXPECT_EQ(answer.alternatives[0].subtitle, "Shortest distance");
  EXPECT_DOUBLE_EQ(answer.alternatives[0].summary.total_time_s, 121.0);
}

TEST(ClientsOneMapSamples, RouteNewtonRoad) {
  const OneMapRouteResult answer = parse_onemap_route(read_sample("route-drive-newton-rd-2020.json"), 5);

  ASSERT_EQ(answer.route.geometry.size(), 2u);
  EXPECT_NEAR(answer.route.geometry[0].lat, 1.31971, 1e-5);
  EXPECT_DOUBLE_EQ(answer.route.summary.total_distance_m, 0.0);
  EXPECT_TRUE(answer.alternatives.empty());
}

TEST(ClientsOneMapSamples, PlaceholderGeometryRejected) {
  // This answer's geometries are placeholders, not encoded polylines.
  const std::string sample = read_sample("route-drive-sinaran-to-circuit-2020.json");
  try {
    parse_onemap_route(sample, 5);
    FAIL() << "a placeholder geometry was accepted";
  } catch (const ServiceError& error) {
    EXPECT_NE(std::string(error.what()).find("not an encoded polyline"), std::string::npos) << error.what();
  }
}

TEST(ClientsOneMapSamples, PolylinePrecisionSix) {
  const std::string sample = read_sample("route-drive-pandan-to-rebecca-2019-polyline6.json");

  const OneMapRouteResult answer = parse_onemap_route(sample, 6);

  ASSERT_EQ(answer.route.geometry.size(), 141u);
  EXPECT_NEAR(answer.route.geometry.front().lat, 1.311549, 1e-6);
  EXPECT_NEAR(answer.route.geometry.front().lon, 103.749655, 1e-6);
  EXPECT_NEAR(answer.route.geometry.back().lat, 1.32036, 1e-6);
  EXPECT_DOUBLE_EQ(answer.route.summary.total_distance_m, 7957.0);
  EXPECT_DOUBLE_EQ(answer.route.summary.total_time_s, 740.0);
  // The instructions use an older layout and are kept as received.
  EXPECT_EQ(answer.route.instructions[0][1], "PANDAN LOOP");
}

TEST(ClientsOneMapSamples, WrongPrecisionDetected) {
  const std::string sample = read_sample("route-drive-pandan-to-rebecca-2019-polyline6.json");
  try {
    parse_onemap_route(sample, 5);
    FAIL() << "a precision-6 polyline decoded at precision 5 was accepted";
  } catch (const ServiceError& error) {
    EXPECT_NE(std::string(error.what()).find("check the precision"), std::string::npos) << error.what();
  }
}

TEST(ClientsOneMapSamples, RouteThroughClientAtPrecisionSix) {
  FakeOneMap onemap;
  onemap.set_route_body(read_sample("route-drive-pandan-to-rebecca-2019-polyline6.json"));
  const OneMapClient client(onemap.client_settings());

  const OneMapRouteResult answer = client.route({1.311549, 103.749657}, {1.32036, 103.800156}, "cycle", 6);

  EXPECT_EQ(answer.route.geometry.size(), 141u);
  EXPECT_THROW(client.route({1.311549, 103.749657}, {1.32036, 103.800156}, "cycle", 5), ServiceError);
}

}  // namespace
}  // namespace pitstop
