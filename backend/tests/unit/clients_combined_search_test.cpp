#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "api/pitstop_api.hpp"
#include "app/pitstop_data.hpp"
#include "clients/combined_search.hpp"
#include "clients/onemap_client.hpp"
#include "clients/onemap_place_search.hpp"
#include "support/fake_onemap.hpp"

namespace pitstop {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::FakeOneMap;
using testing::json_reply;
using testing::kSearchPath;
using testing::ReplyMode;
using testing::StandInReply;
using testing::StandInRequest;

// Compassvale Vista as OneMap places it.
constexpr LatLon kVista{1.38771174427547, 103.899302425122};

json onemap_result(const std::string& name, LatLon at, const std::string& block = "1") {
  return {{"SEARCHVAL", name},          {"BLK_NO", block},   {"ROAD_NAME", "COMPASSVALE WALK"},
          {"BUILDING", name},           {"ADDRESS", block + " COMPASSVALE WALK " + name + " SINGAPORE 540001"},
          {"POSTAL", "540001"},         {"X", "35343.15"},   {"Y", "41071.73"},
          {"LATITUDE", fmt::format("{:.7f}", at.lat)}, {"LONGITUDE", fmt::format("{:.7f}", at.lon)}};
}

std::string onemap_page(const std::vector<json>& results, long found, long page, long pages) {
  return json{{"found", found}, {"totalNumPages", pages}, {"pageNum", page}, {"results", results}}.dump();
}

LatLon offset_north(LatLon point, double metres) { return {point.lat + metres / 111195.0, point.lon}; }

// Offline data: /api/v1/search only reads the parking snapshot's place index.
std::unique_ptr<PitStopData> offline_data(const std::vector<Place>& places) {
  auto data = std::make_unique<PitStopData>();
  auto snapshot = std::make_shared<ParkingSnapshot>();
  for (const Place& place : places) snapshot->places.add(place);
  snapshot->places.build();
  data->install_parking(std::move(snapshot));
  return data;
}

Place place(const std::string& name, PlaceKind kind, LatLon location) {
  return {name, kind, "test", location, ""};
}

struct SearchCall {
  unsigned status = 0;
  json body;
  std::string total_count;
};

SearchCall call_search(PitStopApi& api, const std::string& encoded_query) {
  ApiRequest request;
  request.method = "GET";
  request.target = "/api/v1/search?" + encoded_query;
  request.request_id = "test";
  const ApiResponse response = api.handle(request);
  SearchCall call;
  call.status = response.status;
  call.body = json::parse(response.body);
  for (const auto& [name, value] : response.headers) {
    if (name == "X-Total-Count") call.total_count = value;
  }
  return call;
}

std::vector<std::string> names(const json& body) {
  std::vector<std::string> result;
  for (const json& item : body) result.push_back(item.at("SEARCHVAL").get<std::string>());
  return result;
}

class ClientsCombinedSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = offline_data({place("Compassvale Walk", PlaceKind::Street, offset_north(kVista, 30)),
                          place("Compassvale Drive", PlaceKind::Street, offset_north(kVista, 400)),
                          place("Compassvale Bow", PlaceKind::Street, offset_north(kVista, 800))});
    onemap_.set_search_body(onemap_page({onemap_result("COMPASSVALE VISTA", kVista, "226B"),
                                         onemap_result("COMPASSVALE WALK", offset_north(kVista, 10))},
                                        2, 1, 1));
  }

  PitStopApi make_api(OneMapFallbackSettings fallback = {0s, 0s}) {
    search_ = std::make_shared<OneMapPlaceSearch>(std::make_shared<const OneMapClient>(onemap_.client_settings()),
                                                  fallback);
    ApiSettings settings;
    settings.onemap_search = search_;
    return PitStopApi(*data_, settings);
  }

  void fail_onemap_searches() {
    onemap_.set_intercept([](const StandInRequest& request) -> std::optional<StandInReply> {
      if (request.path == kSearchPath) return json_reply(500, R"({"error": "down"})");
      return std::nullopt;
    });
  }

  FakeOneMap onemap_;
  std::unique_ptr<PitStopData> data_;
  std::shared_ptr<OneMapPlaceSearch> search_;
};

