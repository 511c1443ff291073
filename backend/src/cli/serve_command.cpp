#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include <spdlog/spdlog.h>

#include "api/pitstop_api.hpp"
#include "app/database_mode.hpp"
#include "app/pitstop_data.hpp"
#include "cli/database_commands.hpp"
#include "cli/client_commands.hpp"
#include "cli/commands.hpp"
#include "cli/number_option_check.hpp"
#include "server/http_server.hpp"

namespace pitstop::cli {
namespace {

std::runtime_error port_file_error(const std::string& path) {
  return std::runtime_error("cannot write port file " + path + ": " + std::strerror(errno) +
                            "; choose a writable path for --port-file");
}

// Checks before the server starts that the port file can be written.
void check_port_file_writable(const std::string& path) {
  const std::string temporary = path + ".tmp";
  if (!std::ofstream(temporary)) throw port_file_error(path);
  std::remove(temporary.c_str());
}

// Writes the port atomically, so that a script polling the file never reads a
// partial number. Returns false (with errno set) on failure.
bool write_port_file(const std::string& path, std::uint16_t port) {
  const std::string temporary = path + ".tmp";
  std::ofstream file(temporary);
  file << port << "\n";
  file.close();
  if (file && std::rename(temporary.c_str(), path.c_str()) == 0) return true;
  std::remove(temporary.c_str());
  return false;
}

}  // namespace

CLI::App* add_serve_command(CLI::App& app, ServeOptions& options) {
  CLI::App* command = app.add_subcommand("serve", "Load the data once and answer the HTTP API");
  command->add_option("--bind", options.bind_address, "Address to listen on")
      ->envname("PITSTOP_BIND")
      ->capture_default_str();
  command->add_option("--port", options.port, "TCP port; 0 picks a free one")
      ->envname("PITSTOP_PORT")
      ->capture_default_str()
      ->check(integer_in_range(0, 65535));
  command->add_option("--threads", options.worker_threads,
                      "Threads that plan and search; as many more handle connections and health checks")
      ->envname("PITSTOP_THREADS")
      ->capture_default_str()
      ->check(integer_in_range(1, 64));
  command->add_option("--max-connections", options.max_connections, "Open connections allowed at once")
      ->envname("PITSTOP_MAX_CONNECTIONS")
      ->capture_default_str()
      ->check(integer_in_range(1, 100000));
  command->add_option("--cors-origin", options.cors_origins,
                      "Browser origin allowed to call the API, e.g. https://pitstop.example.sg; repeatable")
      ->envname("PITSTOP_CORS_ORIGINS")
      ->delimiter(',');
  command->add_option("--port-file", options.port_file, "Write the bound port to this file once listening");

  add_database_options(*command, options.database_mode.database, false);
  command->add_flag("--skip-migrations", options.database_mode.skip_migrations,
                    "Database mode: do not apply schema migrations at start; fail unless the schema is current");
  command->add_option("--refresh-schedule", options.database_mode.refresh_schedule,
                      "Database mode: cron expression (minute hour day month weekday) for parking refreshes, or off")
      ->envname("PITSTOP_REFRESH_SCHEDULE")
      ->capture_default_str();
  command->add_option("--refresh-time-zone", options.database_mode.refresh_time_zone,
                      "Database mode: IANA time zone of the refresh schedule")
      ->envname("PITSTOP_REFRESH_TIME_ZONE")
      ->capture_default_str();
  command->add_option("--refresh-on-start", options.database_mode.refresh_on_start,
                      "Database mode: refresh at start: auto (only when there are no parking spots), always or never")
      ->envname("PITSTOP_REFRESH_ON_START")
      ->capture_default_str();
  command->add_option("--refresh-source", options.database_mode.refresh_sources,
                      "Database mode: comma-separated parking sources: datamall, osm, files; default datamall when "
                      "an AccountKey is set, else files")
      ->envname("PITSTOP_REFRESH_SOURCES");
  command->add_option("--refresh-min-fraction", options.database_mode.refresh_min_fraction,
                      "Database mode: keep the live set unless a refresh returns at least this share (0 to 1) of it")
      ->envname("PITSTOP_REFRESH_MIN_FRACTION")
      ->capture_default_str()
      ->check(number_in_range(0.0, 1.0));
  return command;
}

int run_serve(CommonOptions& common, const ServeOptions& options) {
  if (!options.port_file.empty()) check_port_file_writable(options.port_file);
  apply_environment_and_defaults(common.paths);

  // Database-mode settings are checked before the slow data load.
  std::optional<DatabaseModeSettings> database_settings;
  if (!options.database_mode.database.url.empty()) {
    const ParkingSourceInputs inputs = make_parking_source_inputs(read_service_clients_config(), common.paths);
    database_settings = make_database_mode_settings(options.database_mode, inputs);
  }
  const auto data = load_pitstop_data(common.paths, common.settings,
                                      database_settings ? ParkingLoading::Later : ParkingLoading::Files);

  std::unique_ptr<DatabaseMode> database;
  ApiSettings settings;
  settings.cors_origins = options.cors_origins;
  if (database_settings) {
    database = std::make_unique<DatabaseMode>(*data, std::move(*database_settings));
    settings.not_ready_reason = [&database] { return database->not_ready_reason(); };
  }
  connect_service_clients(settings);
  PitStopApi api(*data, settings);

  ServerConfig config;
  config.bind_address = options.bind_address;
  config.port = options.port;
  config.worker_threads = options.worker_threads;
  config.handler_threads = options.worker_threads;
  config.inline_paths = PitStopApi::quick_paths();
  config.max_connections = options.max_connections;
  config.record_rejection = [&api](unsigned status) { api.metrics().record("rejected_by_server", status, 0.0); };
  HttpServer server(config, [&api](const ApiRequest& request) { return api.handle(request); });
  server.start();
  server.stop_on_signals();
  if (database) database->start();

  if (!options.port_file.empty() && !write_port_file(options.port_file, server.port())) {
    spdlog::error("server: {}", port_file_error(options.port_file).what());
    server.stop();
    server.run();
    return 1;
  }
  server.run();
  if (database) database->stop();
  spdlog::info("server: stopped");
  return 0;
}

}  // namespace pitstop::cli
