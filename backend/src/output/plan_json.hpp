#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "planner/plan.hpp"

namespace pitstop {

// Encoding of ride geometry in JSON output.
enum class GeometryFormat { Polyline, GeoJson };

// The plan as the JSON object of `pitstop plan --json` (and later the HTTP API).
nlohmann::ordered_json plan_to_json(const Plan& plan, GeometryFormat geometry = GeometryFormat::Polyline);

// The first plan as plan_to_json gives it, with the others (plans along
// alternative routes) in its "alternatives" array. `plans` must not be empty.
nlohmann::ordered_json plans_to_json(const std::vector<Plan>& plans,
                                     GeometryFormat geometry = GeometryFormat::Polyline);

nlohmann::ordered_json spot_to_json(const ParkingSpot& spot);

}  // namespace pitstop
