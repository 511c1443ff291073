#include <atomic>
#include <chrono>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "clients/http_client.hpp"
#include "clients/service_error.hpp"
#include "support/stand_in_server.hpp"

namespace pitstop {
namespace {

using namespace std::chrono_literals;
using testing::json_reply;
using testing::ReplyMode;
using testing::StandInReply;
using testing::StandInRequest;
using testing::StandInServer;
using Clock = std::chrono::steady_clock;

HttpClientSettings fast_settings() {
  HttpClientSettings settings;
  settings.service_name = "standin";
  settings.connect_timeout = 1000ms;
  settings.total_timeout = 2000ms;
  settings.max_attempts = 3;
  settings.initial_backoff = 10ms;
  settings.max_backoff = 40ms;
  settings.requests_per_second = 1000.0;
  settings.burst = 1000.0;
  return settings;
}

HttpRequest get(const std::string& path) {
  HttpRequest request;
  request.path = path;
  return request;
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

TEST(ClientsHttpClient, QueryArrivesDecodedAtServer) {
  StandInServer server([](const StandInRequest&) { return json_reply(200, "{}"); });
  const HttpClient client(server.base_url(), "BASE", fast_settings());
  const std::string names[] = {"Toa Payoh & Bishan", "Blk 123 #01-45", "1+1=2",
                               "Caf\xC3\xA9 \xE6\x96\xB0\xE5\x8A\xA0\xE5\x9D\xA1", "50% off?"};

  for (const std::string& name : names) {
    HttpRequest request = get("/echo");
    request.query = {{"searchVal", name}, {"pageNum", "1"}};
    EXPECT_EQ(client.send(request).status, 200);
  }

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), std::size(names));
  for (std::size_t i = 0; i < requests.size(); ++i) {
    EXPECT_EQ(requests[i].query.size(), 2u) << names[i];
    EXPECT_EQ(requests[i].query_value("searchVal"), names[i]);
    EXPECT_EQ(requests[i].query_value("pageNum"), "1");
  }
  // Spaces go out as %20, never as '+', which a server would also read as a space.
  EXPECT_NE(requests[0].target.find("Toa%20Payoh%20%26%20Bishan"), std::string::npos) << requests[0].target;
}

TEST(ClientsHttpClient, SendsHeadersAndPostBody) {
  StandInServer server([](const StandInRequest&) { return json_reply(200, R"({"ok": true})"); });
  const HttpClient client(server.base_url(), "BASE", fast_settings());
  HttpRequest request = get("/post");
  request.method = "POST";
  request.body = R"({"a": 1})";
  request.headers = {{"AccountKey", "key-123"}};

  const HttpResponse response = client.send(request);

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"ok": true})");
  EXPECT_EQ(response.header("content-type"), "application/json");
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].body, R"({"a": 1})");
  EXPECT_EQ(requests[0].header("accountkey"), "key-123");
  EXPECT_EQ(requests[0].header("content-type"), "application/json");
}

TEST(ClientsHttpClient, ServerErrorRetriedUpToLimit) {
  StandInServer server([](const StandInRequest&) { return json_reply(500, R"({"error": "down"})"); });
  const HttpClient client(server.base_url(), "BASE", fast_settings());

  const HttpResponse response = client.send(get("/fail"));

  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.attempts, 3);
  EXPECT_EQ(server.hits("/fail"), 3u);
}

TEST(ClientsHttpClient, RecoversAfterTransientErrors) {
  std::atomic<int> calls{0};
  StandInServer server([&calls](const StandInRequest&) {
    return ++calls <= 2 ? json_reply(503, "{}") : json_reply(200, R"({"ok": 1})");
  });
  const HttpClient client(server.base_url(), "BASE", fast_settings());

  const HttpResponse response = client.send(get("/flaky"));

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.attempts, 3);
  EXPECT_EQ(server.hits("/flaky"), 3u);
}

