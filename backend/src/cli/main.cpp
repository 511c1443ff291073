// pitstop: plans bike-share trips with pit stops so that no ride goes over the
// pass's ride limit. Subcommands: plan, search, serve, refresh, compare-onemap,
// db migrate and db status.

#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/client_commands.hpp"
#include "cli/commands.hpp"
#include "cli/database_commands.hpp"
#include "geo/errors.hpp"

namespace {

constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

void configure_logging(const std::string& level) {
  auto logger = spdlog::stderr_color_mt("pitstop");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  spdlog::set_level(spdlog::level::from_str(level));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"PitStop: plans bike-share trips with pit stops so that no ride goes over the ride limit."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "pitstop " PITSTOP_VERSION, "Print the version and exit");

  pitstop::cli::CommonOptions common;
  std::string log_level = "info";
  app.add_option("--log-level", log_level,
                 "Log level: trace, debug, info, warn, error or off (default info, warn for plan and search)")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  pitstop::cli::add_common_options(app, common);

  pitstop::cli::PlanOptions plan_options;
  CLI::App* plan = pitstop::cli::add_plan_command(app, plan_options);
  pitstop::cli::SearchOptions search_options;
  CLI::App* search = pitstop::cli::add_search_command(app, search_options);
  pitstop::cli::ServeOptions serve_options;
  CLI::App* serve = pitstop::cli::add_serve_command(app, serve_options);
  pitstop::cli::RefreshOptions refresh_options;
  CLI::App* refresh = pitstop::cli::add_refresh_command(app, refresh_options);
  pitstop::cli::CompareOneMapOptions compare_options;
  CLI::App* compare_onemap = pitstop::cli::add_compare_onemap_command(app, compare_options);
  pitstop::DatabaseSettings database_settings;
  const pitstop::cli::DatabaseCommands database = pitstop::cli::add_database_commands(app, database_settings);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return kExitBadInput;
  }

  // plan and search print their result on stdout; progress logs would only bury it.
  const bool prints_result = plan->parsed() || search->parsed();
  if (prints_result && app.count("--log-level") == 0) log_level = "warn";
  configure_logging(log_level);
  try {
    if (plan->parsed()) return pitstop::cli::run_plan(common, plan_options);
    if (search->parsed()) return pitstop::cli::run_search(common, search_options);
    if (serve->parsed()) return pitstop::cli::run_serve(common, serve_options);
    if (refresh->parsed()) return pitstop::cli::run_refresh(common, refresh_options);
    if (database.migrate->parsed()) return pitstop::cli::run_database_migrate(database_settings);
    if (database.status->parsed()) return pitstop::cli::run_database_status(database_settings);
    if (compare_onemap->parsed()) return pitstop::cli::run_compare_onemap(common, compare_options);
  } catch (const pitstop::InputError& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitFailure;
  }
  return kExitFailure;
}
