#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clients/url.hpp"

namespace pitstop {

class TokenBucket;

// Settings of one outside service's HTTP client.
struct HttpClientSettings {
  std::string service_name = "http";  // names the service in log lines and errors, e.g. "onemap"
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{15000};  // one attempt, connecting included
  int max_attempts = 3;                            // the first attempt included
  std::chrono::milliseconds initial_backoff{500};  // before the first retry; doubles with each retry
  std::chrono::milliseconds max_backoff{8000};
  std::chrono::milliseconds max_retry_after{30000};  // cap on the wait that a Retry-After header requests
  double requests_per_second = 5.0;                  // every attempt counts, retries included
  double burst = 5.0;
  std::size_t max_response_bytes = 64 * 1024 * 1024;
};

// One request to the service. Headers may hold credentials: the client never
// logs them, the body or the query.
struct HttpRequest {
  std::string method = "GET";  // GET or POST
  std::string path;            // appended to the base URL, starting with '/'
  QueryParameterList query;    // encoded by the client
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // sent with POST
  std::string content_type = "application/json";
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  int attempts = 0;                                          // attempts made, the first included

  // Returns the value of the last header with this lower-case name, or "".
  std::string header(std::string_view lower_case_name) const;
};

// HTTP client for one outside service over libcurl, safe to call from several
// threads at once (every attempt uses its own easy handle). It verifies TLS
// certificates, applies connect and total timeouts, limits the request rate
// with a token bucket and retries timeouts, connection failures, responses cut
// short, 5xx and 429 with exponential backoff and jitter, honouring a capped
// Retry-After. Other 4xx are never retried. Redirects are not followed, so
// credentials in headers never reach another host. Log lines name the
// service, method, path, status, attempt and latency, never the query,
// headers or body.
class HttpClient {
 public:
  // Checks the base URL with validate_base_url (`base_url_setting` names it in
  // errors) and the settings. Throws ClientConfigError when either is invalid.
  HttpClient(std::string_view base_url, std::string_view base_url_setting, HttpClientSettings settings);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends the request, retrying as described above. Returns the last response
  // whatever its status, including a 4xx and a 5xx or 429 that outlasted every
  // attempt. Throws ServiceError when the last attempt received no complete
  // response (timeout, connection failure, body cut short or too large).
  HttpResponse send(const HttpRequest& request) const;

  const std::string& base_url() const { return base_url_; }
  const HttpClientSettings& settings() const { return settings_; }

 private:
  struct SharedCache;

  std::string base_url_;
  HttpClientSettings settings_;
  std::unique_ptr<TokenBucket> rate_limit_;
  std::unique_ptr<SharedCache> shared_cache_;
};

}  // namespace pitstop
