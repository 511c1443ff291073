#include "parking/parking_load.hpp"

#include <iterator>
#include <string>
#include <unordered_map>
#include <utility>

#include "parking/parking_id.hpp"

namespace pitstop {
namespace {

bool have_same_fields_except_id(const ParkingSpot& a, const ParkingSpot& b) {
  return a.source == b.source && a.description == b.description && a.location == b.location &&
         a.rack_type == b.rack_type && a.rack_count == b.rack_count && a.sheltered == b.sheltered;
}

}  // namespace

std::size_t drop_duplicates_and_assign_ids(std::vector<ParkingSpot>& spots) {
  // Exact duplicates always share a base id, so each spot is compared only
  // with the spots already kept under its base id.
  std::unordered_map<std::string, std::vector<std::size_t>> unique_indices_by_base_id;
  std::vector<ParkingSpot> unique_spots;
  unique_spots.reserve(spots.size());

  for (ParkingSpot& spot : spots) {
    const std::string base_id = make_parking_base_id(spot);
    std::vector<std::size_t>& same_base = unique_indices_by_base_id[base_id];

    bool is_duplicate = false;
    for (const std::size_t unique_index : same_base) {
      is_duplicate = is_duplicate || have_same_fields_except_id(unique_spots[unique_index], spot);
    }
    if (is_duplicate) continue;

    spot.id = same_base.empty() ? base_id : base_id + "-" + std::to_string(same_base.size() + 1);
    same_base.push_back(unique_spots.size());
    unique_spots.push_back(std::move(spot));
  }

  const std::size_t dropped_count = spots.size() - unique_spots.size();
  spots = std::move(unique_spots);
  return dropped_count;
}

ParkingLoadResult merge_parking_loads(std::vector<ParkingLoadResult> loads) {
  ParkingLoadResult merged;
  for (ParkingLoadResult& load : loads) {
    merged.records_read += load.records_read;
    merged.duplicates_dropped += load.duplicates_dropped;
    std::move(load.spots.begin(), load.spots.end(), std::back_inserter(merged.spots));
    std::move(load.rejected.begin(), load.rejected.end(), std::back_inserter(merged.rejected));
  }

  merged.duplicates_dropped += drop_duplicates_and_assign_ids(merged.spots);
  return merged;
}

}  // namespace pitstop
