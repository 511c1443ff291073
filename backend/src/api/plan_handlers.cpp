#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/api_error.hpp"
#include "api/api_handlers.hpp"
#include "geo/errors.hpp"
#include "geo/polyline.hpp"
#include "output/plan_gpx.hpp"
#include "output/plan_json.hpp"

namespace pitstop {
namespace {

constexpr double kMaxRideLimit_min = 240.0;
// Points this far outside the box around the graph are refused before snapping.
constexpr double kCoveragePadding_deg = 0.01;
// Closer than this, start and destination count as the same point.
constexpr double kSamePoint_m = 5.0;

void check_coverage(const PitStopData& data, LatLon point, const std::string& parameter) {
  const LatLon& low = data.coverage_south_west;
  const LatLon& high = data.coverage_north_east;
  const bool inside = point.lat >= low.lat - kCoveragePadding_deg && point.lat <= high.lat + kCoveragePadding_deg &&
                      point.lon >= low.lon - kCoveragePadding_deg && point.lon <= high.lon + kCoveragePadding_deg;
  if (!inside) {
    throw ApiError(400, "outside_coverage",
                   fmt::format("parameter '{}' = {} is outside the map data's area (latitude {:.4f} to {:.4f}, "
                               "longitude {:.4f} to {:.4f}): choose a point inside it",
                               parameter, format_lat_lon(point), low.lat, high.lat, low.lon, high.lon),
                   parameter);
  }
}

struct PlanParameterNames {
  const char* from;
  const char* to;
  const char* from_name;  // optional display names, used in text and GPX output
  const char* to_name;
  const char* ride_limit;
  const char* margin;
  const char* speed;
};

// An optional place name to show instead of the coordinates, at most 200 bytes.
std::string display_name(const QueryParameters& query, const char* parameter) {
  constexpr std::size_t kMaxNameBytes = 200;
  const std::string name = query.text(parameter).value_or("");
  if (name.size() > kMaxNameBytes) {
    throw ApiError(400, "invalid_parameter",
                   fmt::format("parameter '{}' is {} bytes long: send a name of at most {} bytes", parameter,
                               name.size(), kMaxNameBytes),
                   parameter);
  }
  return name;
}

PlanRequest read_plan_request(const HandlerContext& context, const QueryParameters& query,
                              const PlanParameterNames& names) {
  PlanRequest request;
  request.from = query.required_lat_lon(names.from);
  request.to = query.required_lat_lon(names.to);
  check_coverage(context.data, request.from, names.from);
  check_coverage(context.data, request.to, names.to);
  if (haversine_m(request.from, request.to) < kSamePoint_m) {
    throw ApiError(400, "same_start_and_destination",
                   fmt::format("'{}' and '{}' are the same point: choose a destination elsewhere", names.from,
                               names.to),
                   names.to);
  }

  request.ride_limit_s = query.number(names.ride_limit, 30.0, 1.0, kMaxRideLimit_min) * 60.0;
  const double margin_limit_min = request.ride_limit_s / 60.0 - 0.5;
  request.margin_s = query.number(names.margin, std::min(2.0, margin_limit_min), 0.0, margin_limit_min) * 60.0;
  request.speed_kmh = query.number(names.speed, CyclingProfile::kBaseSpeed_kmh, 3.0, 45.0);
  request.from_name = display_name(query, names.from_name);
  request.to_name = display_name(query, names.to_name);
  return request;
}

// Most alternative routes one request may ask for.
constexpr long kMaxAlternatives = 3;

std::size_t alternatives_requested(const QueryParameters& query) {
  return static_cast<std::size_t>(query.integer("alternatives", 0, 0, kMaxAlternatives));
}

// The plan, then one plan per alternative route found (at most
// `alternatives`). The plans point into `parking`, which must outlive them.
std::vector<Plan> make_plans(const ParkingSnapshot& parking, const PlanRequest& request,
                             const PlanParameterNames& names, std::size_t alternatives) {
  try {
    if (alternatives == 0) return {parking.planner->plan(request)};
    return parking.planner->plan_with_alternatives(request, alternatives);
  } catch (const SnapError& error) {
    // Both ends lie near rideable ways, but on pieces of the network that no route joins.
    if (error.end() == SnapError::TripEnd::Both) throw ApiError(400, "not_connected", error.what());
    const char* parameter = error.end() == SnapError::TripEnd::Start ? names.from : names.to;
    throw ApiError(400, "not_routable", error.what(), parameter);
  } catch (const InputError& error) {
    throw ApiError(400, "invalid_parameter", error.what());
  }
}

nlohmann::ordered_json v1_parking_spot(const Ride& ride) {
  const ParkingSpot& spot = *ride.to.spot;
  return {{"id", spot.id},
          {"description", spot.description},
          {"coordinates", {{"lat", spot.location.lat}, {"lon", spot.location.lon}}},
          {"rack_type", spot.rack_type},
          {"rack_count", spot.rack_count},
          {"shelter_indicator", spot.sheltered ? "Y" : "N"},
          {"deviation_m", std::round(ride.deviation_m * 10.0) / 10.0}};
}

std::vector<std::string> v1_instructions(const Plan& plan) {
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < plan.rides.size(); ++i) {
    const Ride& ride = plan.rides[i];
    lines.push_back(fmt::format("Ride {} of {} ({:.0f} min, {:.1f} km)", i + 1, plan.rides.size(),
                                std::ceil(ride.duration_s / 60.0), ride.distance_m / 1000.0));
    for (const RouteStep& step : ride.steps) {
      if (step.maneuver == "arrive") continue;
      lines.push_back(fmt::format("{} ({:.0f} m)", step.instruction, step.distance_m));
    }
    lines.push_back(ride.to.spot ? fmt::format("Park at {}", ride.to.name) : fmt::format("Arrive at {}", ride.to.name));
  }
  if (plan.walk.distance_m > 0) {
    lines.push_back(fmt::format("Walk {:.0f} m to {}", plan.walk.distance_m, plan.destination.name));
  }
  return lines;
}

nlohmann::ordered_json v1_route(const Plan& plan) {
  std::vector<LatLon> path;
  for (const Ride& ride : plan.rides) {
    for (const LatLon& point : ride.route.geometry) {
      if (path.empty() || !(path.back() == point)) path.push_back(point);
    }
  }
  nlohmann::ordered_json spots = nlohmann::ordered_json::array();
  for (const Ride& ride : plan.rides) {
    if (ride.to.spot) spots.push_back(v1_parking_spot(ride));
  }
  return {{"route_geometry", encode_polyline(path, 5)},
          {"route_instructions", v1_instructions(plan)},
          {"route_summary",
           {{"start_point", plan.start.name},
            {"end_point", plan.destination.name},
            {"total_time_s", std::round(plan.total_time_s)},
            {"total_distance_m", std::round(plan.total_distance_m)}}},
          {"parking_spots", spots},
          {"feasible", plan.feasible},
          {"warnings", plan.warnings}};
}

bool wants_gpx(const QueryParameters& query, const std::string& accept_header) {
  const auto format = query.choice("format", {"json", "gpx"});
  if (format) return *format == "gpx";
  return accept_header.find("application/gpx+xml") != std::string::npos;
}

GeometryFormat geometry_format(const QueryParameters& query) {
  const auto geometry = query.choice("geometry", {"polyline", "geojson"}).value_or("polyline");
  return geometry == "geojson" ? GeometryFormat::GeoJson : GeometryFormat::Polyline;
}

}  // namespace

