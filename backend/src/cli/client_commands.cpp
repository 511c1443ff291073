#include "cli/client_commands.hpp"

#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/pitstop_data.hpp"
#include "clients/client_config.hpp"
#include "clients/datamall_client.hpp"
#include "clients/onemap_client.hpp"
#include "clients/onemap_comparison.hpp"
#include "clients/onemap_place_search.hpp"
#include "clients/parking_refresh.hpp"
#include "clients/service_error.hpp"

namespace pitstop::cli {
namespace {

constexpr int kExitFailure = 1;

const OneMapSettings& require_onemap(const ServiceClientsConfig& config) {
  if (!config.onemap) {
    throw ClientConfigError(
        "OneMap is not configured: set PITSTOP_ONEMAP_EMAIL and PITSTOP_ONEMAP_PASSWORD (or "
        "PITSTOP_ONEMAP_PASSWORD_FILE)");
  }
  return *config.onemap;
}

bool ends_with_csv(const std::string& path) {
  return path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
}

}  // namespace

CLI::App* add_refresh_command(CLI::App& app, RefreshOptions& options) {
  CLI::App* command = app.add_subcommand(
      "refresh", "Fetch every bicycle parking spot from LTA DataMall and replace a parking file atomically");
  command->add_option("--output", options.output,
                      "DataMall JSON file to write; the old file is kept if the fetch fails or is too small")
      ->required();
  command->add_option("--min-fraction", options.min_fraction,
                      "Keep the old file unless the fetch returns at least this share (0 to 1) of its spots")
      ->envname("PITSTOP_REFRESH_MIN_FRACTION")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  return command;
}

CLI::App* add_compare_onemap_command(CLI::App& app, CompareOneMapOptions& options) {
  CLI::App* command = app.add_subcommand(
      "compare-onemap", "Compare PitStop's fastest routes with OneMap's cycle routes and write a report");
  command->add_option("--pairs", options.pairs,
                      "File with one trip a line: FROM;TO or FROM;TO;LABEL (place names or LAT,LON)")
      ->required();
  command->add_option("--report", options.report, "Report to write: CSV when the name ends in .csv, else Markdown")
      ->required();
  command->add_option("--polyline-precision", options.polyline_precision,
                      "Decimal digits of OneMap's encoded route geometry")
      ->capture_default_str()
      ->check(CLI::Range(1, 7));
  command->add_option("--speed", options.speed_kmh, "PitStop's riding speed on a plain paved road, km/h")
      ->capture_default_str()
      ->check(CLI::Range(3.0, 45.0));
  return command;
}

int run_refresh(const RefreshOptions& options) {
  const ServiceClientsConfig config = read_service_clients_config();
  if (!config.datamall) {
    throw ClientConfigError(
        "LTA DataMall is not configured: set PITSTOP_DATAMALL_ACCOUNT_KEY or PITSTOP_DATAMALL_ACCOUNT_KEY_FILE");
  }
  const DataMallClient client(*config.datamall);

  ParkingRefreshOptions refresh;
  refresh.output_path = options.output;
  refresh.min_fraction_of_previous = options.min_fraction;
  try {
    const ParkingRefreshResult result = refresh_parking_file(client, config.parking_grid, refresh);
    std::cout << fmt::format("Wrote {} parking spots to {}", result.spots_written, options.output);
    if (result.previous_spots) std::cout << fmt::format(" (the old file had {})", *result.previous_spots);
    std::cout << ".\n";
  } catch (const ServiceError& error) {
    std::cerr << "error: " << error.what() << "\n" << options.output << " was not changed.\n";
    return kExitFailure;
  } catch (const ParkingRefreshRejected& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitFailure;
  }
  return 0;
}

int run_compare_onemap(CommonOptions& common, const CompareOneMapOptions& options) {
  const ServiceClientsConfig config = read_service_clients_config();
  const OneMapClient onemap(require_onemap(config));
  const std::vector<TripPair> pairs = read_trip_pairs_file(options.pairs);

  apply_environment_and_defaults(common.paths);
  const auto data = load_pitstop_data(common.paths, common.settings);

  RouteComparisonOptions comparison;
  comparison.polyline_precision = options.polyline_precision;
  comparison.speed_kmh = options.speed_kmh;
  const std::vector<RouteComparison> rows = compare_routes_with_onemap(*data, onemap, pairs, comparison);
  const std::string report =
      ends_with_csv(options.report) ? format_comparison_csv(rows) : format_comparison_markdown(rows, comparison);
  write_file_atomically(options.report, report);

  std::size_t complete = 0;
  for (const RouteComparison& row : rows) complete += row.errors.empty() ? 1 : 0;
  std::cout << fmt::format("Compared {} of {} pairs in full; wrote {}.\n", complete, rows.size(), options.report);
  return complete == 0 && !rows.empty() ? kExitFailure : 0;
}

void connect_service_clients(ApiSettings& settings) {
  const ServiceClientsConfig config = read_service_clients_config();
  if (config.onemap) {
    auto client = std::make_shared<const OneMapClient>(*config.onemap);
    settings.onemap_search = std::make_shared<OneMapPlaceSearch>(std::move(client), config.onemap_fallback);
    spdlog::info("onemap: on at {}; /api/v1/search combines OneMap's addresses with the offline index",
                 config.onemap->base_url);
  } else {
    spdlog::info("onemap: off, because PITSTOP_ONEMAP_EMAIL and a password are not set; /api/v1/search uses the "
                 "offline index only");
  }
  if (config.datamall) {
    spdlog::info("datamall: account key set; only `pitstop refresh` calls LTA DataMall");
  } else {
    spdlog::info("datamall: off, because PITSTOP_DATAMALL_ACCOUNT_KEY is not set; `pitstop refresh` needs it");
  }
}

}  // namespace pitstop::cli