TEST_F(ClientsCombinedSearch, OneMapFirstForPartialQuery) {
  PitStopApi api = make_api();

  const SearchCall call = call_search(api, "searchVal=compassvale");

  ASSERT_EQ(call.status, 200u);
  // COMPASSVALE WALK from OneMap lies 20 m from the offline street, so only OneMap's copy stays.
  EXPECT_EQ(names(call.body),
            (std::vector<std::string>{"COMPASSVALE VISTA", "COMPASSVALE WALK", "Compassvale Bow", "Compassvale Drive"}));
  const json& vista = call.body.at(0);
  EXPECT_EQ(vista.at("KIND"), "address");
  EXPECT_EQ(vista.at("BLK_NO"), "226B");
  EXPECT_EQ(vista.at("POSTAL"), "540001");
  EXPECT_EQ(vista.at("ROAD_NAME"), "COMPASSVALE WALK");
  EXPECT_EQ(vista.at("X"), "35343.15");
  EXPECT_EQ(vista.at("LATITUDE"), "1.3877117");
  EXPECT_EQ(call.total_count, "5");  // 3 offline matches and OneMap's 2
}

TEST_F(ClientsCombinedSearch, OfflineFirstForExactStreetName) {
  PitStopApi api = make_api();

  const SearchCall call = call_search(api, "searchVal=compassvale%20walk");

  ASSERT_EQ(call.status, 200u);
  EXPECT_EQ(names(call.body), (std::vector<std::string>{"Compassvale Walk", "COMPASSVALE VISTA"}));
  // The offline street keeps its kind and takes the address of OneMap's duplicate.
  const json& walk = call.body.at(0);
  EXPECT_EQ(walk.at("KIND"), "street");
  EXPECT_EQ(walk.at("BLK_NO"), "1");
  EXPECT_EQ(walk.at("POSTAL"), "540001");
}

TEST_F(ClientsCombinedSearch, KeepsSameNameFarApart) {
  onemap_.set_search_body(onemap_page({onemap_result("COMPASSVALE WALK", offset_north(kVista, 300))}, 1, 1, 1));
  PitStopApi api = make_api();

  const SearchCall call = call_search(api, "searchVal=compassvale%20walk");

  EXPECT_EQ(names(call.body), (std::vector<std::string>{"Compassvale Walk", "COMPASSVALE WALK"}));
}

TEST_F(ClientsCombinedSearch, FallsBackWhenOneMapFails) {
  fail_onemap_searches();
  const auto previous = spdlog::default_logger();
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(1000);
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));
  PitStopApi api = make_api({0s, 60s});

  std::vector<SearchCall> calls;
  for (int i = 0; i < 3; ++i) calls.push_back(call_search(api, "searchVal=compassvale"));
  spdlog::set_default_logger(previous);

  for (const SearchCall& call : calls) {
    EXPECT_EQ(call.status, 200u);
    EXPECT_EQ(names(call.body),
              (std::vector<std::string>{"Compassvale Bow", "Compassvale Walk", "Compassvale Drive"}));
    EXPECT_EQ(call.total_count, "3");
  }
  std::size_t warnings = 0;
  for (const std::string& line : sink->last_formatted()) {
    if (line.find("onemap: search failed") != std::string::npos) ++warnings;
  }
  EXPECT_EQ(warnings, 1u);  // three failures, one warning within the log interval
  EXPECT_EQ(search_->failure_count(), 3u);
}

TEST_F(ClientsCombinedSearch, FallsBackWhenOneMapTimesOut) {
  onemap_.set_intercept([](const StandInRequest& request) -> std::optional<StandInReply> {
    if (request.path != kSearchPath) return std::nullopt;
    StandInReply reply = json_reply(200, std::string(100, ' ') + "{}");
    reply.mode = ReplyMode::SlowBody;
    reply.body_delay = 3000ms;
    return reply;
  });
  search_ = nullptr;
  OneMapSettings settings = onemap_.client_settings();
  settings.http.total_timeout = 200ms;
  settings.http.max_attempts = 2;
  ApiSettings api_settings;
  api_settings.onemap_search =
      std::make_shared<OneMapPlaceSearch>(std::make_shared<const OneMapClient>(settings), OneMapFallbackSettings{0s, 0s});
  PitStopApi api(*data_, api_settings);

  const SearchCall call = call_search(api, "searchVal=compassvale");

  EXPECT_EQ(call.status, 200u);
  EXPECT_EQ(call.body.size(), 3u);
}

