#include "search/search_query.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "geo/errors.hpp"
#include "search/search_words.hpp"

namespace pitstop {
namespace {

bool looks_like_coordinate(std::string_view text) {
  const auto is_coordinate_char = [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == ',' || c == '-' || c == '+' || c == ' ' ||
           c == '\t';
  };
  const bool has_digit = std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  return has_digit && std::count(text.begin(), text.end(), ',') == 1 &&
         std::all_of(text.begin(), text.end(), is_coordinate_char);
}

}  // namespace

SearchQuery parse_search_query(std::string_view text) {
  if (text.size() > kMaxSearchQueryLength_bytes) {
    throw InputError(fmt::format("search query is too long ({} bytes): shorten it to at most {} bytes",
                                 text.size(), kMaxSearchQueryLength_bytes));
  }

  SearchQuery query;
  if (looks_like_coordinate(text)) {
    query.coordinate = parse_lat_lon(text);
    return query;
  }

  query.words = split_search_words(text);
  if (query.words.size() > kMaxSearchQueryWords) {
    throw InputError(fmt::format("search query has too many words ({}): use at most {} words",
                                 query.words.size(), kMaxSearchQueryWords));
  }
  return query;
}

}  // namespace pitstop
