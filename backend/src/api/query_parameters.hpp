#pragma once

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "geo/lat_lon.hpp"

namespace pitstop {

// Splits a request target into its path and decoded query parameters, and
// reads typed values from them. Every failure throws ApiError 400 naming the
// parameter and what to send instead.
class QueryParameters {
 public:
  // Parses the part after '?'. Percent escapes and '+' are decoded; decoded
  // text must be valid UTF-8 without control characters.
  static QueryParameters parse(std::string_view query);

  bool has(std::string_view name) const;

  // The value, or nothing when absent. A parameter given twice is rejected,
  // because which one wins would be a guess.
  std::optional<std::string> text(std::string_view name) const;
  std::string required_text(std::string_view name) const;

  // Throws ApiError 400 "unknown_parameter" for the first parameter whose
  // name is not in `known`, so that a misspelled name is reported instead of
  // silently replaced by a default. The message names the endpoint `path`,
  // the closest known name when one is near, and the known names.
  void reject_unknown(std::span<const std::string_view> known, std::string_view path) const;

  // The value, which must be one of `allowed`, or nothing when absent.
  std::optional<std::string> choice(std::string_view name, std::initializer_list<std::string_view> allowed) const;

  LatLon required_lat_lon(std::string_view name) const;
  double number(std::string_view name, double default_value, double min, double max) const;
  long integer(std::string_view name, long default_value, long min, long max) const;

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

// Splits "path?query" at the first '?'.
std::pair<std::string_view, std::string_view> split_target(std::string_view target);

// Decodes percent escapes (and '+' as a space when `plus_is_space`). Returns
// nothing for a malformed escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// True when text is valid UTF-8 (no overlong forms or surrogates).
bool is_valid_utf8(std::string_view text);

}  // namespace pitstop
