#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/data_paths.hpp"
#include "planner/pit_stop_planner.hpp"
#include "app/database_mode.hpp"

namespace pitstop::cli {

// Options every subcommand shares: input files and planner settings.
struct CommonOptions {
  DataPaths paths;
  PlannerSettings settings;
};

struct PlanOptions {
  std::string from;
  std::string to;
  double ride_limit_min = 30.0;
  std::optional<double> margin_min;  // unset: 2, or ride_limit_min - 0.5 when that is less
  double speed_kmh = CyclingProfile::kBaseSpeed_kmh;
  bool json = false;
  bool steps = false;
  std::size_t alternatives = 0;
};

struct SearchOptions {
  std::string query;
  std::size_t limit = 10;
  bool json = false;
};

struct ServeOptions {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 8000;
  std::size_t worker_threads = 2;
  std::size_t max_connections = 2048;
  std::vector<std::string> cors_origins;
  std::string port_file;

  // Database mode: parking spots come from PostgreSQL, refreshed on a schedule.
  DatabaseModeOptions database_mode;
};

void add_common_options(CLI::App& app, CommonOptions& options);
CLI::App* add_plan_command(CLI::App& app, PlanOptions& options);
CLI::App* add_search_command(CLI::App& app, SearchOptions& options);
CLI::App* add_serve_command(CLI::App& app, ServeOptions& options);

// Each returns the process exit code; bad input throws InputError.
int run_plan(CommonOptions& common, const PlanOptions& options);
int run_search(CommonOptions& common, const SearchOptions& options);
int run_serve(CommonOptions& common, const ServeOptions& options);

}  // namespace pitstop::cli
