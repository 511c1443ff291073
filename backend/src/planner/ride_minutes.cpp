#include "planner/ride_minutes.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace pitstop {

std::string ride_minutes_text(double duration_s) {
  // The small subtraction keeps float noise, such as 762.0000001 s, from adding a whole tenth.
  // std::max turns the -0 that ceil gives for 0 s into 0, which prints without a minus sign.
  const double tenths = std::max(0.0, std::ceil(duration_s / 6.0 - 1e-6));
  return fmt::format("{:.1f}", tenths / 10.0);
}

}  // namespace pitstop
