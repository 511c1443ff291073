#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include <spdlog/spdlog.h>

#include "api/pitstop_api.hpp"
#include "app/pitstop_data.hpp"
#include "cli/client_commands.hpp"
#include "cli/commands.hpp"
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
      ->capture_default_str();
  command->add_option("--threads", options.worker_threads, "Worker threads")
      ->envname("PITSTOP_THREADS")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  command->add_option("--max-connections", options.max_connections, "Open connections allowed at once")
      ->envname("PITSTOP_MAX_CONNECTIONS")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  command->add_option("--cors-origin", options.cors_origins,
                      "Browser origin allowed to call the API, e.g. https://pitstop.example.sg; repeatable")
      ->envname("PITSTOP_CORS_ORIGINS")
      ->delimiter(',');
  command->add_option("--port-file", options.port_file, "Write the bound port to this file once listening");
  return command;
}

int run_serve(CommonOptions& common, const ServeOptions& options) {
  if (!options.port_file.empty()) check_port_file_writable(options.port_file);
  apply_environment_and_defaults(common.paths);
  const auto data = load_pitstop_data(common.paths, common.settings);

  ApiSettings settings;
  settings.cors_origins = options.cors_origins;
  connect_service_clients(settings);
  PitStopApi api(*data, settings);

  ServerConfig config;
  config.bind_address = options.bind_address;
  config.port = options.port;
  config.worker_threads = options.worker_threads;
  config.max_connections = options.max_connections;
  config.record_rejection = [&api](unsigned status) { api.metrics().record("rejected_by_server", status, 0.0); };
  HttpServer server(config, [&api](const ApiRequest& request) { return api.handle(request); });
  server.start();
  server.stop_on_signals();

  if (!options.port_file.empty() && !write_port_file(options.port_file, server.port())) {
    spdlog::error("server: {}", port_file_error(options.port_file).what());
    server.stop();
    server.run();
    return 1;
  }
  server.run();
  spdlog::info("server: stopped");
  return 0;
}

}  // namespace pitstop::cli
