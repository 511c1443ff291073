#include "planner/pit_stop_planner.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "contraction/bucket_search.hpp"
#include "contraction/hierarchy_query.hpp"
#include "geo/errors.hpp"
#include "geo/local_projection.hpp"
#include "planner/route_corridor.hpp"
#include "planner/ride_minutes.hpp"
#include "routing/alternative_routes.hpp"
#include "routing/edge_span.hpp"
#include "routing/route_steps.hpp"
#include "routing/router.hpp"
#include "routing/shortest_path_tree.hpp"

namespace pitstop {
namespace {

constexpr std::size_t kNoSpot = std::numeric_limits<std::size_t>::max();
constexpr double kMaxRideLimit_s = 24 * 3600.0;
constexpr double kMinSpeed_kmh = 3.0;
constexpr double kMaxSpeed_kmh = 45.0;
// A ride budget (limit minus margin) shorter than this cannot reach any spot.
constexpr double kMinRideBudget_s = 30.0;
// Start and destination closer than this are the same place.
constexpr double kSamePoint_m = 5.0;
// Destination spots tried, nearest first, when the nearest cannot be reached.
constexpr std::size_t kFinalSpotTries = 5;

double walk_s(double distance_m) { return distance_m / CyclingProfile::kWalkingSpeed_mps; }

std::string minutes_text(double seconds) { return fmt::format("{:.1f} min", seconds / 60.0); }

// A ride's start or end point, in the search's terms.
struct Stop {
  SnappedPoint access;
  double walk_m = 0.0;  // between the place and `access`
  std::size_t attached = kNoSpot;  // index into the planner's attached spots
};

// Network times at the profile's base speed from one stop: to the final stop
// and to every attached spot. Times within the search's limit are exact.
// Beyond it a time is kUnreachable or slower than the limit.
struct TimesFromStop {
  double to_final_s = kUnreachable;
  std::vector<double> to_spot_s;
};

// A partial plan: the rides so far, ending at `stop`.
struct Label {
  Stop stop;
  double total_s = 0.0;
  int parent = -1;  // index into Search::labels_
  bool within_budget = true;  // the ride into `stop`
  bool is_final = false;      // `stop` is the final stop
};

double distance_to_polyline_m(LatLon point, const std::vector<LatLon>& line) {
  double best_m = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    best_m = std::min(best_m, project_onto_segment(point, line[i], line[i + 1]).distance_m);
  }
  if (line.size() == 1) best_m = haversine_m(point, line.front());
  return best_m;
}

}  // namespace

void validate_plan_request(const PlanRequest& request) {
  if (!is_valid(request.from)) {
    throw InvalidCoordinateError(fmt::format("invalid start {}: latitude must be within -90..90 and "
                                             "longitude within -180..180",
                                             format_lat_lon(request.from)));
  }
  if (!is_valid(request.to)) {
    throw InvalidCoordinateError(fmt::format("invalid destination {}: latitude must be within -90..90 "
                                             "and longitude within -180..180",
                                             format_lat_lon(request.to)));
  }
  if (!std::isfinite(request.ride_limit_s) || request.ride_limit_s <= 0 ||
      request.ride_limit_s > kMaxRideLimit_s) {
    throw InputError(fmt::format("invalid ride limit {:g} min: use a number of minutes above 0 and at most {:g}",
                                 request.ride_limit_s / 60, kMaxRideLimit_s / 60));
  }
  // Limits and margins arrive in minutes, so 8.8 - 8.3 min may come out a
  // hair under 30 s: the tolerance accepts that.
  if (!std::isfinite(request.margin_s) || request.margin_s < 0 ||
      request.ride_limit_s - request.margin_s < kMinRideBudget_s - 1e-6) {
    throw InputError(fmt::format("invalid margin {:g} min: use 0 or more minutes, at least {:g} min less "
                                 "than the ride limit of {:g} min",
                                 request.margin_s / 60, kMinRideBudget_s / 60, request.ride_limit_s / 60));
  }
  if (haversine_m(request.from, request.to) < kSamePoint_m) {
    throw InputError(fmt::format("start {} and destination {} are the same place: choose a destination "
                                 "elsewhere",
                                 format_lat_lon(request.from), format_lat_lon(request.to)));
  }
  if (!std::isfinite(request.speed_kmh) || request.speed_kmh < kMinSpeed_kmh ||
      request.speed_kmh > kMaxSpeed_kmh) {
    throw InputError(fmt::format("invalid speed {} km/h: use a riding speed from {:.0f} to {:.0f} km/h",
                                 request.speed_kmh, kMinSpeed_kmh, kMaxSpeed_kmh));
  }
}

