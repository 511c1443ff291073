#pragma once

#include <string>
#include <string_view>

#include <boost/beast/core/string_type.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "api/http_exchange.hpp"

namespace pitstop {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

// Beast 1.74 uses boost::string_view, which does not convert to std::string_view by itself.
inline std::string_view to_std_view(boost::beast::string_view view) {
  return {view.data(), view.size()};
}
inline boost::beast::string_view to_beast_view(std::string_view view) {
  return {view.data(), view.size()};
}

// Returns the path of a request target, without the query string and fragment.
std::string_view target_path(std::string_view target);

// Converts a parsed request into the API layer's form, with header names in lower case.
ApiRequest to_api_request(HttpRequest&& request, std::string request_id);

// Builds the JSON error response {"error":{"code":…,"message":…,"parameter":null}}.
ApiResponse make_error_response(unsigned status, std::string_view code, std::string_view message);

// How to send one response.
struct ResponseOptions {
  unsigned http_version = 11;  // 10 or 11, copied from the request
  bool keep_alive = true;
  bool head_request = false;  // send the headers of the full response but no body
  std::string_view request_id;
};

// Converts the API layer's response into the message sent. The server sets
// Server, X-Request-Id, Content-Type, Content-Length and Connection itself, so
// those headers from the handler are dropped. So is any header whose name is
// not an HTTP token or whose value contains CR, LF or NUL. A status outside
// 200-599 is replaced by 500.
HttpResponse to_http_response(ApiResponse&& response, const ResponseOptions& options);

}  // namespace pitstop
