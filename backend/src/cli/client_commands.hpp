#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "api/pitstop_api.hpp"
#include "cli/commands.hpp"

namespace pitstop::cli {

struct RefreshOptions {
  std::string output;
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
int run_refresh(const RefreshOptions& options);
int run_compare_onemap(CommonOptions& common, const CompareOneMapOptions& options);

// Reads the OneMap and DataMall settings from the environment, sets
// settings.onemap_search when OneMap is configured, and logs one line per
// service saying whether it is on. Throws ClientConfigError for invalid settings.
void connect_service_clients(ApiSettings& settings);

}  // namespace pitstop::cli