// One plan() call's state.
class PitStopPlanner::Search {
 public:
  Search(const PitStopPlanner& planner, const PlanRequest& request)
      : planner_(planner),
        graph_(planner.graph_),
        request_(request),
        scale_(CyclingProfile::kBaseSpeed_kmh / request.speed_kmh),
        budget_s_(request.ride_limit_s - request.margin_s) {}

  Plan run() {
    trip_ = snap_trip(planner_.snapper_, graph_, request_.from, request_.to, planner_.settings_.max_snap_distance_m);
    start_ = Stop{trip_.start, trip_.start.snap_distance_m, kNoSpot};
    choose_final_stop();
    trip_warnings_ = warnings_;
    trip_feasible_ = feasible_;

    direct_s_ = remaining_s(start_);
    if (direct_s_ == kUnreachable) {
      throw SnapError(fmt::format("no rideable route from start {} to destination {}: the only ways "
                                  "there may be one-way against the trip; choose other places",
                                  format_lat_lon(request_.from), format_lat_lon(request_.to)));
    }
    const int last = search_rides();
    return assemble(last);
  }

  // Plans along up to max_count alternative routes from the start to the
  // final stop. Call after run(). Needs the contraction hierarchy. When the
  // fastest plan is feasible, a plan along an alternative with a ride over
  // budget is dropped, because the rider would pay for overtime that the
  // fastest plan avoids. Otherwise every alternative is kept.
  std::vector<Plan> plan_alternatives(std::size_t max_count, bool fastest_feasible) {
    std::vector<Plan> plans;
    if (max_count == 0 || !planner_.spot_search_) return plans;
    const ContractionHierarchy& hierarchy = *graph_.contraction_hierarchy;
    const auto fastest = find_hierarchy_path(graph_, hierarchy, start_.access, final_.access);
    if (!fastest) return plans;

    AlternativeSettings settings;
    settings.max_count = max_count;
    for (const AlternativeRoute& alternative : find_alternative_routes(graph_, start_.access, final_.access,
                                                                      fastest->spans, fastest->duration_s, settings)) {
      Plan plan = plan_along(alternative);
      if (fastest_feasible && !plan.feasible) continue;
      plans.push_back(std::move(plan));
    }
    return plans;
  }

 private:
  // The last stop is the reachable spot nearest the destination, or the
  // destination itself when no spot lies within the walking limit.
  void choose_final_stop() {
    const SnappedTrip& trip = trip_;
    const auto near = planner_.parking_.within_radius(request_.to, planner_.settings_.max_final_walk_m);
    std::size_t tries = 0;
    for (std::size_t spot_index : near) {
      const std::size_t attached = planner_.attached_by_spot_[spot_index];
      if (attached == kNoSpot) continue;
      const SnappedPoint& access = planner_.attached_[attached].access;
      if (access.component != trip.start.component) continue;
      if (tries++ == kFinalSpotTries) break;
      if (!measure_remaining_times(trip.start, access)) continue;
      final_ = Stop{access, access.snap_distance_m, attached};
      return;
    }

    final_ = Stop{trip.destination, trip.destination.snap_distance_m, kNoSpot};
    measure_remaining_times(trip.start, trip.destination);
    warnings_.push_back(fmt::format(
        "No usable bicycle parking spot within {:.0f} m of the destination {}: the last ride ends at "
        "the destination, where a shared bike cannot be parked.",
        planner_.settings_.max_final_walk_m, format_lat_lon(request_.to)));
    feasible_ = false;
  }

  // Sets the base-speed times from the start and from every attached spot to
  // `final_access`. Returns false, leaving them unset, when the start cannot
  // reach it.
  bool measure_remaining_times(const SnappedPoint& start, const SnappedPoint& final_access) {
    if (planner_.spot_search_) {
      const auto direct = find_hierarchy_path(graph_, *graph_.contraction_hierarchy, start, final_access);
      if (!direct) return false;
      start_remaining_s_ = direct->duration_s;
      planner_.spot_search_->times_to(final_access, spot_remaining_s_);
      return true;
    }
    auto tree = std::make_unique<ShortestPathTree>(graph_, final_access, ShortestPathTree::Direction::Backward);
    tree->grow();
    start_remaining_s_ = tree->duration_s(start);
    if (start_remaining_s_ == kUnreachable) return false;
    spot_remaining_s_.resize(planner_.attached_.size());
    for (std::size_t attached = 0; attached < planner_.attached_.size(); ++attached) {
      spot_remaining_s_[attached] = tree->duration_s(planner_.attached_[attached].access);
    }
    to_final_ = std::move(tree);
    return true;
  }

