#pragma once

#include <optional>
#include <string>
#include <vector>

#include "search/place.hpp"

namespace pitstop {

// Quality of a name's match to a query. A higher value ranks first.
enum class MatchTier {
  Prefix = 1,       // every query word is a prefix of some word of the name
  WholeWords = 2,   // every query word is a whole word of the name, in any order
  ExactName = 3,    // the query words are the name's words, in order
};

// Returns the tier of a match, or nullopt when some query word is not a prefix
// of any name word. Several query words may match the same name word.
std::optional<MatchTier> classify_match(const std::vector<std::string>& query_words,
                                        const std::vector<std::string>& name_words);

// Returns the kind order used to break ties between equal tiers: stations,
// streets, places, amenities, addresses, parking spots, then coordinates.
int kind_priority(PlaceKind kind);

// Orders two matched places: higher tier, then kind priority, then shorter
// name (in bytes), then name in byte order, then position, category and detail,
// so that the order never depends on the order places were added.
bool ranks_before(MatchTier tier_a, const Place& a, MatchTier tier_b, const Place& b);

}  // namespace pitstop
