#include "clients/url.hpp"

#include <arpa/inet.h>

#include <array>
#include <memory>

#include <curl/curl.h>
#include <fmt/format.h>

#include "clients/service_error.hpp"

namespace pitstop {
namespace {

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

struct CurlUrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct CurlTextDeleter {
  void operator()(char* text) const { curl_free(text); }
};

// The part of a parsed URL, or "" when the URL does not have it.
std::string url_part(CURLU* url, CURLUPart part) {
  char* raw = nullptr;
  if (curl_url_get(url, part, &raw, 0) != CURLUE_OK || raw == nullptr) return {};
  const std::unique_ptr<char, CurlTextDeleter> text(raw);
  return std::string(text.get());
}

bool is_loopback_host(const std::string& host) {
  if (host == "localhost" || host == "[::1]") return true;
  std::array<unsigned char, 4> address{};
  if (inet_pton(AF_INET, host.c_str(), address.data()) != 1) return false;
  return address[0] == 127;
}

}  // namespace

std::string url_encode_component(std::string_view text) {
  constexpr char kHexDigits[] = "0123456789ABCDEF";
  std::string encoded;
  encoded.reserve(text.size() * 3);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (is_unreserved(byte)) {
      encoded.push_back(c);
      continue;
    }
    encoded.push_back('%');
    encoded.push_back(kHexDigits[byte >> 4]);
    encoded.push_back(kHexDigits[byte & 0x0f]);
  }
  return encoded;
}

std::string build_query_string(const QueryParameterList& parameters) {
  std::string query;
  for (const auto& [name, value] : parameters) {
    if (!query.empty()) query.push_back('&');
    query += url_encode_component(name);
    query.push_back('=');
    query += url_encode_component(value);
  }
  return query;
}

std::string validate_base_url(std::string_view url, std::string_view setting_name) {
  const std::string text(url);
  const std::unique_ptr<CURLU, CurlUrlDeleter> parsed(curl_url());
  if (!parsed) throw std::bad_alloc();
  if (text.empty() || curl_url_set(parsed.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) {
    throw ClientConfigError(fmt::format(
        "{} = '{}' is not a valid URL: use the form https://host[:port][/path]", setting_name, text));
  }

  const std::string scheme = url_part(parsed.get(), CURLUPART_SCHEME);
  const std::string host = url_part(parsed.get(), CURLUPART_HOST);
  if (!url_part(parsed.get(), CURLUPART_USER).empty() || !url_part(parsed.get(), CURLUPART_QUERY).empty() ||
      !url_part(parsed.get(), CURLUPART_FRAGMENT).empty()) {
    throw ClientConfigError(fmt::format(
        "{} must not contain user info, a query or a fragment: use the form https://host[:port][/path]",
        setting_name));
  }
  if (scheme != "https" && scheme != "http") {
    throw ClientConfigError(
        fmt::format("{} = '{}' uses the scheme '{}': use https", setting_name, text, scheme));
  }
  if (scheme == "http" && !is_loopback_host(host)) {
    throw ClientConfigError(fmt::format(
        "{} = '{}' uses plain http to {}: use https (plain http is allowed only for loopback hosts such as "
        "127.0.0.1, for local test servers)",
        setting_name, text, host));
  }

  std::string normalized = text;
  while (!normalized.empty() && normalized.back() == '/') normalized.pop_back();
  return normalized;
}

}  // namespace pitstop
