#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pitstop {

using QueryParameterList = std::vector<std::pair<std::string, std::string>>;

// Percent-encodes text for one URL query name or value (RFC 3986): the
// unreserved characters A-Z, a-z, 0-9, '-', '.', '_' and '~' stay as they are,
// and every other byte becomes %XX with upper-case hex digits. So a space
// becomes %20, '+' %2B, '&' %26, '#' %23, and each byte of a UTF-8 character is
// escaped on its own.
std::string url_encode_component(std::string_view text);

// Joins the parameters as name=value pairs separated by '&', each name and
// value encoded with url_encode_component. Returns "" for no parameters.
std::string build_query_string(const QueryParameterList& parameters);

// Checks a service's base URL and returns it without a trailing '/'. Accepts
// https:// for any host, and http:// only for a loopback host (127.0.0.0/8,
// localhost or [::1]), so that every call to a remote host is TLS-verified.
// The URL may have a path prefix but no user info, query or fragment. Throws
// ClientConfigError naming `setting_name` and the reason.
std::string validate_base_url(std::string_view url, std::string_view setting_name);

}  // namespace pitstop
