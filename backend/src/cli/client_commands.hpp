#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "api/pitstop_api.hpp"
#include "cli/commands.hpp"
#include "clients/client_config.hpp"
#include "refresh/parking_sources.hpp"
#include "store/database_settings.hpp"

namespace pitstop::cli {

struct RefreshOptions {
  std::string output;
  DatabaseSettings database;
  std::string sources;  // comma-separated; empty: default_parking_sources
  double min_fraction = 0.5;
};

struct CompareOneMapOptions {
  std::string pairs;
  std::string report;
  int polyline_precision = 5;
  double speed_kmh = CyclingProfile::kBaseSpeed_kmh;
};

CLI::App* add_refresh_command(CLI::App& app, RefreshOptions& options);
CLI::App* add_compare_onemap_command(CLI::App& app, CompareOneMapOptions& options);

// Each returns the process exit code. A missing or invalid client setting
// throws ClientConfigError (exit code 2).
int run_refresh(CommonOptions& common, const RefreshOptions& options);
int run_compare_onemap(CommonOptions& common, const CompareOneMapOptions& options);

// Returns what the parking sources need, from the client settings and the data paths.
ParkingSourceInputs make_parking_source_inputs(const ServiceClientsConfig& config, const DataPaths& paths);

// Parses the source list, or returns the default sources for an empty one.
std::vector<ParkingSource> choose_parking_sources(const std::string& list, const ParkingSourceInputs& inputs);

// Reads the OneMap and DataMall settings from the environment, sets
// settings.onemap_search when OneMap is configured, and logs one line per
// service saying whether it is on. Throws ClientConfigError for invalid settings.
void connect_service_clients(ApiSettings& settings);

}  // namespace pitstop::cli
