#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/pitstop_api.hpp"
#include "clients/onemap_client.hpp"
#include "clients/onemap_place_search.hpp"
#include "real_data/real_data_fixture.hpp"
#include "support/fake_onemap.hpp"

namespace pitstop {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::FakeOneMap;
using testing::json_reply;
using testing::kSearchPath;
using testing::StandInReply;
using testing::StandInRequest;

std::string read_sample(const std::string& name) {
  std::ifstream file(testing::data_file("onemap/" + name));
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

json search(PitStopApi& api, const std::string& encoded_query) {
  ApiRequest request;
  request.method = "GET";
  request.target = "/api/v1/search?" + encoded_query;
  const ApiResponse response = api.handle(request);
  EXPECT_EQ(response.status, 200u) << response.body;
  return json::parse(response.body);
}

class ClientsSearchRealData : public ::testing::Test {
 protected:
  void SetUp() override { onemap_.set_search_body(read_sample("search-newton-rd-2020.json")); }

  PitStopApi api_with_onemap() {
    ApiSettings settings;
    settings.onemap_search = std::make_shared<OneMapPlaceSearch>(
        std::make_shared<const OneMapClient>(onemap_.client_settings()), OneMapFallbackSettings{0s, 0s});
    return PitStopApi(testing::singapore_data(), settings);
  }

  FakeOneMap onemap_;
};

TEST_F(ClientsSearchRealData, OneMapAddressesLeadPartialQuery) {
  PitStopApi api = api_with_onemap();

  const json results = search(api, "searchVal=newton");

  ASSERT_GE(results.size(), 3u);
  EXPECT_EQ(results[0].at("SEARCHVAL"), "INLAND REVENUE AUTHORITY OF SINGAPORE (IRAS)");
  EXPECT_EQ(results[0].at("BLK_NO"), "55");
  EXPECT_EQ(results[0].at("POSTAL"), "307987");
  EXPECT_EQ(results[0].at("X"), "28983.7537272647");
  EXPECT_EQ(results[0].at("KIND"), "address");
  EXPECT_EQ(results[1].at("SEARCHVAL"), "REVENUE HOUSE");
  EXPECT_NE(results[2].at("KIND"), "address");  // the offline matches follow
  for (const json& result : results) {
    for (const auto& [name, value] : result.items()) EXPECT_TRUE(value.is_string()) << name;
  }
}

TEST_F(ClientsSearchRealData, ExactStationNameLeadsOffline) {
  PitStopApi api = api_with_onemap();

  const json results = search(api, "searchVal=newton%20mrt%20station");

  ASSERT_GE(results.size(), 2u);
  EXPECT_EQ(results[0].at("SEARCHVAL"), "Newton MRT Station");
  EXPECT_EQ(results[0].at("KIND"), "station");
  EXPECT_EQ(results[1].at("SEARCHVAL"), "INLAND REVENUE AUTHORITY OF SINGAPORE (IRAS)");
}

TEST_F(ClientsSearchRealData, FailureGivesOfflineAnswer) {
  onemap_.set_intercept([](const StandInRequest& request) -> std::optional<StandInReply> {
    if (request.path == kSearchPath) return json_reply(503, "{}");
    return std::nullopt;
  });
  PitStopApi with_onemap = api_with_onemap();
  PitStopApi offline_only(testing::singapore_data(), ApiSettings{});

  for (const char* query : {"searchVal=newton", "searchVal=bishan&pageNum=2", "searchVal=toa%20payoh"}) {
    EXPECT_EQ(search(with_onemap, query), search(offline_only, query)) << query;
  }
}

}  // namespace
}  // namespace pitstop
