#include "planner/attached_spot.hpp"

#include <spdlog/spdlog.h>

namespace pitstop {

std::vector<AttachedSpot> attach_spots_to_network(const RoadGraph& graph, const EdgeSnapper& snapper,
                                                  const std::vector<ParkingSpot>& spots,
                                                  double max_distance_m,
                                                  std::uint32_t min_component_nodes) {
  std::vector<AttachedSpot> attached;
  attached.reserve(spots.size());
  for (std::size_t i = 0; i < spots.size(); ++i) {
    const auto candidates = snapper.candidates(spots[i].location, max_distance_m);
    if (candidates.empty()) continue;

    const SnappedPoint* chosen = &candidates.front();
    for (const auto& candidate : candidates) {
      if (graph.component_node_count[candidate.component] >= min_component_nodes) {
        chosen = &candidate;
        break;
      }
    }
    attached.push_back({i, *chosen});
  }
  spdlog::info("parking: {} of {} spots are within {:.0f} m of a rideable way; {} left out",
               attached.size(), spots.size(), max_distance_m, spots.size() - attached.size());
  if (attached.empty() && !spots.empty()) {
    spdlog::warn("parking: no parking spot is usable, so every plan will be infeasible: check that the "
                 "parking data covers the OSM extract's area");
  }
  return attached;
}

}  // namespace pitstop
