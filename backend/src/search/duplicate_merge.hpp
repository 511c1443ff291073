#pragma once

#include <vector>

#include "search/place.hpp"

namespace pitstop {

// Distance within which two places of the same kind and name count as one.
// OSM splits one street into many ways, and 200 m covers the gap between the
// middles of neighbouring ways of an ordinary street.
constexpr double kDuplicateMergeDistance_m = 200.0;

// Merges places of the same kind whose names have the same search words
// (ignoring case and punctuation) and that are chained together by gaps of at
// most max_gap_m. Each chain keeps one member: the one nearest to the chain's
// centroid. Parking spots are never merged, because every spot has its own id
// and racks, and the LTA data has distinct spots with the same description a
// few metres apart. The result is sorted by kind, name and position, so it does
// not depend on the input order.
std::vector<Place> merge_nearby_duplicates(std::vector<Place> places,
                                           double max_gap_m = kDuplicateMergeDistance_m);

}  // namespace pitstop