  // Riding time from `stop` (the start or a spot) to the final stop at the
  // rider's speed, walks excluded.
  double remaining_s(const Stop& stop) const {
    const double network_s = stop.attached == kNoSpot ? start_remaining_s_ : spot_remaining_s_[stop.attached];
    return network_s * scale_;
  }

  // Network times from `stop`, exact up to max_network_s at least.
  TimesFromStop times_from(const Stop& stop, double max_network_s) const {
    TimesFromStop times;
    if (planner_.spot_search_) {
      planner_.spot_search_->times_from(stop.access, max_network_s, times.to_spot_s);
      if (final_.attached != kNoSpot) {
        times.to_final_s = times.to_spot_s[final_.attached];
      } else if (const auto path = find_hierarchy_path(graph_, *graph_.contraction_hierarchy, stop.access,
                                                       final_.access)) {
        times.to_final_s = path->duration_s;
      }
      return times;
    }
    ShortestPathTree tree(graph_, stop.access, ShortestPathTree::Direction::Forward);
    tree.grow(max_network_s);
    times.to_final_s = tree.duration_s(final_.access);
    times.to_spot_s.resize(planner_.attached_.size());
    for (std::size_t attached = 0; attached < planner_.attached_.size(); ++attached) {
      times.to_spot_s[attached] = tree.duration_s(planner_.attached_[attached].access);
    }
    return times;
  }

  double ride_s(const Stop& from, double network_s, const Stop& to) const {
    if (network_s == kUnreachable) return kUnreachable;
    return walk_s(from.walk_m) + network_s * scale_ + walk_s(to.walk_m);
  }

  Stop spot_stop(std::size_t attached) const {
    const AttachedSpot& spot = planner_.attached_[attached];
    return Stop{spot.access, spot.access.snap_distance_m, attached};
  }

  // Beam search over ride counts. Returns the label that ends at the final stop.
  int search_rides() {
    labels_.push_back(Label{start_, 0.0, -1, true, false});
    std::vector<int> frontier{0};
    std::vector<bool> used(planner_.attached_.size(), false);

    for (std::size_t rides = 1; rides <= planner_.settings_.max_rides; ++rides) {
      int best_final = -1;
      std::map<std::size_t, Label> reached;  // attached spot -> best label reaching it

      for (int label_index : frontier) {
        const Label label = labels_[label_index];
        const TimesFromStop times = times_from(label.stop, (budget_s_ - walk_s(label.stop.walk_m)) / scale_);

        const double final_s = ride_s(label.stop, times.to_final_s, final_);
        if (final_s <= budget_s_ &&
            (best_final < 0 || label.total_s + final_s < labels_[best_final].total_s)) {
          labels_.push_back(Label{final_, label.total_s + final_s, label_index, true, true});
          best_final = static_cast<int>(labels_.size()) - 1;
        }
        if (best_final >= 0) continue;
        collect_reachable_spots(label, label_index, times, used, reached);
      }
      if (best_final >= 0) return best_final;

      if (reached.empty()) {
        const int bridged = bridge_gap(frontier);
        if (labels_[bridged].is_final) return bridged;
        used[labels_[bridged].stop.attached] = true;
        frontier = {bridged};
        continue;
      }
      frontier = keep_best(reached, used);
    }
    throw InputError(fmt::format("the trip needs more than {} rides at this ride limit: raise the ride "
                                 "limit or plan a shorter trip",
                                 planner_.settings_.max_rides));
  }

  void collect_reachable_spots(const Label& label, int label_index, const TimesFromStop& times,
                               const std::vector<bool>& used, std::map<std::size_t, Label>& reached) {
    const double label_remaining_s = remaining_s(label.stop);
    for (std::size_t attached = 0; attached < planner_.attached_.size(); ++attached) {
      if (used[attached] || attached == final_.attached) continue;
      const Stop candidate = spot_stop(attached);
      if (candidate.access.component != start_.access.component) continue;

      const double ride = ride_s(label.stop, times.to_spot_s[attached], candidate);
      if (ride > budget_s_ || remaining_s(candidate) >= label_remaining_s) continue;

      const double total_s = label.total_s + ride;
      auto found = reached.find(attached);
      if (found == reached.end() || total_s < found->second.total_s) {
        reached[attached] = Label{candidate, total_s, label_index, true};
      }
    }
  }

