#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "clients/onemap_client.hpp"
#include "clients/service_error.hpp"
#include "geo/polyline.hpp"
#include "support/fake_onemap.hpp"

namespace pitstop {
namespace {

using namespace std::chrono_literals;
using testing::FakeOneMap;
using testing::json_reply;
using testing::kRoutePath;
using testing::kSearchPath;
using testing::kTokenPath;
using testing::StandInReply;
using testing::StandInRequest;

std::string route_body(const std::vector<LatLon>& points) {
  return nlohmann::json{{"route_geometry", encode_polyline(points, 5)},
                        {"route_instructions", nlohmann::json::array()},
                        {"route_summary",
                         {{"start_point", "BISHAN ROAD"}, {"end_point", "BRADDELL ROAD"}, {"total_time", 600},
                          {"total_distance", "2500"}}},
                        {"status", 0}}
      .dump();
}

TEST(ClientsOneMapClient, SearchSendsTokenAndParameters) {
  FakeOneMap onemap;
  const OneMapClient client(onemap.client_settings());
  const std::string text = "Blk 226B & Compassvale #2 caf\xC3\xA9 +1";

  const OneMapSearchPage page = client.search(text, 2);

  const auto requests = onemap.server().requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].path, kTokenPath);
  EXPECT_EQ(requests[0].method, "POST");
  const auto credentials = nlohmann::json::parse(requests[0].body);
  EXPECT_EQ(credentials.at("email"), testing::kFakeOneMapEmail);
  EXPECT_EQ(credentials.at("password"), testing::kFakeOneMapPassword);

  EXPECT_EQ(requests[1].path, kSearchPath);
  EXPECT_EQ(requests[1].header("authorization"), FakeOneMap::token_value(1));
  EXPECT_EQ(requests[1].query_value("searchVal"), text);
  EXPECT_EQ(requests[1].query_value("returnGeom"), "Y");
  EXPECT_EQ(requests[1].query_value("getAddrDetails"), "Y");
  EXPECT_EQ(requests[1].query_value("pageNum"), "2");

  ASSERT_EQ(page.places.size(), 1u);
  EXPECT_EQ(page.places[0].name, "COMPASSVALE VISTA");
  EXPECT_EQ(page.places[0].kind, PlaceKind::Address);
  ASSERT_TRUE(page.places[0].address);
  EXPECT_EQ(page.places[0].address->block_number, "226B");
  EXPECT_EQ(page.places[0].address->postal_code, "542226");
}

TEST(ClientsOneMapClient, ReusesTokenAcrossCalls) {
  FakeOneMap onemap;
  const OneMapClient client(onemap.client_settings());

  for (int i = 0; i < 5; ++i) client.search("bishan");

  EXPECT_EQ(onemap.tokens_issued(), 1);
  EXPECT_EQ(onemap.server().hits(kTokenPath), 1u);
  EXPECT_EQ(onemap.server().hits(kSearchPath), 5u);
}

TEST(ClientsOneMapClient, ShortLivedTokenStillReused) {
  FakeOneMap onemap;
  onemap.set_token_lifetime(10min);  // shorter than the 1 h margin: renewed halfway, after 5 min
  const OneMapClient client(onemap.client_settings());

  for (int i = 0; i < 3; ++i) client.search("bishan");

  EXPECT_EQ(onemap.tokens_issued(), 1);
}

TEST(ClientsOneMapClient, RenewsTokenBeforeExpiry) {
  FakeOneMap onemap;
  onemap.set_token_lifetime(4s);
  OneMapSettings settings = onemap.client_settings();
  settings.token_refresh_margin = 3s;  // capped at half the lifetime: renewed after about 2 s
  const OneMapClient client(settings);

  client.search("bishan");
  client.search("bishan");
  EXPECT_EQ(onemap.tokens_issued(), 1);

  std::this_thread::sleep_for(2200ms);
  client.search("bishan");

  // The old token was still valid at the stand-in, so the renewal came before expiry and no 401 was seen.
  EXPECT_EQ(onemap.tokens_issued(), 2);
  EXPECT_EQ(onemap.server().hits(kSearchPath), 3u);
  EXPECT_EQ(onemap.server().requests().back().header("authorization"), FakeOneMap::token_value(2));
}

