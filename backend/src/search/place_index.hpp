#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/osm_named_feature.hpp"
#include "parking/parking_spot.hpp"
#include "search/place.hpp"
#include "search/place_ranking.hpp"

namespace pitstop {

struct SearchResult {
  Place place;
  double score = 0.0;  // the MatchTier value: 3 exact name or coordinate, 2 whole words, 1 prefixes
};

// Offline name search over stations, OSM features and parking spots. Add
// places, call build(), then search. Every query word must be a prefix of
// some word of a place's name, case-insensitively and in any order. A built
// index is read-only, so concurrent calls to search() and count_matches() are
// safe.
class PlaceIndex {
 public:
  void add(Place place);
  void add_osm_features(const std::vector<OsmNamedFeature>& features);
  void add_parking_spots(const std::vector<ParkingSpot>& spots);

  // Merges nearby duplicates (see merge_nearby_duplicates), drops places whose
  // name has no search words, and builds the word table. Call it again after
  // further adds.
  void build();

  // Returns the number of places stored. After build(), merged duplicates count once.
  std::size_t size() const;

  // Returns matches ranked as ranks_before orders them, skipping the first
  // `offset` and returning at most `limit`. A "LAT,LON" query returns one
  // Coordinate place. A query without words returns nothing. Throws
  // InputError for an overlong query, too many words or an out-of-range
  // coordinate (see parse_search_query), and std::logic_error when build()
  // has not run since the last add.
  std::vector<SearchResult> search(std::string_view query, std::size_t limit,
                                   std::size_t offset = 0) const;

  // Returns the total number of results search() would page through.
  std::size_t count_matches(std::string_view query) const;

 private:
  struct WordEntry {
    std::string word;
    std::uint32_t place_index = 0;
  };
  struct Match {
    std::uint32_t place_index = 0;
    MatchTier tier = MatchTier::Prefix;
  };
  using WordRange = std::pair<std::size_t, std::size_t>;  // [begin, end) in words_

  void require_built() const;
  WordRange find_prefix_range(const std::string& prefix) const;
  std::vector<std::uint32_t> collect_candidates(const std::vector<std::string>& query_words) const;
  std::vector<Match> find_matches(const std::vector<std::string>& query_words) const;
  void rank_first(std::vector<Match>& matches, std::size_t count) const;

  std::vector<Place> places_;
  std::vector<std::vector<std::string>> place_words_;  // the search words of places_[i].name
  std::vector<WordEntry> words_;                       // sorted by word, then place_index
  bool built_ = false;
};

}  // namespace pitstop