  // Keeps the beam_width spots closest to the final stop, as the next frontier.
  std::vector<int> keep_best(const std::map<std::size_t, Label>& reached, std::vector<bool>& used) {
    std::vector<const Label*> ranked;
    for (const auto& [attached, label] : reached) ranked.push_back(&label);
    std::sort(ranked.begin(), ranked.end(), [this](const Label* a, const Label* b) {
      const double a_s = remaining_s(a->stop);
      const double b_s = remaining_s(b->stop);
      if (a_s != b_s) return a_s < b_s;
      return a->total_s < b->total_s;
    });
    if (ranked.size() > planner_.settings_.beam_width) ranked.resize(planner_.settings_.beam_width);

    std::vector<int> frontier;
    for (const Label* label : ranked) {
      used[label->stop.attached] = true;
      labels_.push_back(*label);
      frontier.push_back(static_cast<int>(labels_.size()) - 1);
    }
    return frontier;
  }

  // No spot within budget makes progress: ride over budget from the most
  // advanced partial plan to the spot (or final stop) that is quickest to
  // reach among those closer to the end. Returns the new label.
  int bridge_gap(const std::vector<int>& frontier) {
    const int from_index = *std::min_element(frontier.begin(), frontier.end(), [this](int a, int b) {
      return remaining_s(labels_[a].stop) < remaining_s(labels_[b].stop);
    });
    const Label from = labels_[from_index];
    const TimesFromStop times = times_from(from.stop, kUnreachable);

    Stop best = final_;
    bool best_is_final = true;
    double best_s = ride_s(from.stop, times.to_final_s, final_);
    const double from_remaining_s = remaining_s(from.stop);
    for (std::size_t attached = 0; attached < planner_.attached_.size(); ++attached) {
      if (attached == final_.attached) continue;
      const Stop candidate = spot_stop(attached);
      if (candidate.access.component != start_.access.component) continue;
      if (remaining_s(candidate) >= from_remaining_s) continue;
      const double ride = ride_s(from.stop, times.to_spot_s[attached], candidate);
      if (ride < best_s) {
        best_s = ride;
        best = candidate;
        best_is_final = false;
      }
    }

    feasible_ = false;
    labels_.push_back(Label{best, from.total_s + best_s, from_index, false, best_is_final});
    return static_cast<int>(labels_.size()) - 1;
  }

  PlanPlace place_of(const Stop& stop, LatLon fallback, const std::string& name) const {
    if (stop.attached == kNoSpot) return PlanPlace{fallback, name.empty() ? format_lat_lon(fallback) : name, {}};
    const ParkingSpot& spot = planner_.parking_.spots()[planner_.attached_[stop.attached].spot_index];
    return PlanPlace{spot.location, spot.description, spot};
  }

  // A ride along `route` (at base speed) from one stop to the next.
  Ride make_ride(const Stop& from, const PlanPlace& from_place, const Stop& to, const PlanPlace& to_place,
                 Route route, const std::vector<LatLon>& direct_geometry) const {
    Ride ride;
    ride.from = from_place;
    ride.to = to_place;
    ride.route = std::move(route);
    for (RoutePiece& piece : ride.route.pieces) piece.duration_s *= scale_;
    ride.route.duration_s *= scale_;
    ride.steps = build_route_steps(ride.route, graph_.street_names);
    ride.access_walk_m = from.walk_m;
    ride.egress_walk_m = to.walk_m;
    ride.distance_m = ride.route.distance_m + from.walk_m + to.walk_m;
    ride.duration_s = ride.route.duration_s + walk_s(from.walk_m) + walk_s(to.walk_m);
    ride.within_budget = ride.duration_s <= budget_s_ + 1e-6;
    if (to_place.spot) ride.deviation_m = distance_to_polyline_m(to_place.location, direct_geometry);
    return ride;
  }

