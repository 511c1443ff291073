#include "output/plan_text.hpp"

#include <cmath>

#include <fmt/format.h>

#include "output/rack_type_words.hpp"
#include "planner/ride_minutes.hpp"
#include "output/terminal_text.hpp"

namespace pitstop {
namespace {

std::string minutes(double seconds) { return fmt::format("{:.1f} min", seconds / 60.0); }
std::string kilometres(double metres) { return fmt::format("{:.2f} km", metres / 1000.0); }

std::string spot_text(const PlanPlace& place) {
  if (!place.spot) return terminal_safe(place.name);
  const ParkingSpot& spot = *place.spot;
  return fmt::format("{} [{}, {} {}, {}]", terminal_safe(spot.description), terminal_safe(rack_type_words(spot.rack_type)),
                     spot.rack_count, spot.rack_count == 1 ? "rack" : "racks",
                     spot.sheltered ? "sheltered" : "not sheltered");
}

}  // namespace

std::string plan_to_text(const Plan& plan, bool with_steps) {
  std::string out;
  // Names, instructions and warnings carry text from the data files, so each goes through terminal_safe.
  out += fmt::format("PitStop plan: {} -> {}\n", terminal_safe(plan.start.name),
                     terminal_safe(plan.destination.name));
  out += fmt::format("Ride limit {} minus {} margin: each ride at most {}.\n", minutes(plan.ride_limit_s),
                     minutes(plan.margin_s), minutes(plan.ride_budget_s()));
  out += fmt::format("{} ride{}, {} pit stop{}, {} in {} in total{}.\n\n", plan.rides.size(),
                     plan.rides.size() == 1 ? "" : "s", plan.pit_stop_count(),
                     plan.pit_stop_count() == 1 ? "" : "s", kilometres(plan.total_distance_m),
                     minutes(plan.total_time_s), plan.feasible ? "" : " (NOT FEASIBLE, see warnings)");

  for (std::size_t i = 0; i < plan.rides.size(); ++i) {
    const Ride& ride = plan.rides[i];
    const bool last = i + 1 == plan.rides.size();
    out += fmt::format("Ride {}: {} min, {}{}\n", i + 1, ride_minutes_text(ride.duration_s), kilometres(ride.distance_m),
                       ride.within_budget ? "" : "  ** over the limit **");
    out += fmt::format("  ends at {}{}\n", last ? "" : "pit stop ", spot_text(ride.to));
    out += fmt::format("  at {:.6f},{:.6f}", ride.to.location.lat, ride.to.location.lon);
    if (ride.to.spot) out += fmt::format(", {:.0f} m off the direct route", ride.deviation_m);
    out += "\n";
    if (with_steps) {
      for (const RouteStep& step : ride.steps) {
        out += fmt::format("    - {}", terminal_safe(step.instruction));
        if (step.distance_m > 0) out += fmt::format(" ({:.0f} m)", step.distance_m);
        out += "\n";
      }
    }
  }
  if (plan.walk.distance_m > 0) {
    out += fmt::format("Walk: {:.0f} m ({}) to {}\n", plan.walk.distance_m, minutes(plan.walk.duration_s),
                       terminal_safe(plan.destination.name));
  }
  for (const std::string& warning : plan.warnings) out += fmt::format("Warning: {}\n", terminal_safe(warning));
  return out;
}

}  // namespace pitstop
