#include "cli/client_commands.hpp"

#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/pitstop_data.hpp"
#include "cli/number_option_check.hpp"
#include "clients/client_config.hpp"
#include "clients/datamall_client.hpp"
#include "clients/onemap_client.hpp"
#include "clients/onemap_comparison.hpp"
#include "clients/onemap_place_search.hpp"
#include "clients/parking_refresh.hpp"
#include "clients/service_error.hpp"
#include "geo/errors.hpp"
#include "cli/database_commands.hpp"
#include "refresh/database_refresh.hpp"
#include "store/database_error.hpp"

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
      "refresh",
      "Fetch every bicycle parking spot and replace the parking data: a file (--output) or the database "
      "(--database)");
  command->add_option("--output", options.output,
                      "DataMall JSON file to write; the old file is kept if the fetch fails or is too small. "
                      "Takes precedence over --database");
  add_database_options(*command, options.database, false);
  command->add_option("--source", options.sources,
                      "Comma-separated parking sources: datamall, osm (amenity=bicycle_parking in --osm), files "
                      "(--parking); default datamall, or with --database files when no AccountKey is set")
      ->envname("PITSTOP_REFRESH_SOURCES");
  command->add_option("--min-fraction", options.min_fraction,
                      "Keep the old data unless the fetch returns at least this share (0 to 1) of its spots")
      ->envname("PITSTOP_REFRESH_MIN_FRACTION")
      ->capture_default_str()
      ->check(number_in_range(0.0, 1.0));
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
      ->check(integer_in_range(1, 7));
  command->add_option("--speed", options.speed_kmh, "PitStop's riding speed on a plain paved road, km/h")
      ->capture_default_str()
      ->check(number_in_range(3.0, 45.0));
  return command;
}

ParkingSourceInputs make_parking_source_inputs(const ServiceClientsConfig& config, const DataPaths& paths) {
  ParkingSourceInputs inputs;
  inputs.datamall = config.datamall;
  inputs.datamall_grid = config.parking_grid;
  inputs.osm_path = paths.osm;
  inputs.parking_files = paths.parking;
  return inputs;
}

std::vector<ParkingSource> choose_parking_sources(const std::string& list, const ParkingSourceInputs& inputs) {
  return list.empty() ? default_parking_sources(inputs) : parse_parking_sources(list);
}

namespace {

int refresh_file(const RefreshOptions& options, const std::vector<ParkingSource>& sources,
                 const ParkingSourceInputs& inputs) {
  ParkingRefreshOptions refresh;
  refresh.output_path = options.output;
  refresh.min_fraction_of_previous = options.min_fraction;
  try {
    const ParkingRefreshResult result =
        replace_parking_file([&] { return fetch_parking_sources(sources, inputs); }, refresh);
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

int refresh_database(const RefreshOptions& options, const std::vector<ParkingSource>& sources,
                     const ParkingSourceInputs& inputs) {
  DatabaseRefreshOptions refresh;
  refresh.source_label = join_parking_sources(sources);
  refresh.min_fraction_of_current = options.min_fraction;
  const DatabaseRefreshReport report = run_database_refresh(
      make_connection_string(options.database), [&] { return fetch_parking_sources(sources, inputs); }, refresh);

  switch (report.status) {
    case DatabaseRefreshStatus::Succeeded:
      std::cout << fmt::format("Refresh run {} replaced the parking spots: {} fetched, {} inserted, {} updated, "
                               "{} unchanged, {} removed, {} records rejected.\n",
                               report.run_id, report.counts.fetched, report.counts.inserted, report.counts.updated,
                               report.unchanged, report.counts.removed, report.counts.rejected);
      return 0;
    case DatabaseRefreshStatus::Skipped:
      std::cerr << "error: " << report.message << "; try again when it has finished.\n";
      return kExitFailure;
    case DatabaseRefreshStatus::Rejected:
    case DatabaseRefreshStatus::Failed:
      std::cerr << fmt::format("error: refresh run {} {}: {}\n", report.run_id,
                               report.status == DatabaseRefreshStatus::Rejected ? "rejected" : "failed",
                               report.message);
      return kExitFailure;
  }
  return kExitFailure;
}

}  // namespace

int run_refresh(CommonOptions& common, const RefreshOptions& options) {
  if (options.output.empty() && options.database.url.empty()) {
    throw InputError("refresh needs a target: --output FILE for a parking file, or --database URL (or "
                     "PITSTOP_DATABASE_URL) for the database");
  }
  apply_environment_and_defaults(common.paths);
  const ParkingSourceInputs inputs = make_parking_source_inputs(read_service_clients_config(), common.paths);
  if (!options.output.empty()) {
    // A snapshot file is for fresh DataMall data, so copying the local files needs an explicit --source.
    const std::vector<ParkingSource> sources =
        options.sources.empty() ? std::vector<ParkingSource>{ParkingSource::DataMall}
                                : parse_parking_sources(options.sources);
    return refresh_file(options, sources, inputs);
  }
  return refresh_database(options, choose_parking_sources(options.sources, inputs), inputs);
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
    spdlog::info("datamall: account key set; only parking refreshes call LTA DataMall");
  } else {
    spdlog::info("datamall: off, because PITSTOP_DATAMALL_ACCOUNT_KEY is not set; refreshing from DataMall needs it");
  }
}

}  // namespace pitstop::cli