  Plan assemble(int last) {
    std::vector<int> chain;
    for (int index = last; index >= 0; index = labels_[index].parent) chain.push_back(index);
    std::reverse(chain.begin(), chain.end());

    Plan plan = empty_plan();
    const auto direct_route = to_final_ ? to_final_->path(start_.access)
                                        : find_fastest_route(graph_, start_.access, final_.access);
    const std::vector<LatLon> direct_geometry = direct_route ? direct_route->geometry : std::vector<LatLon>{};

    PlanPlace previous_place = plan.start;
    for (std::size_t i = 1; i < chain.size(); ++i) {
      const Stop& from = labels_[chain[i - 1]].stop;
      const Stop& to = labels_[chain[i]].stop;
      PlanPlace to_place = place_of(to, request_.to, plan.destination.name);
      Route route = *find_fastest_route(graph_, from.access, to.access);
      plan.rides.push_back(make_ride(from, previous_place, to, to_place, std::move(route), direct_geometry));
      previous_place = to_place;
    }
    finish(plan, previous_place, feasible_, warnings_);
    return plan;
  }

  // The plan's request, places and snap distances, without rides.
  Plan empty_plan() const {
    Plan plan;
    plan.ride_limit_s = request_.ride_limit_s;
    plan.margin_s = request_.margin_s;
    plan.speed_kmh = request_.speed_kmh;
    plan.start = place_of(start_, request_.from, request_.from_name);
    plan.destination = PlanPlace{request_.to,
                                 request_.to_name.empty() ? format_lat_lon(request_.to) : request_.to_name, {}};
    plan.start_snap_m = trip_.start.snap_distance_m;
    plan.destination_snap_m = trip_.destination.snap_distance_m;
    plan.direct_duration_s = direct_s_;
    return plan;
  }

  // Adds the warnings about rides over budget, the final walk and the totals.
  void finish(Plan& plan, const PlanPlace& last_place, bool feasible, std::vector<std::string> warnings) const {
    for (std::size_t i = 0; i < plan.rides.size(); ++i) {
      const Ride& ride = plan.rides[i];
      if (ride.within_budget) continue;
      feasible = false;
      warnings.push_back(fmt::format(
          "Ride {} from {} ({}) to {} ({}) takes {}, over the {} budget ({} ride limit minus {} "
          "margin): no parking spot lies within reach on this stretch.",
          i + 1, ride.from.name, format_lat_lon(ride.from.location), ride.to.name,
          format_lat_lon(ride.to.location), ride_minutes_text(ride.duration_s) + " min", minutes_text(budget_s_),
          minutes_text(request_.ride_limit_s), minutes_text(request_.margin_s)));
    }
    add_walk(plan, last_place);
    plan.feasible = feasible;
    plan.warnings = std::move(warnings);
  }

  // A plan whose rides follow `alternative` from the start to the final stop,
  // with pit stops at spots beside it.
  Plan plan_along(const AlternativeRoute& alternative) const {
    const std::vector<EdgeSpan>& route = alternative.spans;
    const std::vector<CorridorSpot> spots =
        find_corridor_spots(graph_, *graph_.contraction_hierarchy, route, planner_.parking_, planner_.attached_,
                            planner_.attached_by_spot_, *planner_.spot_search_);

    // The start, the spots beside the route except the final one, the final stop.
    std::vector<const CorridorSpot*> beside;
    std::vector<CorridorStop> stops{CorridorStop{walk_s(start_.walk_m), 0.0, 0.0, 0.0, 0.0}};
    for (const CorridorSpot& spot : spots) {
      if (spot.attached == final_.attached) continue;
      beside.push_back(&spot);
      stops.push_back({walk_s(planner_.attached_[spot.attached].access.snap_distance_m), spot.leave.time_s,
                       spot.to_spot_s, spot.rejoin.time_s, spot.from_spot_s});
    }
    const RoutePoint end = route_end(graph_, route);
    stops.push_back({walk_s(final_.walk_m), end.time_s, 0.0, end.time_s, 0.0});
    const std::vector<std::size_t> chain = choose_corridor_stops(stops, scale_, budget_s_);

    Plan plan = empty_plan();
    plan.shared_with_fastest = alternative.shared_fraction;
    const std::vector<LatLon> route_geometry = build_route(graph_, route).geometry;
    // The spot of stop `stop`, or null for the start and the final stop.
    const auto spot_at = [&](std::size_t stop) -> const CorridorSpot* {
      if (stop == 0 || stop + 1 == stops.size()) return nullptr;
      return beside[stop - 1];
    };

    PlanPlace previous_place = plan.start;
    for (std::size_t i = 1; i < chain.size(); ++i) {
      const CorridorSpot* from_spot = spot_at(chain[i - 1]);
      const CorridorSpot* to_spot = spot_at(chain[i]);
      const Stop from = from_spot ? spot_stop(from_spot->attached) : start_;
      const Stop to = to_spot ? spot_stop(to_spot->attached) : final_;

      std::vector<EdgeSpan> spans = from_spot ? from_spot->from_spot : std::vector<EdgeSpan>{};
      const auto slice = route_slice(route, from_spot ? from_spot->rejoin : route_start(route),
                                     to_spot ? to_spot->leave : end);
      spans.insert(spans.end(), slice.begin(), slice.end());
      if (to_spot) spans.insert(spans.end(), to_spot->to_spot.begin(), to_spot->to_spot.end());
      if (spans.empty()) {
        // Two stops at the same route point: a ride of length 0 keeps the route well formed.
        spans.push_back(EdgeSpan{route.front().edge, route.front().from_offset_m, route.front().from_offset_m});
      }

      PlanPlace to_place = place_of(to, request_.to, plan.destination.name);
      plan.rides.push_back(make_ride(from, previous_place, to, to_place, build_route(graph_, spans), route_geometry));
      previous_place = to_place;
    }
    finish(plan, previous_place, trip_feasible_, trip_warnings_);
    return plan;
  }

