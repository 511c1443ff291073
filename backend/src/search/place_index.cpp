#include "search/place_index.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "search/duplicate_merge.hpp"
#include "search/search_query.hpp"
#include "search/search_words.hpp"

namespace pitstop {
namespace {

PlaceKind to_place_kind(OsmNamedFeature::Kind kind) {
  switch (kind) {
    case OsmNamedFeature::Kind::Street:
      return PlaceKind::Street;
    case OsmNamedFeature::Kind::Place:
      return PlaceKind::Place;
    case OsmNamedFeature::Kind::Amenity:
      return PlaceKind::Amenity;
  }
  return PlaceKind::Place;
}

// "HDB_RACKS lta-3f9a0c12d4e5b6a7", or only the id when the rack type is unknown.
std::string parking_detail(const ParkingSpot& spot) {
  if (spot.rack_type.empty()) return spot.id;
  return fmt::format("{} {}", spot.rack_type, spot.id);
}

SearchResult coordinate_result(LatLon point) {
  Place place;
  place.name = format_lat_lon(point);
  place.kind = PlaceKind::Coordinate;
  place.category = "coordinate";
  place.location = point;
  return {std::move(place), static_cast<double>(MatchTier::ExactName)};
}

}  // namespace

void PlaceIndex::add(Place place) {
  places_.push_back(std::move(place));
  built_ = false;
}

void PlaceIndex::add_osm_features(const std::vector<OsmNamedFeature>& features) {
  for (const auto& feature : features) {
    add({feature.name, to_place_kind(feature.kind), feature.category, feature.location, ""});
  }
}

void PlaceIndex::add_parking_spots(const std::vector<ParkingSpot>& spots) {
  for (const auto& spot : spots) {
    add({spot.description, PlaceKind::ParkingSpot, "bicycle_parking", spot.location,
         parking_detail(spot)});
  }
}

void PlaceIndex::build() {
  const auto added_count = places_.size();
  auto merged = merge_nearby_duplicates(std::move(places_));
  const auto merged_count = merged.size();

  places_.clear();
  place_words_.clear();
  words_.clear();
  for (auto& place : merged) {
    auto words = split_search_words(place.name);
    if (words.empty()) continue;
    places_.push_back(std::move(place));
    place_words_.push_back(std::move(words));
  }
  if (places_.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error(fmt::format("too many places to index ({}): the maximum is {}",
                                        places_.size(), std::numeric_limits<std::uint32_t>::max()));
  }

  for (std::size_t i = 0; i < places_.size(); ++i) {
    for (const auto& word : place_words_[i]) words_.push_back({word, static_cast<std::uint32_t>(i)});
  }
  std::sort(words_.begin(), words_.end(), [](const WordEntry& a, const WordEntry& b) {
    return std::tie(a.word, a.place_index) < std::tie(b.word, b.place_index);
  });
  built_ = true;

  spdlog::info("built place index: {} places added, {} merged as nearby duplicates, {} without "
               "a searchable name dropped, {} places and {} words indexed",
               added_count, added_count - merged_count, merged_count - places_.size(),
               places_.size(), words_.size());
}

std::size_t PlaceIndex::size() const { return places_.size(); }

void PlaceIndex::require_built() const {
  if (!built_) throw std::logic_error("PlaceIndex: call build() after adding places and before searching");
}

PlaceIndex::WordRange PlaceIndex::find_prefix_range(const std::string& prefix) const {
  const auto begin = std::lower_bound(
      words_.begin(), words_.end(), prefix,
      [](const WordEntry& entry, const std::string& target) { return entry.word < target; });
  const auto end = std::partition_point(
      begin, words_.end(), [&](const WordEntry& entry) { return entry.word.starts_with(prefix); });
  return {static_cast<std::size_t>(begin - words_.begin()),
          static_cast<std::size_t>(end - words_.begin())};
}

// Returns the places having a word that starts with the most selective query
// word, so that the cost follows the number of matches, not the index size.
std::vector<std::uint32_t> PlaceIndex::collect_candidates(
    const std::vector<std::string>& query_words) const {
  WordRange narrowest{0, std::numeric_limits<std::size_t>::max()};
  for (const auto& word : query_words) {
    const auto range = find_prefix_range(word);
    if (range.second - range.first < narrowest.second - narrowest.first) narrowest = range;
  }

  std::vector<std::uint32_t> candidates;
  candidates.reserve(narrowest.second - narrowest.first);
  for (auto i = narrowest.first; i < narrowest.second; ++i) candidates.push_back(words_[i].place_index);
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  return candidates;
}

std::vector<PlaceIndex::Match> PlaceIndex::find_matches(
    const std::vector<std::string>& query_words) const {
  std::vector<Match> matches;
  if (query_words.empty()) return matches;

  for (const auto place_index : collect_candidates(query_words)) {
    const auto tier = classify_match(query_words, place_words_[place_index]);
    if (tier) matches.push_back({place_index, *tier});
  }
  return matches;
}

// Sorts the best `count` matches to the front and leaves the rest unordered.
void PlaceIndex::rank_first(std::vector<Match>& matches, std::size_t count) const {
  const auto middle = matches.begin() + static_cast<std::ptrdiff_t>(std::min(count, matches.size()));
  std::partial_sort(matches.begin(), middle, matches.end(), [&](const Match& a, const Match& b) {
    return ranks_before(a.tier, places_[a.place_index], b.tier, places_[b.place_index]);
  });
}

std::vector<SearchResult> PlaceIndex::search(std::string_view query, std::size_t limit,
                                             std::size_t offset) const {
  require_built();
  const auto parsed = parse_search_query(query);
  if (parsed.coordinate) {
    if (offset > 0 || limit == 0) return {};
    return {coordinate_result(*parsed.coordinate)};
  }

  auto matches = find_matches(parsed.words);
  if (offset >= matches.size()) return {};
  const auto end = offset + std::min(limit, matches.size() - offset);
  rank_first(matches, end);

  std::vector<SearchResult> results;
  results.reserve(end - offset);
  for (auto i = offset; i < end; ++i) {
    results.push_back({places_[matches[i].place_index], static_cast<double>(matches[i].tier)});
  }
  return results;
}

std::size_t PlaceIndex::count_matches(std::string_view query) const {
  require_built();
  const auto parsed = parse_search_query(query);
  if (parsed.coordinate) return 1;
  return find_matches(parsed.words).size();
}

}  // namespace pitstop
