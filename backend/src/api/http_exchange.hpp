#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace pitstop {

// An HTTP request in the API layer's form, independent of the server library.
struct ApiRequest {
  std::string method;  // "GET", "HEAD", …
  std::string target;  // path and query as received, e.g. "/api/v1/search?searchVal=bishan"
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string request_id;  // set by the server, echoed in X-Request-Id

  // Value of the first header with this lower-case name, or empty.
  std::string header(const std::string& lower_case_name) const {
    for (const auto& [name, value] : headers) {
      if (name == lower_case_name) return value;
    }
    return {};
  }
};

// The API layer's response to one request.
struct ApiResponse {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, e.g. Allow
};

// Handles one request. Must be safe to call from several threads at once.
using ApiHandler = std::function<ApiResponse(const ApiRequest&)>;

}  // namespace pitstop
