#pragma once

#include <string>
#include <vector>

#include "routing/route.hpp"

namespace pitstop {

// Turns a route into turn-by-turn steps: one step per stretch on the same
// street (or the same kind of unnamed way), with the turn onto it, then an
// arrival step. `duration_scale` converts base-speed times to the rider's speed.
std::vector<RouteStep> build_route_steps(const Route& route, const std::vector<std::string>& street_names,
                                         double duration_scale = 1.0);

// Turn modifier for a change of heading in degrees (-180..180, positive to the right).
std::string turn_modifier(double heading_change_deg);

}  // namespace pitstop
