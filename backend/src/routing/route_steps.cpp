#include "routing/route_steps.hpp"

#include <cmath>

#include <fmt/format.h>

namespace pitstop {
namespace {

// Headings are measured over this distance next to a turn, so that the last
// few centimetres of a curved way do not decide the instruction.
constexpr double kHeadingSample_m = 15.0;
// Stretches shorter than this that come back to the same street are folded
// into it (a short jog across a junction is not a turn worth announcing).
constexpr double kShortStretch_m = 20.0;

struct Stretch {
  std::size_t first_piece = 0;
  std::size_t last_piece = 0;  // inclusive
  double length_m = 0.0;
  double duration_s = 0.0;
};

bool same_way(const RoutePiece& a, const RoutePiece& b) {
  if (a.name_id != 0 || b.name_id != 0) return a.name_id == b.name_id;
  return a.way_type == b.way_type;
}

std::vector<Stretch> group_pieces(const Route& route) {
  std::vector<Stretch> stretches;
  for (std::size_t i = 0; i < route.pieces.size(); ++i) {
    const RoutePiece& piece = route.pieces[i];
    if (stretches.empty() || !same_way(route.pieces[stretches.back().first_piece], piece)) {
      stretches.push_back({i, i, 0.0, 0.0});
    }
    stretches.back().last_piece = i;
    stretches.back().length_m += piece.length_m;
    stretches.back().duration_s += piece.duration_s;
  }
  return stretches;
}

// Folds short stretches between two stretches of the same street into one.
std::vector<Stretch> fold_short_stretches(const Route& route, std::vector<Stretch> stretches) {
  std::vector<Stretch> folded;
  for (std::size_t i = 0; i < stretches.size(); ++i) {
    const bool is_jog = !folded.empty() && i + 1 < stretches.size() &&
                        stretches[i].length_m < kShortStretch_m &&
                        same_way(route.pieces[folded.back().first_piece],
                                 route.pieces[stretches[i + 1].first_piece]);
    if (is_jog) {
      Stretch& previous = folded.back();
      for (std::size_t j : {i, i + 1}) {
        previous.last_piece = stretches[j].last_piece;
        previous.length_m += stretches[j].length_m;
        previous.duration_s += stretches[j].duration_s;
      }
      ++i;
      continue;
    }
    folded.push_back(stretches[i]);
  }
  return folded;
}

// Heading of the route leaving point `index`, sampled over kHeadingSample_m.
double heading_after(const Route& route, std::size_t index) {
  std::size_t far = index + 1;
  while (far + 1 < route.geometry.size() &&
         haversine_m(route.geometry[index], route.geometry[far]) < kHeadingSample_m) {
    ++far;
  }
  return bearing_deg(route.geometry[index], route.geometry[std::min(far, route.geometry.size() - 1)]);
}

// Heading of the route arriving at point `index`, sampled over kHeadingSample_m.
double heading_before(const Route& route, std::size_t index) {
  std::size_t near = index == 0 ? 0 : index - 1;
  while (near > 0 && haversine_m(route.geometry[near], route.geometry[index]) < kHeadingSample_m) --near;
  return bearing_deg(route.geometry[near], route.geometry[index]);
}

std::string compass_direction(double bearing) {
  static const char* kNames[] = {"north", "northeast", "east", "southeast",
                                 "south", "southwest", "west", "northwest"};
  return kNames[static_cast<int>(std::lround(bearing / 45.0)) % 8];
}

std::string way_label(const RoutePiece& piece, const std::vector<std::string>& street_names) {
  if (piece.name_id != 0 && piece.name_id < street_names.size()) return street_names[piece.name_id];
  return "the " + std::string(to_string(piece.way_type));
}

}  // namespace

std::string turn_modifier(double heading_change_deg) {
  const double magnitude = std::abs(heading_change_deg);
  const char* side = heading_change_deg > 0 ? "right" : "left";
  if (magnitude < 20.0) return "straight";
  if (magnitude < 60.0) return fmt::format("slight {}", side);
  if (magnitude < 120.0) return side;
  if (magnitude < 165.0) return fmt::format("sharp {}", side);
  return "uturn";
}

std::vector<RouteStep> build_route_steps(const Route& route, const std::vector<std::string>& street_names,
                                         double duration_scale) {
  std::vector<RouteStep> steps;
  if (route.pieces.empty() || route.geometry.size() < 2) return steps;

  const auto stretches = fold_short_stretches(route, group_pieces(route));
  for (std::size_t i = 0; i < stretches.size(); ++i) {
    const Stretch& stretch = stretches[i];
    const RoutePiece& piece = route.pieces[stretch.first_piece];
    const std::size_t start_point = piece.first_point;

    RouteStep step;
    step.street_name = piece.name_id < street_names.size() ? street_names[piece.name_id] : "";
    step.distance_m = stretch.length_m;
    step.duration_s = stretch.duration_s * duration_scale;
    step.location = route.geometry[start_point];
    const std::string label = way_label(piece, street_names);

    if (i == 0) {
      step.maneuver = "depart";
      step.instruction = fmt::format("Head {} on {}", compass_direction(heading_after(route, start_point)), label);
    } else {
      double change = heading_after(route, start_point) - heading_before(route, start_point);
      change = std::remainder(change, 360.0);
      step.modifier = turn_modifier(change);
      if (step.modifier == "straight") {
        step.maneuver = "continue";
        step.instruction = fmt::format("Continue onto {}", label);
      } else if (step.modifier == "uturn") {
        step.maneuver = "turn";
        step.instruction = fmt::format("Make a U-turn onto {}", label);
      } else {
        step.maneuver = "turn";
        step.instruction = fmt::format("Turn {} onto {}", step.modifier, label);
      }
    }
    steps.push_back(step);
  }

  RouteStep arrive;
  arrive.maneuver = "arrive";
  arrive.instruction = "Arrive";
  arrive.location = route.geometry.back();
  steps.push_back(arrive);
  return steps;
}

}  // namespace pitstop
