#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "search/place.hpp"
#include "search/place_index.hpp"

namespace pitstop {

class OneMapPlaceSearch;

// OneMap sends at most this many results a page.
constexpr std::size_t kOneMapPageSize = 10;
// Two results with the same name at most this far apart are one place.
constexpr double kSamePlaceDistance_m = 50.0;

// One page of place search over the offline index and OneMap.
struct CombinedSearchPage {
  std::vector<Place> places;
  std::size_t total_count = 0;  // offline matches plus OneMap's "found"; duplicates count twice
  bool onemap_answered = false;
};

// True when both names have the same search words (case and punctuation
// ignored) and the places are at most max_distance_m apart.
bool is_same_place(const Place& a, const Place& b, double max_distance_m = kSamePlaceDistance_m);

// Returns page `page_number` (1-based) of `page_size` places for the query.
// Without OneMap (null), for a "LAT,LON" query, or when OneMap fails, the
// page comes from the offline index alone. Otherwise the results are those
// of one list: the offline matches then OneMap's when the best offline match
// is a station or street whose name is exactly the query, and OneMap's then
// the offline ones otherwise. Within the page, a place that repeats an
// earlier one (is_same_place) is dropped, and its address fields move to the
// earlier place when that has none.
//
// Throws InputError for a query that the offline index rejects (see
// PlaceIndex::search), before OneMap is asked.
//
// NOTE: duplicates are only removed within a page, so a page can hold fewer
// than page_size places, and a place can appear on two pages.
CombinedSearchPage search_offline_and_onemap(const PlaceIndex& offline, OneMapPlaceSearch* onemap,
                                             std::string_view text, std::size_t page_number, std::size_t page_size);

}  // namespace pitstop
