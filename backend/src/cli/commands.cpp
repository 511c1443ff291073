#include "cli/commands.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/pitstop_data.hpp"
#include "app/place_resolver.hpp"
#include "cli/number_option_check.hpp"
#include "output/plan_json.hpp"
#include "output/plan_text.hpp"
#include "output/terminal_text.hpp"

namespace pitstop::cli {

void add_common_options(CLI::App& app, CommonOptions& options) {
  app.add_option("--osm", options.paths.osm, "OSM extract (.osm.pbf, .osm, .osm.bz2); env PITSTOP_OSM");
  app.add_option("--parking", options.paths.parking,
                 "LTA DataMall BicycleParkingv2 JSON file; repeat to merge several; env PITSTOP_PARKING "
                 "(paths separated by ':')");
  app.add_option("--stations", options.paths.stations, "MRT/LRT station list JSON; env PITSTOP_STATIONS");
  app.add_option("--max-snap-m", options.settings.max_snap_distance_m,
                 "Reject a start or destination farther than this from a rideable way, metres")
      ->capture_default_str()
      ->check(number_in_range(1.0, 5000.0));
  app.add_option("--max-spot-access-m", options.settings.max_spot_access_m,
                 "Use only parking spots within this distance of a rideable way, metres")
      ->capture_default_str()
      ->check(number_in_range(1.0, 1000.0));
  app.add_option("--max-walk-m", options.settings.max_final_walk_m,
                 "Longest walk from the last parking spot to the destination, metres")
      ->capture_default_str()
      ->check(number_in_range(1.0, 5000.0));
}

CLI::App* add_plan_command(CLI::App& app, PlanOptions& options) {
  CLI::App* command = app.add_subcommand("plan", "Plan a trip with pit stops");
  command->add_option("--from", options.from, "Start: a place name or LAT,LON")->required();
  command->add_option("--to", options.to, "Destination: a place name or LAT,LON")->required();
  command->add_option("--ride-limit", options.ride_limit_min, "Ride limit of the pass, minutes")
      ->capture_default_str()
      ->check(number_in_range(1.0, 1440.0));
  command->add_option("--margin", options.margin_min,
                      "Minutes kept free in every ride for parking and unlocking (default 2, or the ride "
                      "limit minus 0.5 when that is less)")
      ->check(number_in_range(0.0, 1440.0));
  command->add_option("--speed", options.speed_kmh, "Riding speed on a plain paved road, km/h")
      ->capture_default_str()
      ->check(number_in_range(3.0, 45.0));
  command->add_flag("--json", options.json, "Print the plan as one JSON object");
  command->add_flag("--steps", options.steps, "List turn-by-turn steps for each ride");
  command->add_option("--alternatives", options.alternatives,
                      "Also plan along up to this many alternative routes (0 to 3)")
      ->capture_default_str()
      ->check(integer_in_range(0, 3));
  return command;
}

CLI::App* add_search_command(CLI::App& app, SearchOptions& options) {
  CLI::App* command = app.add_subcommand("search", "Search places by name");
  command->add_option("query", options.query, "Words of a place name, or LAT,LON")
      ->required()
      ->check(CLI::Validator(
          [](const std::string& query) -> std::string {
            const bool blank = std::all_of(query.begin(), query.end(),
                                           [](unsigned char c) { return std::isspace(c) != 0; });
            if (!blank) return "";
            return "the search text is empty: give words of a place name, or LAT,LON";
          },
          "TEXT"));
  command->add_option("--limit", options.limit, "Results to print")
      ->capture_default_str()
      ->check(integer_in_range(1, 100));
  command->add_flag("--json", options.json, "Print the results as a JSON array");
  return command;
}

int run_plan(CommonOptions& common, const PlanOptions& options) {
  apply_environment_and_defaults(common.paths);
  const auto data = load_pitstop_data(common.paths, common.settings);
  const auto parking = require_parking(*data);

  const Place from = resolve_place(parking->places, options.from, "start");
  const Place to = resolve_place(parking->places, options.to, "destination");
  PlanRequest request;
  request.from = from.location;
  request.to = to.location;
  request.from_name = from.name;
  request.to_name = to.name;
  request.ride_limit_s = options.ride_limit_min * 60.0;
  // As in the HTTP API, the default margin shrinks to leave half a minute of
  // riding under a very short ride limit.
  const double margin_min = options.margin_min.value_or(std::min(2.0, options.ride_limit_min - 0.5));
  request.margin_s = margin_min * 60.0;
  request.speed_kmh = options.speed_kmh;

  if (options.alternatives == 0) {
    const Plan plan = parking->planner->plan(request);
    if (options.json) std::cout << plan_to_json(plan).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    else std::cout << plan_to_text(plan, options.steps);
    return 0;
  }

  const std::vector<Plan> plans = parking->planner->plan_with_alternatives(request, options.alternatives);
  if (options.json) {
    std::cout << plans_to_json(plans).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    return 0;
  }
  std::cout << plan_to_text(plans.front(), options.steps);
  if (plans.size() == 1) std::cout << "\nNo alternative route differs enough from the fastest one.\n";
  for (std::size_t i = 1; i < plans.size(); ++i) {
    std::cout << fmt::format("\nAlternative route {} (shares {:.0f}% with the fastest route)\n", i,
                             100.0 * plans[i].shared_with_fastest.value_or(0.0))
              << plan_to_text(plans[i], options.steps);
  }
  return 0;
}

int run_search(CommonOptions& common, const SearchOptions& options) {
  apply_environment_and_defaults(common.paths);
  const auto data = load_pitstop_data(common.paths, common.settings);
  const auto results = require_parking(*data)->places.search(options.query, options.limit);

  if (options.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const SearchResult& result : results) {
      const Place& place = result.place;
      out.push_back({{"name", place.name},
                     {"kind", to_string(place.kind)},
                     {"category", place.category},
                     {"lat", place.location.lat},
                     {"lon", place.location.lon},
                     {"detail", place.detail}});
    }
    std::cout << out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    return 0;
  }
  if (results.empty()) std::cout << "No place matches '" << terminal_safe(options.query) << "'.\n";
  for (const SearchResult& result : results) {
    const Place& place = result.place;
    std::cout << terminal_safe(place.name) << "  (" << to_string(place.kind) << ")  " << format_lat_lon(place.location);
    if (!place.detail.empty()) std::cout << "  " << terminal_safe(place.detail);
    std::cout << "\n";
  }
  return 0;
}

}  // namespace pitstop::cli
