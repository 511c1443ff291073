#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>

#include "clients/http_client.hpp"
#include "clients/onemap_responses.hpp"
#include "geo/lat_lon.hpp"

namespace pitstop {

// HTTP settings for OneMap: service name "onemap", 3 s to connect, 8 s per
// attempt, 3 attempts and 4 requests a second (burst 4). Search runs inside
// API requests, so the timeouts are kept short.
HttpClientSettings default_onemap_http_settings();

struct OneMapSettings {
  std::string base_url = "https://www.onemap.gov.sg";
  std::string email;     // the operator's OneMap account
  std::string password;  // never logged
  // A token is replaced this long before it expires, or halfway through its
  // lifetime when that is shorter than twice the margin.
  std::chrono::seconds token_refresh_margin{3600};
  HttpClientSettings http = default_onemap_http_settings();
};

// Client of the OneMap REST API (Singapore Land Authority): search and
// routing, with the access token fetched from the operator's email and
// password, reused until shortly before it expires, and renewed once when
// OneMap rejects it with 401. Safe to call from several threads at once.
class OneMapClient {
 public:
  // Throws ClientConfigError for an invalid base URL or settings, or an empty
  // email or password.
  explicit OneMapClient(OneMapSettings settings);

  // GET /api/common/elastic/search for one page (1-based) of up to 10
  // results, with coordinates and address details. Throws ServiceError when
  // OneMap cannot be reached, returns an error status or sends an unreadable
  // body, and std::invalid_argument for a page below 1.
  OneMapSearchPage search(std::string_view text, long page_number = 1) const;

  // GET /api/public/routingsvc/route from start to end. route_type is "cycle",
  // "walk" or "drive"; polyline_precision is the number of decimal digits of
  // the encoded geometry. Throws ServiceError as search() does, and also when
  // the geometry starts more than 50 km from `start`, the sign of a wrong
  // precision. Throws std::invalid_argument for another route type or a
  // precision outside 1..7.
  OneMapRouteResult route(LatLon start, LatLon end, std::string_view route_type = "cycle",
                          int polyline_precision = 5) const;

  // Returns a token that is not yet due for renewal, fetching a new one with
  // POST /api/auth/post/getToken when needed. Throws ServiceError when OneMap
  // rejects the credentials or cannot be reached.
  std::string access_token() const;

  const OneMapSettings& settings() const { return settings_; }

 private:
  struct CachedToken {
    std::string value;
    std::chrono::system_clock::time_point refresh_at;
  };

  void fetch_token_locked() const;
  std::string renew_rejected_token(const std::string& rejected) const;
  HttpResponse send_authorized(HttpRequest request, std::string_view operation) const;

  OneMapSettings settings_;
  HttpClient http_;
  mutable std::mutex token_mutex_;  // held while a token is fetched, so only one fetch runs at a time
  mutable CachedToken token_;
};

}  // namespace pitstop
