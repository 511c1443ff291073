#include "output/plan_json.hpp"

#include <cmath>

#include "geo/polyline.hpp"

namespace pitstop {
namespace {

double round_to(double value, int decimals) {
  const double factor = std::pow(10.0, decimals);
  return std::round(value * factor) / factor;
}

nlohmann::ordered_json point_json(LatLon point) {
  return {{"lat", round_to(point.lat, 6)}, {"lon", round_to(point.lon, 6)}};
}

nlohmann::ordered_json place_json(const PlanPlace& place) {
  nlohmann::ordered_json json = point_json(place.location);
  json["name"] = place.name;
  if (place.spot) {
    json["spot_id"] = place.spot->id;
    json["rack_type"] = place.spot->rack_type;
    json["rack_count"] = place.spot->rack_count;
    json["sheltered"] = place.spot->sheltered;
  }
  return json;
}

nlohmann::ordered_json geometry_json(const std::vector<LatLon>& geometry, GeometryFormat format) {
  if (format == GeometryFormat::Polyline) return encode_polyline(geometry, 5);
  nlohmann::ordered_json coordinates = nlohmann::ordered_json::array();
  for (const LatLon& point : geometry) {
    coordinates.push_back({round_to(point.lon, 6), round_to(point.lat, 6)});
  }
  return {{"type", "LineString"}, {"coordinates", coordinates}};
}

nlohmann::ordered_json steps_json(const std::vector<RouteStep>& steps) {
  nlohmann::ordered_json json = nlohmann::ordered_json::array();
  for (const RouteStep& step : steps) {
    json.push_back({{"maneuver", step.maneuver},
                    {"modifier", step.modifier},
                    {"street_name", step.street_name},
                    {"instruction", step.instruction},
                    {"distance_m", round_to(step.distance_m, 1)},
                    {"duration_s", round_to(step.duration_s, 1)},
                    {"location", point_json(step.location)}});
  }
  return json;
}

nlohmann::ordered_json ride_json(const Ride& ride, GeometryFormat format) {
  return {{"from", place_json(ride.from)},
          {"to", place_json(ride.to)},
          {"distance_m", round_to(ride.distance_m, 1)},
          {"duration_s", round_to(ride.duration_s, 1)},
          {"within_budget", ride.within_budget},
          {"access_walk_m", round_to(ride.access_walk_m, 1)},
          {"egress_walk_m", round_to(ride.egress_walk_m, 1)},
          {"deviation_m", round_to(ride.deviation_m, 1)},
          {"geometry", geometry_json(ride.route.geometry, format)},
          {"steps", steps_json(ride.steps)}};
}

}  // namespace

nlohmann::ordered_json spot_to_json(const ParkingSpot& spot) {
  return {{"id", spot.id},
          {"source", spot.source},
          {"description", spot.description},
          {"lat", spot.location.lat},
          {"lon", spot.location.lon},
          {"rack_type", spot.rack_type},
          {"rack_count", spot.rack_count},
          {"sheltered", spot.sheltered}};
}

nlohmann::ordered_json plan_to_json(const Plan& plan, GeometryFormat geometry) {
  nlohmann::ordered_json rides = nlohmann::ordered_json::array();
  for (const Ride& ride : plan.rides) rides.push_back(ride_json(ride, geometry));

  nlohmann::ordered_json json = {{"feasible", plan.feasible},
          {"ride_limit_s", round_to(plan.ride_limit_s, 1)},
          {"margin_s", round_to(plan.margin_s, 1)},
          {"speed_kmh", plan.speed_kmh},
          {"from", place_json(plan.start)},
          {"to", place_json(plan.destination)},
          {"start_snap_m", round_to(plan.start_snap_m, 1)},
          {"destination_snap_m", round_to(plan.destination_snap_m, 1)},
          {"total_distance_m", round_to(plan.total_distance_m, 1)},
          {"total_time_s", round_to(plan.total_time_s, 1)},
          {"pit_stops", plan.pit_stop_count()},
          {"rides", rides},
          {"walk",
           {{"from", point_json(plan.walk.from)},
            {"to", point_json(plan.walk.to)},
            {"distance_m", round_to(plan.walk.distance_m, 1)},
            {"duration_s", round_to(plan.walk.duration_s, 1)}}},
          {"warnings", plan.warnings}};
  if (plan.shared_with_fastest) json["shared_with_fastest"] = round_to(*plan.shared_with_fastest, 3);
  return json;
}

nlohmann::ordered_json plans_to_json(const std::vector<Plan>& plans, GeometryFormat geometry) {
  nlohmann::ordered_json json = plan_to_json(plans.front(), geometry);
  nlohmann::ordered_json alternatives = nlohmann::ordered_json::array();
  for (std::size_t i = 1; i < plans.size(); ++i) alternatives.push_back(plan_to_json(plans[i], geometry));
  json["alternatives"] = std::move(alternatives);
  return json;
}

}  // namespace pitstop