ApiResponse handle_v1_routes(const HandlerContext& context, const QueryParameters& query) {
  const PlanParameterNames names{"start", "end", "startName", "endName", "intervalMins", "marginMins", "speedKmh"};
  const PlanRequest request = read_plan_request(context, query, names);
  const std::size_t alternatives = alternatives_requested(query);
  const auto parking = current_parking(context);
  nlohmann::ordered_json routes = nlohmann::ordered_json::array();
  for (const Plan& plan : make_plans(*parking, request, names, alternatives)) routes.push_back(v1_route(plan));
  return json_response(200, routes.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

ApiResponse handle_v2_plan(const HandlerContext& context, const QueryParameters& query,
                           const std::string& accept_header) {
  const PlanParameterNames names{"from", "to", "fromName", "toName", "rideLimitMin", "marginMin", "speedKmh"};
  const PlanRequest request = read_plan_request(context, query, names);
  const bool gpx = wants_gpx(query, accept_header);
  const GeometryFormat geometry = geometry_format(query);
  const std::size_t alternatives = alternatives_requested(query);
  const auto parking = current_parking(context);
  const std::vector<Plan> plans = make_plans(*parking, request, names, gpx ? 0 : alternatives);

  if (!gpx) {
    const auto body = alternatives > 0 ? plans_to_json(plans, geometry) : plan_to_json(plans.front(), geometry);
    return json_response(200, body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  }
  ApiResponse response;
  response.content_type = "application/gpx+xml";
  response.body = plan_to_gpx(plans.front());
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"pitstop-plan.gpx\"");
  return response;
}

}  // namespace pitstop
