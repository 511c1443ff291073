#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "graph/edge_snapper.hpp"
#include "graph/road_graph.hpp"
#include "parking/parking_index.hpp"
#include "planner/attached_spot.hpp"
#include "planner/plan.hpp"

namespace pitstop {

class BucketSearch;

struct PlannerSettings {
  // Start and destination farther than this from a rideable way are rejected.
  double max_snap_distance_m = 300.0;
  // A parking spot farther than this from a rideable way is not used.
  double max_spot_access_m = 100.0;
  // The last ride ends at the spot nearest the destination within this walk.
  double max_final_walk_m = 800.0;
  // Partial plans kept per ride count while searching; larger finds fewer stops
  // more often, at the cost of one Dijkstra search per kept plan.
  std::size_t beam_width = 6;
  // Hard cap on rides, against runaway plans on broken data.
  std::size_t max_rides = 100;
};

// Plans pit stops: cuts a trip into rides that end at parking spots so that
// no ride, walks to and from the racks included, takes longer than the ride
// limit minus the margin.
//
// Method: the last spot is the one nearest the destination. A backward search
// from it gives every spot's remaining time. Then a beam search over ride
// counts: from each kept partial plan, one time-bounded search finds the
// spots reachable within budget that are closer (in remaining time) to the
// last spot; the beam keeps the closest. The first ride count at which a
// partial plan reaches the last spot within budget wins, with the least total
// time among those. Ride times are always measured on the routed path, never
// estimated.
//
// When the graph has a contraction hierarchy, the searches to and from the
// spots are bucket searches on it (see contraction/bucket_search.hpp), with
// the same times as the Dijkstra searches used otherwise, up to rounding.
class PitStopPlanner {
 public:
  PitStopPlanner(const RoadGraph& graph, const EdgeSnapper& snapper, const ParkingIndex& parking,
                 PlannerSettings settings = {});
  ~PitStopPlanner();
  PitStopPlanner(const PitStopPlanner&) = delete;
  PitStopPlanner& operator=(const PitStopPlanner&) = delete;

  // Throws InputError for an invalid request and SnapError when an end cannot
  // be placed on the network.
  Plan plan(const PlanRequest& request) const;

  // The plan, then up to max_alternatives plans whose rides follow an
  // alternative route from the start to the same final spot, with pit stops
  // at spots beside that route (see contraction/via_node_alternatives.hpp and
  // planner/route_corridor.hpp). Alternatives need the contraction hierarchy;
  // without it, and where the network offers no meaningfully different route,
  // fewer plans come back. When the plan is feasible, an alternative whose
  // plan is not is dropped, so fewer come back then too. Throws as plan() does.
  std::vector<Plan> plan_with_alternatives(const PlanRequest& request, std::size_t max_alternatives) const;

  const std::vector<AttachedSpot>& attached_spots() const { return attached_; }
  const PlannerSettings& settings() const { return settings_; }

 private:
  class Search;

  const RoadGraph& graph_;
  const EdgeSnapper& snapper_;
  const ParkingIndex& parking_;
  PlannerSettings settings_;
  std::vector<AttachedSpot> attached_;
  std::vector<std::size_t> attached_by_spot_;  // spot index -> index in attached_, or npos
  // Times between any point and the attached spots' access points, by index
  // in attached_; null when the graph has no contraction hierarchy.
  std::unique_ptr<BucketSearch> spot_search_;
};

// Checks a request's numbers. Throws InputError naming the bad value.
void validate_plan_request(const PlanRequest& request);

}  // namespace pitstop
