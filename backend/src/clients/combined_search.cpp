#include "clients/combined_search.hpp"

#include <algorithm>
#include <optional>

#include "clients/onemap_place_search.hpp"
#include "search/place_ranking.hpp"
#include "search/search_words.hpp"

namespace pitstop {
namespace {

struct OneMapWindow {
  std::vector<Place> places;
  std::size_t found = 0;
};

std::vector<Place> search_offline(const PlaceIndex& offline, std::string_view text, std::size_t limit,
                                  std::size_t offset) {
  std::vector<Place> places;
  if (limit == 0) return places;
  for (SearchResult& result : offline.search(text, limit, offset)) places.push_back(std::move(result.place));
  return places;
}

CombinedSearchPage offline_page(const PlaceIndex& offline, std::string_view text, std::size_t offset,
                                std::size_t page_size) {
  CombinedSearchPage page;
  page.places = search_offline(offline, text, page_size, offset);
  page.total_count = offline.count_matches(text);
  return page;
}

// OneMap's results [start, start + count) of the query, from one OneMap page
// or two when the range crosses a page boundary. Always asks for at least
// one page, to learn the total. Returns nothing when OneMap fails.
std::optional<OneMapWindow> fetch_onemap_window(OneMapPlaceSearch& onemap, std::string_view text, std::size_t start,
                                                std::size_t count) {
  const long first_page = static_cast<long>(start / kOneMapPageSize) + 1;
  auto page = onemap.try_search(text, first_page);
  if (!page) return std::nullopt;

  OneMapWindow window;
  window.found = page->found > 0 ? static_cast<std::size_t>(page->found) : 0;
  std::size_t skip = start % kOneMapPageSize;
  for (long page_number = first_page;; ++page_number) {
    for (std::size_t i = skip; i < page->places.size() && window.places.size() < count; ++i) {
      window.places.push_back(std::move(page->places[i]));
    }
    if (window.places.size() >= count || page_number >= page->total_pages) break;
    page = onemap.try_search(text, page_number + 1);
    if (!page) return std::nullopt;
    skip = 0;
  }
  return window;
}

// Keeps the first of each set of repeated places, in order.
std::vector<Place> drop_repeated_places(std::vector<Place> places) {
  std::vector<Place> unique_places;
  unique_places.reserve(places.size());
  for (Place& place : places) {
    const auto earlier = std::find_if(unique_places.begin(), unique_places.end(),
                                      [&place](const Place& other) { return is_same_place(other, place); });
    if (earlier == unique_places.end()) {
      unique_places.push_back(std::move(place));
      continue;
    }
    if (!earlier->address && place.address) earlier->address = place.address;
  }
  return unique_places;
}

bool is_exact_station_or_street(const SearchResult& result) {
  const bool exact = result.score >= static_cast<double>(MatchTier::ExactName);
  return exact && (result.place.kind == PlaceKind::Station || result.place.kind == PlaceKind::Street);
}

}  // namespace

bool is_same_place(const Place& a, const Place& b, double max_distance_m) {
  if (haversine_m(a.location, b.location) > max_distance_m) return false;
  return split_search_words(a.name) == split_search_words(b.name);
}

CombinedSearchPage search_offline_and_onemap(const PlaceIndex& offline, OneMapPlaceSearch* onemap,
                                             std::string_view text, std::size_t page_number, std::size_t page_size) {
  const std::size_t offset = (std::max<std::size_t>(page_number, 1) - 1) * page_size;
  // The offline search runs first so that a malformed query fails before OneMap is asked.
  const std::vector<SearchResult> best = offline.search(text, 1);
  if (onemap == nullptr || (!best.empty() && best.front().place.kind == PlaceKind::Coordinate)) {
    return offline_page(offline, text, offset, page_size);
  }
  const std::size_t offline_total = offline.count_matches(text);

  CombinedSearchPage page;
  if (!best.empty() && is_exact_station_or_street(best.front())) {
    std::vector<Place> offline_part = search_offline(offline, text, page_size, offset);
    const std::size_t onemap_start = offset > offline_total ? offset - offline_total : 0;
    const auto window = fetch_onemap_window(*onemap, text, onemap_start, page_size - offline_part.size());
    if (!window) return offline_page(offline, text, offset, page_size);

    page.places = std::move(offline_part);
    page.places.insert(page.places.end(), window->places.begin(), window->places.end());
    page.total_count = offline_total + window->found;
  } else {
    auto window = fetch_onemap_window(*onemap, text, offset, page_size);
    if (!window) return offline_page(offline, text, offset, page_size);

    const std::size_t offline_start = offset > window->found ? offset - window->found : 0;
    std::vector<Place> offline_part =
        search_offline(offline, text, page_size - window->places.size(), offline_start);
    page.places = std::move(window->places);
    page.places.insert(page.places.end(), offline_part.begin(), offline_part.end());
    page.total_count = window->found + offline_total;
  }
  page.onemap_answered = true;
  page.places = drop_repeated_places(std::move(page.places));
  return page;
}

}  // namespace pitstop
