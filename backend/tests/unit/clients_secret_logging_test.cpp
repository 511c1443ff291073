#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "clients/datamall_client.hpp"
#include "clients/onemap_client.hpp"
#include "clients/onemap_place_search.hpp"
#include "clients/service_error.hpp"
#include "support/fake_onemap.hpp"

namespace pitstop {
namespace {

using namespace std::chrono_literals;
using testing::FakeOneMap;
using testing::json_reply;
using testing::kSearchPath;
using testing::kTokenPath;
using testing::ReplyMode;
using testing::StandInReply;
using testing::StandInRequest;
using testing::StandInServer;

constexpr const char* kAccountKey = "datamall-Account-Key-7f3a9c==";

// Captures every log line at every level while it lives, then restores the default logger.
class LogCapture {
 public:
  LogCapture()
      : previous_(spdlog::default_logger()), sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(10000)) {
    auto logger = std::make_shared<spdlog::logger>("capture", sink_);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }

  std::vector<std::string> lines() const { return sink_->last_formatted(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
};

// Secrets of the OneMap stand-in: the password and every token it issued.
std::vector<std::string> onemap_secrets(const FakeOneMap& onemap) {
  std::vector<std::string> secrets{testing::kFakeOneMapPassword};
  for (int n = 1; n <= onemap.tokens_issued() + 1; ++n) secrets.push_back(FakeOneMap::token_value(n));
  return secrets;
}

void expect_no_secret(const std::vector<std::string>& texts, const std::vector<std::string>& secrets) {
  for (const std::string& text : texts) {
    for (const std::string& secret : secrets) {
      EXPECT_EQ(text.find(secret), std::string::npos) << "secret '" << secret << "' in: " << text;
    }
    // The email is not a secret, but it names a person and has no place in logs.
    EXPECT_EQ(text.find(testing::kFakeOneMapEmail), std::string::npos) << text;
  }
}

bool mentions(const std::vector<std::string>& lines, const std::string& text) {
  for (const std::string& line : lines) {
    if (line.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(ClientsSecretLogging, OneMapSuccessRetryAndRenewal) {
  FakeOneMap onemap;
  std::atomic<int> search_calls{0};
  onemap.set_intercept([&search_calls](const StandInRequest& request) -> std::optional<StandInReply> {
    if (request.path == kSearchPath && ++search_calls == 2) return json_reply(500, R"({"error": "busy"})");
    return std::nullopt;
  });
  const LogCapture capture;
  const OneMapClient client(onemap.client_settings());

  client.search("bishan");          // token fetch and success
  client.search("toa payoh");       // one 500, then success
  onemap.expire_issued_tokens();
  client.search("novena");          // 401, renewal, success

  const auto lines = capture.lines();
  EXPECT_TRUE(mentions(lines, "onemap: GET /api/common/elastic/search -> HTTP 500")) << "no retry line captured";
  EXPECT_TRUE(mentions(lines, "HTTP 401; fetching a new token")) << "no renewal line captured";
  EXPECT_TRUE(mentions(lines, "attempt 1/3")) << "no attempt number logged";
  EXPECT_EQ(onemap.tokens_issued(), 2);
  expect_no_secret(lines, onemap_secrets(onemap));
}

TEST(ClientsSecretLogging, OneMapFailures) {
  FakeOneMap onemap;
  std::atomic<int> mode{0};
  onemap.set_intercept([&mode](const StandInRequest& request) -> std::optional<StandInReply> {
    if (request.path == kTokenPath && mode == 3) {
      // A token with an unreadable expiry: the error must not quote the token.
      return json_reply(200, R"({"access_token": "access-token-secret-99", "expiry_timestamp": "soon"})");
    }
    if (request.path != kSearchPath) return std::nullopt;
    if (mode == 0) return json_reply(503, "{}");
    if (mode == 1) {
      StandInReply reply = json_reply(200, std::string(200, ' ') + R"({"results": []})");
      reply.mode = ReplyMode::SlowBody;
      reply.body_delay = 2000ms;
      return reply;
    }
    if (mode == 2) return json_reply(200, R"({"results": [{"SEARCHVAL": )");
    return std::nullopt;
  });
  const LogCapture capture;
  OneMapSettings settings = onemap.client_settings();
  settings.http.total_timeout = 300ms;
  std::vector<std::string> errors;

  {
    const OneMapClient client(settings);
    for (int m = 0; m < 3; ++m) {
      mode = m;
      try {
        client.search("bishan");
      } catch (const ServiceError& error) {
        errors.push_back(error.what());
      }
    }
  }
  mode = 3;
  try {
    const OneMapClient fresh(settings);
    fresh.access_token();
  } catch (const ServiceError& error) {
    errors.push_back(error.what());
  }
  mode = 4;
  OneMapSettings wrong = settings;
  wrong.password = "another-Secret-Password";
  try {
    const OneMapClient rejected(wrong);
    rejected.access_token();
  } catch (const ServiceError& error) {
    errors.push_back(error.what());
  }

  ASSERT_EQ(errors.size(), 5u);
  auto secrets = onemap_secrets(onemap);
  secrets.push_back("access-token-secret-99");
  secrets.push_back("another-Secret-Password");
  expect_no_secret(capture.lines(), secrets);
  expect_no_secret(errors, secrets);
}

TEST(ClientsSecretLogging, OneMapFallbackWarning) {
  FakeOneMap onemap;
  onemap.set_intercept([](const StandInRequest& request) -> std::optional<StandInReply> {
    if (request.path == kSearchPath) return json_reply(500, "{}");
    return std::nullopt;
  });
  const LogCapture capture;
  OneMapPlaceSearch search(std::make_shared<const OneMapClient>(onemap.client_settings()), {0s, 0s});

  EXPECT_FALSE(search.try_search("bishan", 1).has_value());

  const auto lines = capture.lines();
  EXPECT_TRUE(mentions(lines, "onemap: search failed")) << "no fallback warning captured";
  expect_no_secret(lines, onemap_secrets(onemap));
}

TEST(ClientsSecretLogging, DataMallSuccessRetryAndFailure) {
  std::atomic<int> calls{0};
  StandInServer server([&calls](const StandInRequest& request) {
    if (request.header("accountkey") != kAccountKey) return json_reply(401, R"({"fault": "bad key"})");
    const int call = ++calls;
    if (call == 2) return json_reply(500, "{}");
    if (call == 4) return json_reply(200, R"({"value": [{"Description": )");
    return json_reply(200, R"({"value": [{"Description": "BLK 1", "Latitude": 1.35, "Longitude": 103.85,
                                          "RackType": "HDB_RACKS", "RackCount": 10, "ShelterIndicator": "Y"}]})");
  });
  const LogCapture capture;
  DataMallSettings settings;
  settings.base_url = server.base_url();
  settings.account_key = kAccountKey;
  settings.http.initial_backoff = 10ms;
  settings.http.max_backoff = 20ms;
  settings.http.max_attempts = 3;
  settings.http.requests_per_second = 1000.0;
  const DataMallClient client(settings);
  std::vector<std::string> errors;

  EXPECT_EQ(client.fetch_parking_near({1.35, 103.85}, 1200).spots.size(), 1u);  // call 1
  EXPECT_EQ(client.fetch_parking_near({1.35, 103.85}, 1200).spots.size(), 1u);  // calls 2 (500) and 3
  try {
    client.fetch_parking_near({1.35, 103.85}, 1200);  // call 4: malformed
  } catch (const ServiceError& error) {
    errors.push_back(error.what());
  }
  DataMallSettings wrong = settings;
  wrong.account_key = "wrong-Key-Secret==";
  try {
    DataMallClient(wrong).fetch_parking_near({1.35, 103.85}, 1200);
  } catch (const ServiceError& error) {
    errors.push_back(error.what());
  }

  ASSERT_EQ(errors.size(), 2u);
  const auto lines = capture.lines();
  EXPECT_TRUE(mentions(lines, "datamall: GET /ltaodataservice/BicycleParkingv2 -> HTTP 500")) << "no retry line";
  expect_no_secret(lines, {kAccountKey, "wrong-Key-Secret=="});
  expect_no_secret(errors, {kAccountKey, "wrong-Key-Secret=="});
}

}  // namespace
}  // namespace pitstop
