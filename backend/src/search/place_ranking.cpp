#include "search/place_ranking.hpp"

#include <algorithm>
#include <tuple>

namespace pitstop {
namespace {

bool has_word_with_prefix(const std::vector<std::string>& words, const std::string& prefix) {
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& word) { return word.starts_with(prefix); });
}

bool has_word(const std::vector<std::string>& words, const std::string& target) {
  return std::find(words.begin(), words.end(), target) != words.end();
}

}  // namespace

std::optional<MatchTier> classify_match(const std::vector<std::string>& query_words,
                                        const std::vector<std::string>& name_words) {
  if (query_words.empty()) return std::nullopt;

  bool all_whole_words = true;
  for (const auto& query_word : query_words) {
    if (!has_word_with_prefix(name_words, query_word)) return std::nullopt;
    if (!has_word(name_words, query_word)) all_whole_words = false;
  }

  if (query_words == name_words) return MatchTier::ExactName;
  return all_whole_words ? MatchTier::WholeWords : MatchTier::Prefix;
}

int kind_priority(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::Station:
      return 0;
    case PlaceKind::Street:
      return 1;
    case PlaceKind::Place:
      return 2;
    case PlaceKind::Amenity:
      return 3;
    case PlaceKind::Address:
      return 4;
    case PlaceKind::ParkingSpot:
      return 5;
    case PlaceKind::Coordinate:
      return 6;
  }
  return 7;
}

bool ranks_before(MatchTier tier_a, const Place& a, MatchTier tier_b, const Place& b) {
  // Negated tiers put the higher tier first in an ascending comparison.
  const int rank_a = -static_cast<int>(tier_a);
  const int rank_b = -static_cast<int>(tier_b);
  const int kind_a = kind_priority(a.kind);
  const int kind_b = kind_priority(b.kind);
  const auto length_a = a.name.size();
  const auto length_b = b.name.size();
  return std::tie(rank_a, kind_a, length_a, a.name, a.location.lat, a.location.lon, a.category,
                  a.detail) < std::tie(rank_b, kind_b, length_b, b.name, b.location.lat,
                                       b.location.lon, b.category, b.detail);
}

}  // namespace pitstop
