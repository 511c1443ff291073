#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/api_metrics.hpp"
#include "api/http_exchange.hpp"
#include "app/pitstop_data.hpp"

namespace pitstop {

class OneMapPlaceSearch;

struct ApiSettings {
  // Origins allowed to call the API from a browser on another site; "*"
  // allows any. Empty (the default) sends no CORS headers at all.
  std::vector<std::string> cors_origins;
  // Extra readiness condition, e.g. the database connection: returns why the
  // server is not ready, or "" when it is. Unset means ready once parking
  // data is loaded.
  std::function<std::string()> not_ready_reason;
  // OneMap search that /api/v1/search combines with the offline index; null
  // (the default) searches the offline index only.
  std::shared_ptr<OneMapPlaceSearch> onemap_search;
};

// The HTTP API over loaded data: routes requests to handlers, turns errors
// into JSON error responses and records metrics. Thread-safe.
class PitStopApi {
 public:
  PitStopApi(const PitStopData& data, ApiSettings settings);

  ApiResponse handle(const ApiRequest& request);

  ApiMetrics& metrics() { return metrics_; }

  // Paths whose handlers respond in microseconds (health, readiness, metrics,
  // the OpenAPI document), which a server can run on its I/O threads.
  static std::vector<std::string> quick_paths();

  // Query parameters that the endpoint at `path` accepts. Empty for an
  // endpoint that reads none and ignores any it is sent, and for an unknown path.
  static std::vector<std::string> query_parameter_names(std::string_view path);

 private:
  struct Route;

  ApiResponse dispatch(const ApiRequest& request, std::string& endpoint);
  void add_cors_headers(const ApiRequest& request, ApiResponse& response) const;

  const PitStopData& data_;
  ApiSettings settings_;
  ApiMetrics metrics_;
};

}  // namespace pitstop
