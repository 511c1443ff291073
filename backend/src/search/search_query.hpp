#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/lat_lon.hpp"

namespace pitstop {

constexpr std::size_t kMaxSearchQueryLength_bytes = 200;
constexpr std::size_t kMaxSearchQueryWords = 10;

// A search text split into what the index looks up: either a coordinate, or
// lower-case words (none for a blank text).
struct SearchQuery {
  std::optional<LatLon> coordinate;
  std::vector<std::string> words;
};

// Parses a search text. A text with at least one digit, exactly one comma and
// otherwise only digits, signs, dots and spaces is read as "LAT,LON", and
// throws InvalidCoordinateError when it is out of range. Throws InputError when the text is longer than
// kMaxSearchQueryLength_bytes or has more than kMaxSearchQueryWords words.
SearchQuery parse_search_query(std::string_view text);

}  // namespace pitstop