TEST(ClientsOneMapClient, RenewsTokenAfterUnauthorized) {
  FakeOneMap onemap;
  const OneMapClient client(onemap.client_settings());
  client.search("bishan");

  onemap.expire_issued_tokens();
  const OneMapSearchPage page = client.search("bishan");

  EXPECT_EQ(page.places.size(), 1u);
  EXPECT_EQ(onemap.tokens_issued(), 2);
  EXPECT_EQ(onemap.server().hits(kSearchPath), 3u);  // the first call, the rejected one and the retry
}

TEST(ClientsOneMapClient, RenewsTokenOnlyOnceForRepeatedUnauthorized) {
  FakeOneMap onemap;
  onemap.set_intercept([](const StandInRequest& request) -> std::optional<StandInReply> {
    if (request.path == kSearchPath) return json_reply(401, R"({"error": "Invalid token"})");
    return std::nullopt;
  });
  const OneMapClient client(onemap.client_settings());

  try {
    client.search("bishan");
    FAIL() << "a rejected token was accepted";
  } catch (const ServiceError& error) {
    EXPECT_EQ(error.http_status(), 401);
  }
  EXPECT_EQ(onemap.server().hits(kTokenPath), 2u);
  EXPECT_EQ(onemap.server().hits(kSearchPath), 2u);
}

TEST(ClientsOneMapClient, WrongPasswordFailsWithoutRetry) {
  FakeOneMap onemap;
  OneMapSettings settings = onemap.client_settings();
  settings.password = "wrong password";
  const OneMapClient client(settings);

  try {
    client.search("bishan");
    FAIL() << "a wrong password was accepted";
  } catch (const ServiceError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("rejected with HTTP 401"), std::string::npos) << message;
    EXPECT_NE(message.find("PITSTOP_ONEMAP_PASSWORD"), std::string::npos) << message;
  }
  EXPECT_EQ(onemap.server().hits(kTokenPath), 1u);
  EXPECT_EQ(onemap.server().hits(kSearchPath), 0u);
}

TEST(ClientsOneMapClient, MalformedSearchJsonFails) {
  FakeOneMap onemap;
  onemap.set_search_body(R"({"found": 1, "results": [{"SEARCHVAL": )");
  const OneMapClient client(onemap.client_settings());

  try {
    client.search("bishan");
    FAIL() << "malformed JSON was accepted";
  } catch (const ServiceError& error) {
    EXPECT_NE(std::string(error.what()).find("not valid JSON"), std::string::npos) << error.what();
  }
}

TEST(ClientsOneMapClient, SearchErrorAnswerFails) {
  FakeOneMap onemap;
  onemap.set_search_body(R"({"error": "searchVal is required"})");
  const OneMapClient client(onemap.client_settings());

  try {
    client.search("bishan");
    FAIL() << "an error answer was accepted";
  } catch (const ServiceError& error) {
    EXPECT_NE(std::string(error.what()).find("searchVal is required"), std::string::npos) << error.what();
  }
}

TEST(ClientsOneMapClient, TokenResponseWithoutTokenFails) {
  FakeOneMap onemap;
  onemap.set_intercept([](const StandInRequest& request) -> std::optional<StandInReply> {
    if (request.path == kTokenPath) return json_reply(200, R"({"access_token": 5, "expiry_timestamp": "1"})");
    return std::nullopt;
  });
  const OneMapClient client(onemap.client_settings());

  EXPECT_THROW(client.access_token(), ServiceError);
}

TEST(ClientsOneMapClient, AcceptsNumericExpiry) {
  FakeOneMap onemap;
  onemap.set_intercept([](const StandInRequest& request) -> std::optional<StandInReply> {
    if (request.path != kTokenPath) return std::nullopt;
    const auto expiry = std::chrono::system_clock::now() + std::chrono::hours(72);
    const long long seconds = std::chrono::duration_cast<std::chrono::seconds>(expiry.time_since_epoch()).count();
    return json_reply(200, nlohmann::json{{"access_token", "numeric-expiry-token"}, {"expiry_timestamp", seconds}}.dump());
  });
  const OneMapClient client(onemap.client_settings());

  EXPECT_EQ(client.access_token(), "numeric-expiry-token");
  EXPECT_EQ(client.access_token(), "numeric-expiry-token");
  EXPECT_EQ(onemap.server().hits(kTokenPath), 1u);
}