TEST_F(ClientsCombinedSearch, CooldownSkipsOneMapAfterFailure) {
  fail_onemap_searches();
  PitStopApi api = make_api({30s, 60s});

  call_search(api, "searchVal=compassvale");
  const std::size_t hits_after_failure = onemap_.server().hits(kSearchPath);
  const SearchCall second = call_search(api, "searchVal=compassvale");

  EXPECT_EQ(second.status, 200u);
  EXPECT_EQ(second.body.size(), 3u);
  EXPECT_EQ(onemap_.server().hits(kSearchPath), hits_after_failure);
}

TEST_F(ClientsCombinedSearch, CoordinateQuerySkipsOneMap) {
  PitStopApi api = make_api();

  const SearchCall call = call_search(api, "searchVal=1.3877,103.8993");

  ASSERT_EQ(call.body.size(), 1u);
  EXPECT_EQ(call.body.at(0).at("KIND"), "coordinate");
  EXPECT_EQ(onemap_.server().hits(kSearchPath), 0u);
}

TEST_F(ClientsCombinedSearch, InvalidQueryRejectedBeforeOneMap) {
  PitStopApi api = make_api();

  const SearchCall call = call_search(api, "searchVal=" + std::string(300, 'a'));

  EXPECT_EQ(call.status, 400u);
  EXPECT_EQ(onemap_.server().hits(kSearchPath), 0u);
}

TEST_F(ClientsCombinedSearch, QueryTextReachesOneMapUnchanged) {
  PitStopApi api = make_api();

  call_search(api, "searchVal=blk%20226B%20%26%20caf%C3%A9%20%2B1&pageNum=1");

  const auto requests = onemap_.server().requests();
  ASSERT_FALSE(requests.empty());
  EXPECT_EQ(requests.back().query_value("searchVal"), "blk 226B & caf\xC3\xA9 +1");
}

TEST_F(ClientsCombinedSearch, WithoutOneMapUsesOfflineIndexOnly) {
  PitStopApi api(*data_, ApiSettings{});

  const SearchCall call = call_search(api, "searchVal=compassvale");

  EXPECT_EQ(call.body.size(), 3u);
  EXPECT_EQ(onemap_.server().requests().size(), 0u);
}

TEST_F(ClientsCombinedSearch, SecondPageContinuesAcrossSources) {
  // OneMap has 13 results over two pages; the combined list is OneMap's 13 then the 3 offline streets.
  onemap_.set_intercept([](const StandInRequest& request) -> std::optional<StandInReply> {
    if (request.path != kSearchPath) return std::nullopt;
    const long page = std::stol(request.query_value("pageNum"));
    std::vector<json> results;
    const int first = page == 1 ? 0 : 10;
    const int last = page == 1 ? 10 : 13;
    for (int i = first; i < last; ++i) {
      results.push_back(onemap_result(fmt::format("COMPASSVALE BLOCK {}", i), offset_north(kVista, 1000.0 + i * 100)));
    }
    return json_reply(200, onemap_page(results, 13, page, 2));
  });
  PitStopApi api = make_api();

  const SearchCall second = call_search(api, "searchVal=compassvale&pageNum=2");

  EXPECT_EQ(names(second.body), (std::vector<std::string>{"COMPASSVALE BLOCK 10", "COMPASSVALE BLOCK 11",
                                                          "COMPASSVALE BLOCK 12", "Compassvale Bow",
                                                          "Compassvale Walk", "Compassvale Drive"}));
  EXPECT_EQ(second.total_count, "16");
}

TEST(ClientsSamePlace, ComparesWordsAndDistance) {
  const Place a = place("Compassvale Walk", PlaceKind::Street, kVista);
  EXPECT_TRUE(is_same_place(a, place("COMPASSVALE WALK", PlaceKind::Address, offset_north(kVista, 40))));
  EXPECT_FALSE(is_same_place(a, place("COMPASSVALE WALK", PlaceKind::Address, offset_north(kVista, 60))));
  EXPECT_FALSE(is_same_place(a, place("Compassvale Walk 2", PlaceKind::Street, kVista)));
  EXPECT_TRUE(is_same_place(a, place("compassvale-walk", PlaceKind::Street, kVista)));
}

}  // namespace
}  // namespace pitstop