  void add_walk(Plan& plan, const PlanPlace& last_place) const {
    plan.walk.from = last_place.location;
    plan.walk.to = request_.to;
    plan.walk.distance_m = last_place.spot ? haversine_m(last_place.location, request_.to) : 0.0;
    plan.walk.duration_s = walk_s(plan.walk.distance_m);

    for (const Ride& ride : plan.rides) {
      plan.total_distance_m += ride.distance_m;
      plan.total_time_s += ride.duration_s;
    }
    plan.total_distance_m += plan.walk.distance_m;
    plan.total_time_s += plan.walk.duration_s;
  }

  const PitStopPlanner& planner_;
  const RoadGraph& graph_;
  const PlanRequest& request_;
  SnappedTrip trip_;
  double direct_s_ = kUnreachable;  // rider's time from the start to the final stop
  // The final stop's warnings and feasibility, which every plan of the trip shares.
  std::vector<std::string> trip_warnings_;
  bool trip_feasible_ = true;
  double scale_;  // base-speed durations times this give the rider's durations
  double budget_s_;
  Stop start_;
  Stop final_;
  // Base-speed times to the final stop from the start and from each attached spot.
  double start_remaining_s_ = kUnreachable;
  std::vector<double> spot_remaining_s_;
  std::unique_ptr<ShortestPathTree> to_final_;  // the Dijkstra search's tree, null with the hierarchy
  std::vector<Label> labels_;
  std::vector<std::string> warnings_;
  bool feasible_ = true;
};

PitStopPlanner::PitStopPlanner(const RoadGraph& graph, const EdgeSnapper& snapper,
                               const ParkingIndex& parking, PlannerSettings settings)
    : graph_(graph), snapper_(snapper), parking_(parking), settings_(settings) {
  attached_ = attach_spots_to_network(graph, snapper, parking.spots(), settings.max_spot_access_m);
  attached_by_spot_.assign(parking.spots().size(), kNoSpot);
  for (std::size_t i = 0; i < attached_.size(); ++i) attached_by_spot_[attached_[i].spot_index] = i;
  if (graph.contraction_hierarchy) {
    std::vector<SnappedPoint> access_points;
    for (const AttachedSpot& spot : attached_) access_points.push_back(spot.access);
    spot_search_ = std::make_unique<BucketSearch>(graph, *graph.contraction_hierarchy, std::move(access_points));
  }
}

PitStopPlanner::~PitStopPlanner() = default;

Plan PitStopPlanner::plan(const PlanRequest& request) const {
  validate_plan_request(request);
  Search search(*this, request);
  return search.run();
}

std::vector<Plan> PitStopPlanner::plan_with_alternatives(const PlanRequest& request,
                                                         std::size_t max_alternatives) const {
  validate_plan_request(request);
  Search search(*this, request);
  std::vector<Plan> plans{search.run()};
  for (Plan& alternative : search.plan_alternatives(max_alternatives, plans.front().feasible)) {
    plans.push_back(std::move(alternative));
  }
  return plans;
}

}  // namespace pitstop
