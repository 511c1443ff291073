#include "api/query_parameters.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "api/api_error.hpp"
#include "geo/errors.hpp"

namespace pitstop {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

ApiError invalid(std::string_view name, const std::string& message) {
  return ApiError(400, "invalid_parameter", message, std::string(name));
}

bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7F;
  });
}

// The longest prefix of valid UTF-8 `text` that has at most max_bytes bytes
// and does not end inside a character.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// Shortens a bad value for an error message, so that a huge value does not
// come back in full.
std::string quoted(std::string_view value) {
  constexpr std::size_t kMaxShown = 60;
  if (value.size() <= kMaxShown) return fmt::format("'{}'", value);
  return fmt::format("'{}…' ({} bytes)", utf8_prefix(value, kMaxShown), value.size());
}

std::optional<double> parse_double(std::string_view text) {
  double value = 0.0;
  const char* end = text.data() + text.size();
  auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

// Edit distance between two names, ignoring ASCII case, so that
// "ridelimitmin" and "rideLimitMn" both count as near "rideLimitMin".
std::size_t name_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;

  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

// The maximum number of edits between a name of `length` bytes and a known
// name that is suggested. Short names allow fewer, so "x" does not suggest "to".
std::size_t max_suggestion_edits(std::size_t length) {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

// The closest known name within max_suggestion_edits of `name`, ignoring
// case, or nothing when none is that near.
std::optional<std::string_view> closest_name(std::string_view name, std::span<const std::string_view> known) {
  std::optional<std::string_view> best;
  std::size_t best_distance = max_suggestion_edits(name.size()) + 1;
  for (const std::string_view candidate : known) {
    const std::size_t distance = name_distance(name, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace

std::pair<std::string_view, std::string_view> split_target(std::string_view target) {
  const auto mark = target.find('?');
  if (mark == std::string_view::npos) return {target, {}};
  return {target.substr(0, mark), target.substr(mark + 1)};
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t code_point = 0;
    if (byte < 0x80) {
      ++i;
      continue;
    } else if ((byte & 0xE0) == 0xC0) {
      length = 2;
      code_point = byte & 0x1F;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3;
      code_point = byte & 0x0F;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4;
      code_point = byte & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t j = 1; j < length; ++j) {
      const auto next = static_cast<unsigned char>(text[i + j]);
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    const std::uint32_t min_code_point[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < min_code_point[length] || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

QueryParameters QueryParameters::parse(std::string_view query) {
  QueryParameters parameters;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    // Empty pairs ("&&", a bare "=") carry nothing, as in a form with no fields.
    if (pair.empty() || pair == "=") continue;

    const auto equals = pair.find('=');
    const auto name = percent_decode(pair.substr(0, equals), true);
    const auto value = percent_decode(equals == std::string_view::npos ? "" : pair.substr(equals + 1), true);
    if (!name || !value) {
      throw ApiError(400, "invalid_query", fmt::format("malformed percent escape in query part {}: "
                                                       "encode '%' as %25", quoted(pair)));
    }
    if (!is_valid_utf8(*name) || !is_valid_utf8(*value)) {
      throw ApiError(400, "invalid_query",
                     fmt::format("query part {} is not valid UTF-8: send UTF-8 text, percent-encoded",
                                 quoted(pair)));
    }
    if (has_control_character(*name)) {
      throw ApiError(400, "invalid_query",
                     fmt::format("the parameter name in query part {} contains a control character: send "
                                 "printable names",
                                 quoted(pair)));
    }
    if (has_control_character(*value)) {
      throw invalid(*name, fmt::format("parameter '{}' contains a control character: send printable "
                                       "text", *name));
    }
    parameters.values_.emplace_back(*name, *value);
  }
  return parameters;
}

bool QueryParameters::has(std::string_view name) const {
  for (const auto& [key, value] : values_) {
    if (key == name) return true;
  }
  return false;
}

std::optional<std::string> QueryParameters::text(std::string_view name) const {
  std::optional<std::string> found;
  for (const auto& [key, value] : values_) {
    if (key != name) continue;
    if (found) {
      throw invalid(name, fmt::format("parameter '{}' is given more than once: send it once", name));
    }
    found = value;
  }
  return found;
}

std::string QueryParameters::required_text(std::string_view name) const {
  auto value = text(name);
  if (!value || value->empty()) {
    throw ApiError(400, "missing_parameter", fmt::format("parameter '{}' is required", name),
                   std::string(name));
  }
  return *value;
}

void QueryParameters::reject_unknown(std::span<const std::string_view> known, std::string_view path) const {
  // The error's "parameter" field echoes the name, so a huge name is cut.
  constexpr std::size_t kMaxShownNameBytes = 60;
  for (const auto& [name, value] : values_) {
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;

    const std::string known_list = fmt::format("{}", fmt::join(known, ", "));
    const auto suggestion = closest_name(name, known);
    const std::string hint = suggestion ? fmt::format(" (did you mean '{}'?)", *suggestion) : "";
    throw ApiError(400, "unknown_parameter",
                   fmt::format("parameter {} is unknown to {}{}: send only {}", quoted(name), path, hint,
                               known_list),
                   std::string(utf8_prefix(name, kMaxShownNameBytes)));
  }
}

std::optional<std::string> QueryParameters::choice(std::string_view name,
                                                  std::initializer_list<std::string_view> allowed) const {
  auto value = text(name);
  if (!value || std::find(allowed.begin(), allowed.end(), *value) != allowed.end()) return value;

  std::string options;
  for (auto it = allowed.begin(); it != allowed.end(); ++it) {
    if (it != allowed.begin()) options += std::next(it) == allowed.end() ? " or " : ", ";
    options += *it;
  }
  throw invalid(name, fmt::format("parameter '{}' = {} is invalid: send {}", name, quoted(*value), options));
}

LatLon QueryParameters::required_lat_lon(std::string_view name) const {
  const std::string value = required_text(name);
  try {
    return parse_lat_lon(value);
  } catch (const InvalidCoordinateError&) {
    throw invalid(name, fmt::format("parameter '{}' = {} is not a valid coordinate: send LAT,LON in "
                                    "decimal degrees, e.g. 1.3521,103.8198",
                                    name, quoted(value)));
  }
}

double QueryParameters::number(std::string_view name, double default_value, double min, double max) const {
  const auto value = text(name);
  if (!value) return default_value;
  const auto parsed = parse_double(*value);
  if (!parsed || *parsed < min || *parsed > max) {
    throw invalid(name, fmt::format("parameter '{}' = {} is invalid: send a number from {} to {}", name,
                                    quoted(*value), min, max));
  }
  // Adding 0.0 turns -0 into 0, so that "-0" does not come back as -0.0 in JSON.
  return *parsed + 0.0;
}

long QueryParameters::integer(std::string_view name, long default_value, long min, long max) const {
  const auto value = text(name);
  if (!value) return default_value;
  long parsed = 0;
  const char* end = value->data() + value->size();
  auto [ptr, error] = std::from_chars(value->data(), end, parsed);
  if (value->empty() || error != std::errc() || ptr != end || parsed < min || parsed > max) {
    throw invalid(name, fmt::format("parameter '{}' = {} is invalid: send a whole number from {} to {}",
                                    name, quoted(*value), min, max));
  }
  return parsed;
}

}  // namespace pitstop