TEST(ClientsHttpClient, ClientErrorsNotRetried) {
  for (const unsigned status : {400u, 401u, 403u, 404u}) {
    StandInServer server([status](const StandInRequest&) { return json_reply(status, "{}"); });
    const HttpClient client(server.base_url(), "BASE", fast_settings());

    const HttpResponse response = client.send(get("/client-error"));

    EXPECT_EQ(response.status, static_cast<long>(status));
    EXPECT_EQ(response.attempts, 1) << status;
    EXPECT_EQ(server.hits("/client-error"), 1u) << status;
  }
}

TEST(ClientsHttpClient, BackoffGrowsBetweenAttempts) {
  StandInServer server([](const StandInRequest&) { return json_reply(502, "{}"); });
  HttpClientSettings settings = fast_settings();
  settings.initial_backoff = 100ms;
  settings.max_backoff = 1000ms;
  const HttpClient client(server.base_url(), "BASE", settings);

  const auto start = Clock::now();
  client.send(get("/backoff"));

  // Equal jitter waits at least half of each step: 50 ms, then 100 ms.
  EXPECT_GE(seconds_since(start), 0.15);
  EXPECT_LT(seconds_since(start), 1.5);
}

TEST(ClientsHttpClient, HonoursRetryAfterSeconds) {
  std::atomic<int> calls{0};
  StandInServer server([&calls](const StandInRequest&) {
    if (++calls > 1) return json_reply(200, "{}");
    StandInReply reply = json_reply(429, R"({"error": "slow down"})");
    reply.headers = {{"Retry-After", "1"}};
    return reply;
  });
  const HttpClient client(server.base_url(), "BASE", fast_settings());

  const auto start = Clock::now();
  const HttpResponse response = client.send(get("/limited"));

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(server.hits("/limited"), 2u);
  EXPECT_GE(seconds_since(start), 0.95);
}

TEST(ClientsHttpClient, CapsLongRetryAfter) {
  std::atomic<int> calls{0};
  StandInServer server([&calls](const StandInRequest&) {
    if (++calls > 1) return json_reply(200, "{}");
    StandInReply reply = json_reply(503, "{}");
    reply.headers = {{"Retry-After", "3600"}};
    return reply;
  });
  HttpClientSettings settings = fast_settings();
  settings.max_retry_after = 200ms;
  const HttpClient client(server.base_url(), "BASE", settings);

  const auto start = Clock::now();
  const HttpResponse response = client.send(get("/limited"));

  EXPECT_EQ(response.status, 200);
  EXPECT_GE(seconds_since(start), 0.19);
  EXPECT_LT(seconds_since(start), 2.0);
}

TEST(ClientsHttpClient, AcceptsRetryAfterDate) {
  std::atomic<int> calls{0};
  StandInServer server([&calls](const StandInRequest&) {
    if (++calls > 1) return json_reply(200, "{}");
    StandInReply reply = json_reply(429, "{}");
    reply.headers = {{"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"}};  // in the past: retry at once
    return reply;
  });
  const HttpClient client(server.base_url(), "BASE", fast_settings());

  const auto start = Clock::now();
  EXPECT_EQ(client.send(get("/limited")).status, 200);
  EXPECT_LT(seconds_since(start), 1.0);
}

TEST(ClientsHttpClient, SlowBodyTimesOutAndIsRetried) {
  StandInServer server([](const StandInRequest&) {
    StandInReply reply = json_reply(200, std::string(1000, ' ') + "{}");
    reply.mode = ReplyMode::SlowBody;
    reply.body_delay = 3000ms;
    return reply;
  });
  HttpClientSettings settings = fast_settings();
  settings.total_timeout = 300ms;
  settings.max_attempts = 2;
  const HttpClient client(server.base_url(), "BASE", settings);

  try {
    client.send(get("/slow"));
    FAIL() << "a body slower than the timeout was accepted";
  } catch (const ServiceError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("standin: GET /slow failed after 2 attempts"), std::string::npos) << message;
    EXPECT_NE(message.find("timed out"), std::string::npos) << message;
    EXPECT_EQ(error.http_status(), 0);
  }
  EXPECT_EQ(server.hits("/slow"), 2u);
}

