#pragma once

#include <cstddef>
#include <vector>

#include "parking/parking_spot.hpp"

namespace pitstop {

// Drops exact duplicates (every field except the id equal to an earlier spot)
// and assigns each remaining spot its id: make_parking_base_id, plus "-2",
// "-3", ... in input order when earlier distinct spots already have that base
// id. Existing ids are ignored and overwritten. Spots that only share a
// description are never merged. Returns the number of spots dropped.
std::size_t drop_duplicates_and_assign_ids(std::vector<ParkingSpot>& spots);

// Merges the results of several loads in the given order: drops exact
// duplicates across loads, reassigns ids as drop_duplicates_and_assign_ids
// does, sums records_read and duplicates_dropped, and appends the rejected
// records of every load.
ParkingLoadResult merge_parking_loads(std::vector<ParkingLoadResult> loads);

}  // namespace pitstop
