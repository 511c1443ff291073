#include "clients/onemap_client.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "clients/service_error.hpp"

namespace pitstop {
namespace {

using nlohmann::json;
using Clock = std::chrono::system_clock;

constexpr const char* kTokenPath = "/api/auth/post/getToken";
constexpr const char* kSearchPath = "/api/common/elastic/search";
constexpr const char* kRoutePath = "/api/public/routingsvc/route";
// A geometry decoded at the wrong polyline precision is off by a factor of 10
// in degrees, hundreds of kilometres in Singapore, while OneMap moves a start
// at most a few kilometres onto its network.
constexpr double kMaxRouteStartOffset_m = 50000.0;

bool is_success(long status) { return status >= 200 && status <= 299; }

// The expiry as unix seconds, from a JSON number or a numeric string.
std::optional<Clock::time_point> read_expiry(const json& answer) {
  const auto it = answer.find("expiry_timestamp");
  if (it == answer.end()) return std::nullopt;
  long long seconds = 0;
  if (it->is_number_integer() || it->is_number_unsigned()) {
    seconds = it->get<long long>();
  } else if (it->is_number_float()) {
    seconds = static_cast<long long>(it->get<double>());
  } else if (it->is_string()) {
    const auto& text = it->get_ref<const std::string&>();
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  } else {
    return std::nullopt;
  }
  return Clock::time_point(std::chrono::seconds(seconds));
}

}  // namespace

HttpClientSettings default_onemap_http_settings() {
  HttpClientSettings settings;
  settings.service_name = "onemap";
  settings.connect_timeout = std::chrono::seconds(3);
  settings.total_timeout = std::chrono::seconds(8);
  settings.max_attempts = 3;
  settings.requests_per_second = 4.0;
  settings.burst = 4.0;
  return settings;
}

OneMapClient::OneMapClient(OneMapSettings settings)
    : settings_(std::move(settings)), http_(settings_.base_url, "PITSTOP_ONEMAP_BASE_URL", settings_.http) {
  if (settings_.email.empty() || settings_.password.empty()) {
    throw ClientConfigError(
        "OneMap needs the operator's account: set PITSTOP_ONEMAP_EMAIL and PITSTOP_ONEMAP_PASSWORD (or "
        "PITSTOP_ONEMAP_PASSWORD_FILE)");
  }
  if (settings_.token_refresh_margin.count() < 0) {
    throw ClientConfigError("the OneMap token refresh margin must not be negative");
  }
}

void OneMapClient::fetch_token_locked() const {
  HttpRequest request;
  request.method = "POST";
  request.path = kTokenPath;
  request.body = json{{"email", settings_.email}, {"password", settings_.password}}.dump();
  const HttpResponse response = http_.send(request);

  if (response.status == 400 || response.status == 401 || response.status == 403) {
    throw ServiceError(fmt::format("onemap: the token request was rejected with HTTP {}: check PITSTOP_ONEMAP_EMAIL "
                                   "and PITSTOP_ONEMAP_PASSWORD",
                                   response.status),
                       response.status);
  }
  if (!is_success(response.status)) {
    throw ServiceError(fmt::format("onemap: the token request failed with HTTP {}", response.status),
                       response.status);
  }

  // The response contains the token, so neither it nor a parser message that could quote it is logged.
  const json answer = json::parse(response.body, nullptr, false);
  if (answer.is_discarded() || !answer.is_object()) {
    throw ServiceError("onemap: the token response is not a JSON object");
  }
  const auto token = answer.find("access_token");
  if (token == answer.end() || !token->is_string() || token->get_ref<const std::string&>().empty()) {
    throw ServiceError("onemap: the token response has no access_token");
  }
  const auto expires_at = read_expiry(answer);
  if (!expires_at) {
    throw ServiceError("onemap: the token response has no valid expiry_timestamp (unix seconds)");
  }

  const auto lifetime = std::chrono::duration_cast<std::chrono::milliseconds>(*expires_at - Clock::now());
  if (lifetime.count() <= 0) {
    throw ServiceError(fmt::format("onemap: the new token expired {} s ago: check the system clock",
                                   -lifetime.count() / 1000));
  }
  const auto margin = std::min<std::chrono::milliseconds>(settings_.token_refresh_margin, lifetime / 2);
  token_.value = token->get<std::string>();
  token_.refresh_at = *expires_at - margin;
  const auto hours = [](std::chrono::milliseconds duration) { return static_cast<double>(duration.count()) / 3.6e6; };
  spdlog::info("onemap: fetched an access token valid for {:.1f} h; it will be renewed in {:.1f} h",
               hours(lifetime), hours(lifetime - margin));
}

std::string OneMapClient::access_token() const {
  const std::lock_guard lock(token_mutex_);
  if (token_.value.empty() || Clock::now() >= token_.refresh_at) fetch_token_locked();
  return token_.value;
}

std::string OneMapClient::renew_rejected_token(const std::string& rejected) const {
  const std::lock_guard lock(token_mutex_);
  // Another thread may have renewed the token while this one waited for the lock.
  if (token_.value == rejected || token_.value.empty() || Clock::now() >= token_.refresh_at) fetch_token_locked();
  return token_.value;
}

HttpResponse OneMapClient::send_authorized(HttpRequest request, std::string_view operation) const {
  // OneMap takes the bare token in Authorization, without a "Bearer " prefix,
  // as public OneMap clients send it.
  std::string token = access_token();
  request.headers = {{"Authorization", token}};
  HttpResponse response = http_.send(request);

  if (response.status == 401) {
    spdlog::info("onemap: {} {} -> HTTP 401; fetching a new token and retrying once", request.method, request.path);
    token = renew_rejected_token(token);
    request.headers = {{"Authorization", token}};
    response = http_.send(request);
  }
  if (!is_success(response.status)) {
    throw ServiceError(fmt::format("onemap: the {} request failed with HTTP {}", operation, response.status),
                       response.status);
  }
  return response;
}

OneMapSearchPage OneMapClient::search(std::string_view text, long page_number) const {
  if (page_number < 1) {
    throw std::invalid_argument(fmt::format("invalid OneMap page number {}: pages start at 1", page_number));
  }
  HttpRequest request;
  request.path = kSearchPath;
  request.query = {{"searchVal", std::string(text)},
                   {"returnGeom", "Y"},
                   {"getAddrDetails", "Y"},
                   {"pageNum", std::to_string(page_number)}};
  return parse_onemap_search(send_authorized(std::move(request), "search").body);
}

OneMapRouteResult OneMapClient::route(LatLon start, LatLon end, std::string_view route_type,
                                      int polyline_precision) const {
  if (route_type != "cycle" && route_type != "walk" && route_type != "drive") {
    throw std::invalid_argument(
        fmt::format("invalid OneMap route type '{}': use cycle, walk or drive", route_type));
  }
  if (polyline_precision < 1 || polyline_precision > 7) {
    throw std::invalid_argument(
        fmt::format("invalid polyline precision {}: use 1 to 7 decimal digits", polyline_precision));
  }
  HttpRequest request;
  request.path = kRoutePath;
  request.query = {{"start", format_lat_lon(start)}, {"end", format_lat_lon(end)}, {"routeType", std::string(route_type)}};

  OneMapRouteResult answer = parse_onemap_route(send_authorized(std::move(request), "route").body, polyline_precision);
  const auto& geometry = answer.route.geometry;
  if (geometry.empty()) throw ServiceError("onemap: the route geometry has no points");
  const double start_offset_m = haversine_m(geometry.front(), start);
  if (start_offset_m > kMaxRouteStartOffset_m) {
    throw ServiceError(fmt::format(
        "onemap: the route geometry starts {:.1f} km from the requested start when decoded at polyline precision {}: "
        "check the precision",
        start_offset_m / 1000.0, polyline_precision));
  }
  return answer;
}

}  // namespace pitstop
