#pragma once

#include <string>

#include "planner/plan.hpp"

namespace pitstop {

// The plan as a GPX 1.1 document: a waypoint per pit stop (and the last
// spot) with its description, then one track per ride.
std::string plan_to_gpx(const Plan& plan);

}  // namespace pitstop