TEST(ClientsOneMapClient, RejectsAlreadyExpiredToken) {
  FakeOneMap onemap;
  onemap.set_intercept([](const StandInRequest& request) -> std::optional<StandInReply> {
    if (request.path == kTokenPath) return json_reply(200, R"({"access_token": "old", "expiry_timestamp": "1000"})");
    return std::nullopt;
  });
  const OneMapClient client(onemap.client_settings());

  try {
    client.access_token();
    FAIL() << "an expired token was accepted";
  } catch (const ServiceError& error) {
    EXPECT_NE(std::string(error.what()).find("check the system clock"), std::string::npos) << error.what();
  }
}

TEST(ClientsOneMapClient, ConcurrentCallersShareOneToken) {
  FakeOneMap onemap;
  const OneMapClient client(onemap.client_settings());
  std::atomic<int> succeeded{0};

  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 4; ++i) succeeded += client.search("bishan").places.size() == 1 ? 1 : 0;
    });
  }
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(succeeded.load(), 24);
  EXPECT_EQ(onemap.tokens_issued(), 1);
}

TEST(ClientsOneMapClient, ConcurrentCallersRenewRejectedTokenOnce) {
  FakeOneMap onemap;
  const OneMapClient client(onemap.client_settings());
  client.search("bishan");
  onemap.expire_issued_tokens();

  std::vector<std::thread> threads;
  std::atomic<int> succeeded{0};
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] { succeeded += client.search("bishan").places.size() == 1 ? 1 : 0; });
  }
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(succeeded.load(), 6);
  EXPECT_EQ(onemap.tokens_issued(), 2);
}

TEST(ClientsOneMapClient, RouteSendsCycleRequest) {
  FakeOneMap onemap;
  const std::vector<LatLon> points{{1.35100, 103.84800}, {1.34000, 103.85000}, {1.33000, 103.84500}};
  onemap.set_route_body(route_body(points));
  const OneMapClient client(onemap.client_settings());

  const OneMapRouteResult answer = client.route({1.351, 103.848}, {1.33, 103.845});

  const auto request = onemap.server().requests().back();
  EXPECT_EQ(request.path, kRoutePath);
  EXPECT_EQ(request.query_value("start"), "1.351000,103.848000");
  EXPECT_EQ(request.query_value("end"), "1.330000,103.845000");
  EXPECT_EQ(request.query_value("routeType"), "cycle");
  ASSERT_EQ(answer.route.geometry.size(), 3u);
  EXPECT_NEAR(answer.route.geometry[1].lat, 1.34, 1e-6);
  EXPECT_DOUBLE_EQ(answer.route.summary.total_time_s, 600.0);
  EXPECT_DOUBLE_EQ(answer.route.summary.total_distance_m, 2500.0);
  EXPECT_EQ(answer.route.summary.start_point, "BISHAN ROAD");
}

TEST(ClientsOneMapClient, RouteFarFromStartPointsAtPrecision) {
  FakeOneMap onemap;
  onemap.set_route_body(route_body({{1.35100, 103.84800}, {1.34000, 103.85000}}));
  const OneMapClient client(onemap.client_settings());

  try {
    client.route({1.35, 104.40}, {1.34, 103.85});
    FAIL() << "a geometry 61 km from the start was accepted";
  } catch (const ServiceError& error) {
    EXPECT_NE(std::string(error.what()).find("check the precision"), std::string::npos) << error.what();
  }
}

TEST(ClientsOneMapClient, RejectsInvalidArguments) {
  FakeOneMap onemap;
  const OneMapClient client(onemap.client_settings());

  EXPECT_THROW(client.search("bishan", 0), std::invalid_argument);
  EXPECT_THROW(client.route({1.3, 103.8}, {1.31, 103.81}, "bus"), std::invalid_argument);
  EXPECT_THROW(client.route({1.3, 103.8}, {1.31, 103.81}, "cycle", 9), std::invalid_argument);
  EXPECT_EQ(onemap.server().requests().size(), 0u);
}

TEST(ClientsOneMapClient, RejectsMissingCredentials) {
  FakeOneMap onemap;
  OneMapSettings settings = onemap.client_settings();
  settings.password.clear();
  EXPECT_THROW(OneMapClient{settings}, ClientConfigError);
}

}  // namespace
}  // namespace pitstop
