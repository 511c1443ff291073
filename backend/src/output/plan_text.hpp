#pragma once

#include <string>

#include "planner/plan.hpp"

namespace pitstop {

// The plan as text for a terminal: a summary, each ride with where it ends,
// then the walk and any warnings. With `with_steps`, each ride lists its turns.
std::string plan_to_text(const Plan& plan, bool with_steps = false);

}  // namespace pitstop
