#pragma once

#include <cstddef>
#include <vector>

#include <pqxx/pqxx>

#include "parking/parking_spot.hpp"

namespace pitstop {

// The channel on which a committed refresh sends NOTIFY, with the run id as
// payload, so that every server on the database reloads the spots.
constexpr const char* kParkingChangedChannel = "pitstop_parking_changed";

// Returns every live parking spot, ordered by id.
std::vector<ParkingSpot> read_parking_spots(pqxx::connection& connection);

// Returns the number of live parking spots.
std::size_t count_parking_spots(pqxx::connection& connection);

struct ParkingReplaceCounts {
  std::size_t inserted = 0;   // ids that were not live before
  std::size_t updated = 0;    // live ids whose fields changed
  std::size_t unchanged = 0;  // live ids with the same fields; only last_seen moves
  std::size_t removed = 0;    // live ids missing from the new set
};

// Replaces the live set with `spots` inside the caller's transaction: loads
// them into a temporary staging table with COPY, then updates, inserts and
// deletes so that parking_spots contains exactly the new set. first_seen of a
// kept id does not change, and last_seen becomes the transaction's start
// time. Readers see the old set until the caller commits. The ids must be
// unique (drop_duplicates_and_assign_ids makes them so).
ParkingReplaceCounts replace_parking_spots(pqxx::transaction_base& transaction, const std::vector<ParkingSpot>& spots);

}  // namespace pitstop
