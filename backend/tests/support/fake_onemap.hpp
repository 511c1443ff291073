#pragma once

// A OneMap stand-in: issues tokens for one account, rejects unknown or
// expired tokens with 401, and returns set bodies for search and routing.
// Tests replace any reply through set_intercept.

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "clients/onemap_client.hpp"
#include "support/stand_in_server.hpp"

namespace pitstop::testing {

inline constexpr const char* kFakeOneMapEmail = "operator@pitstop.example";
inline constexpr const char* kFakeOneMapPassword = "Pa55-w0rd&secret#value";
inline constexpr const char* kTokenPath = "/api/auth/post/getToken";
inline constexpr const char* kSearchPath = "/api/common/elastic/search";
inline constexpr const char* kRoutePath = "/api/public/routingsvc/route";

inline const char* kOneSearchResult = R"({"found": 1, "totalNumPages": 1, "pageNum": 1, "results": [
  {"SEARCHVAL": "COMPASSVALE VISTA", "BLK_NO": "226B", "ROAD_NAME": "COMPASSVALE WALK",
   "BUILDING": "COMPASSVALE VISTA", "ADDRESS": "226B COMPASSVALE WALK COMPASSVALE VISTA SINGAPORE 542226",
   "POSTAL": "542226", "X": "35343.1499079037", "Y": "41071.7320690025",
   "LATITUDE": "1.38771174427547", "LONGITUDE": "103.899302425122"}]})";

class FakeOneMap {
 public:
  FakeOneMap() : server_([this](const StandInRequest& request) { return handle(request); }) {}

  StandInServer& server() { return server_; }

  // Settings for a client of this stand-in: short timeouts and backoffs, no rate limit to speak of.
  OneMapSettings client_settings() const {
    OneMapSettings settings;
    settings.base_url = server_.base_url();
    settings.email = kFakeOneMapEmail;
    settings.password = kFakeOneMapPassword;
    settings.http.connect_timeout = std::chrono::milliseconds(1000);
    settings.http.total_timeout = std::chrono::milliseconds(2000);
    settings.http.max_attempts = 3;
    settings.http.initial_backoff = std::chrono::milliseconds(10);
    settings.http.max_backoff = std::chrono::milliseconds(40);
    settings.http.requests_per_second = 1000.0;
    settings.http.burst = 1000.0;
    return settings;
  }

  // Lifetime of the tokens issued from now on.
  void set_token_lifetime(std::chrono::seconds lifetime) {
    const std::lock_guard lock(mutex_);
    token_lifetime_ = lifetime;
  }

  // Makes OneMap reject every token issued so far, as after their expiry.
  void expire_issued_tokens() {
    const std::lock_guard lock(mutex_);
    valid_tokens_.clear();
  }

  void set_search_body(std::string body) {
    const std::lock_guard lock(mutex_);
    search_body_ = std::move(body);
  }

  void set_route_body(std::string body) {
    const std::lock_guard lock(mutex_);
    route_body_ = std::move(body);
  }

  // Called first for every request; a reply it returns is sent instead of the normal one.
  void set_intercept(std::function<std::optional<StandInReply>(const StandInRequest&)> intercept) {
    const std::lock_guard lock(mutex_);
    intercept_ = std::move(intercept);
  }

  int tokens_issued() const {
    const std::lock_guard lock(mutex_);
    return tokens_issued_;
  }

  // Returns the token issued n-th (1-based); tests search log output for it.
  static std::string token_value(int n) { return fmt::format("access-token-secret-{}", n); }

 private:
  StandInReply handle(const StandInRequest& request) {
    std::function<std::optional<StandInReply>(const StandInRequest&)> intercept;
    {
      const std::lock_guard lock(mutex_);
      intercept = intercept_;
    }
    if (intercept) {
      if (auto reply = intercept(request)) return *reply;
    }

    const std::lock_guard lock(mutex_);
    if (request.path == kTokenPath) return issue_token(request);
    if (valid_tokens_.count(request.header("authorization")) == 0) {
      return json_reply(401, R"({"error": "Invalid or expired token"})");
    }
    if (request.path == kSearchPath) return json_reply(200, search_body_);
    if (request.path == kRoutePath) return json_reply(200, route_body_);
    return json_reply(404, R"({"error": "not found"})");
  }

  StandInReply issue_token(const StandInRequest& request) {
    const auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (request.method != "POST" || body.is_discarded() || body.value("email", "") != kFakeOneMapEmail ||
        body.value("password", "") != kFakeOneMapPassword) {
      return json_reply(401, R"({"error": "Invalid email or password"})");
    }
    ++tokens_issued_;
    const std::string token = token_value(tokens_issued_);
    valid_tokens_.insert(token);
    const auto expiry = std::chrono::system_clock::now() + token_lifetime_;
    const long long expiry_s = std::chrono::duration_cast<std::chrono::seconds>(expiry.time_since_epoch()).count();
    // OneMap sends the expiry as a string; the client also accepts a number.
    return json_reply(200, nlohmann::json{{"access_token", token}, {"expiry_timestamp", std::to_string(expiry_s)}}.dump());
  }

  mutable std::mutex mutex_;
  std::chrono::seconds token_lifetime_{3 * 24 * 3600};
  std::set<std::string> valid_tokens_;
  int tokens_issued_ = 0;
  std::string search_body_ = kOneSearchResult;
  std::string route_body_ = R"({"error": "no route body set"})";
  std::function<std::optional<StandInReply>(const StandInRequest&)> intercept_;
  StandInServer server_;  // last, so it stops before the members its handler uses are destroyed
};

}  // namespace pitstop::testing
