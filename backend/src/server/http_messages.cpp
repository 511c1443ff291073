#include "server/http_messages.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/field.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace pitstop {

namespace http = boost::beast::http;

namespace {

// Headers that the server derives from the exchange and never copies from the handler.
constexpr std::array<std::string_view, 7> kManagedHeaders{
    "Server", "X-Request-Id", "Content-Type", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive"};

bool is_managed_header(std::string_view name) {
  return std::any_of(kManagedHeaders.begin(), kManagedHeaders.end(),
                     [name](std::string_view managed) {
                       return boost::beast::iequals(to_beast_view(name), to_beast_view(managed));
                     });
}

// A header name must be an HTTP token (RFC 9110, section 5.6.2).
bool is_valid_header_name(std::string_view name) {
  if (name.empty()) return false;
  constexpr std::string_view kTokenSymbols = "!#$%&'*+-.^_`|~";
  return std::all_of(name.begin(), name.end(), [&](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || kTokenSymbols.find(c) != std::string_view::npos;
  });
}

// CR, LF or NUL in a value would end the header early and let the value inject others.
bool is_valid_header_value(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// 204 and 304 responses never carry a body or a Content-Length (RFC 9110, section 8.6).
bool status_allows_body(unsigned status) {
  return status != 204 && status != 304;
}

std::string to_lower_ascii(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

}  // namespace

std::string_view target_path(std::string_view target) {
  return target.substr(0, target.find_first_of("?#"));
}

ApiRequest to_api_request(HttpRequest&& request, std::string request_id) {
  ApiRequest api_request;
  api_request.method = std::string(to_std_view(request.method_string()));
  api_request.target = std::string(to_std_view(request.target()));
  for (const auto& field : request) {
    api_request.headers.emplace_back(to_lower_ascii(to_std_view(field.name_string())),
                                     std::string(to_std_view(field.value())));
  }
  api_request.body = std::move(request.body());
  api_request.request_id = std::move(request_id);
  return api_request;
}

ApiResponse make_error_response(unsigned status, std::string_view code, std::string_view message) {
  const nlohmann::ordered_json body = {
      {"error", {{"code", code}, {"message", message}, {"parameter", nullptr}}}};
  ApiResponse response;
  response.status = status;
  response.body = body.dump();
  return response;
}

HttpResponse to_http_response(ApiResponse&& response, const ResponseOptions& options) {
  if (response.status < 200 || response.status > 599) {
    spdlog::error("http: request {}: the handler returned invalid status {}; sending 500", options.request_id,
                  response.status);
    response = make_error_response(500, "internal_error",
                                   "the server failed to answer this request: retry, and report the request id "
                                   "if it keeps failing");
  }

  HttpResponse message;
  message.version(options.http_version);
  message.result(response.status);
  for (const auto& [name, value] : response.headers) {
    if (is_managed_header(name)) continue;
    if (!is_valid_header_name(name) || !is_valid_header_value(value)) {
      spdlog::error("http: request {}: dropped response header '{}' because its name is not a token or its "
                    "value contains CR, LF or NUL",
                    options.request_id, name.substr(0, 64));
      continue;
    }
    message.insert(name, value);
  }

  message.set(http::field::server, "PitStop");
  message.set("X-Request-Id", to_beast_view(options.request_id));
  message.keep_alive(options.keep_alive);

  if (status_allows_body(response.status)) {
    if (!response.content_type.empty() && is_valid_header_value(response.content_type)) {
      message.set(http::field::content_type, response.content_type);
    }
    message.body() = std::move(response.body);
  }
  // Sets Content-Length to the body size, or removes it for 204 and 304.
  message.prepare_payload();

  // A HEAD response keeps the Content-Length of the GET response (RFC 9110, section 9.3.2).
  if (options.head_request) message.body().clear();
  return message;
}

}  // namespace pitstop