TEST(ClientsHttpClient, CutOffBodyIsRetriedThenFails) {
  StandInServer server([](const StandInRequest&) {
    StandInReply reply = json_reply(200, R"({"value": [)");
    reply.mode = ReplyMode::CutOffBody;
    return reply;
  });
  const HttpClient client(server.base_url(), "BASE", fast_settings());

  EXPECT_THROW(client.send(get("/cut")), ServiceError);
  EXPECT_EQ(server.hits("/cut"), 3u);
}

TEST(ClientsHttpClient, ConnectionRefusedIsRetriedThenFails) {
  std::string base_url;
  {
    StandInServer closed([](const StandInRequest&) { return json_reply(200, "{}"); });
    base_url = closed.base_url();
  }
  const HttpClient client(base_url, "BASE", fast_settings());

  try {
    client.send(get("/nobody"));
    FAIL() << "a closed port answered";
  } catch (const ServiceError& error) {
    EXPECT_NE(std::string(error.what()).find("standin: GET /nobody failed after 3 attempts"), std::string::npos)
        << error.what();
  }
}

TEST(ClientsHttpClient, OversizeResponseFailsWithoutRetry) {
  StandInServer server([](const StandInRequest&) { return json_reply(200, std::string(5000, 'x')); });
  HttpClientSettings settings = fast_settings();
  settings.max_response_bytes = 1000;
  const HttpClient client(server.base_url(), "BASE", settings);

  try {
    client.send(get("/big"));
    FAIL() << "an oversize response was accepted";
  } catch (const ServiceError& error) {
    EXPECT_NE(std::string(error.what()).find("larger than 1000 bytes"), std::string::npos) << error.what();
  }
  EXPECT_EQ(server.hits("/big"), 1u);
}

TEST(ClientsHttpClient, RateLimitSpacesRequests) {
  StandInServer server([](const StandInRequest&) { return json_reply(200, "{}"); });
  HttpClientSettings settings = fast_settings();
  settings.requests_per_second = 20.0;
  settings.burst = 1.0;
  const HttpClient client(server.base_url(), "BASE", settings);

  const auto start = Clock::now();
  for (int i = 0; i < 6; ++i) client.send(get("/rate"));

  // The first request goes at once and the other five 50 ms apart.
  EXPECT_GE(seconds_since(start), 0.24);
}

TEST(ClientsHttpClient, ServesConcurrentCallers) {
  StandInServer server([](const StandInRequest& request) {
    return json_reply(200, "{\"n\": \"" + request.query_value("n") + "\"}");
  });
  const HttpClient client(server.base_url(), "BASE", fast_settings());
  std::atomic<int> matched{0};

  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&client, &matched, t] {
      for (int i = 0; i < 5; ++i) {
        HttpRequest request = get("/concurrent");
        const std::string n = std::to_string(t * 100 + i);
        request.query = {{"n", n}};
        if (client.send(request).body == "{\"n\": \"" + n + "\"}") ++matched;
      }
    });
  }
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(matched.load(), 30);
  EXPECT_EQ(server.hits("/concurrent"), 30u);
}

TEST(ClientsHttpClient, RejectsInvalidSettings) {
  HttpClientSettings settings = fast_settings();
  settings.max_attempts = 0;
  EXPECT_THROW(HttpClient("http://127.0.0.1:1", "BASE", settings), ClientConfigError);
  settings = fast_settings();
  settings.requests_per_second = 0.0;
  EXPECT_THROW(HttpClient("http://127.0.0.1:1", "BASE", settings), ClientConfigError);
  EXPECT_THROW(HttpClient("http://example.sg", "BASE", fast_settings()), ClientConfigError);
}

}  // namespace
}  // namespace pitstop
