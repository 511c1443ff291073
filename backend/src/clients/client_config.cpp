#include "clients/client_config.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "clients/service_error.hpp"
#include "clients/url.hpp"

namespace pitstop {
namespace {

std::optional<std::string> read_variable(const EnvironmentLookup& environment, const std::string& name) {
  auto value = environment(name);
  if (!value || value->empty()) return std::nullopt;
  return value;
}

double parse_number(const std::string& name, const std::string& text, double min, double max) {
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end || !std::isfinite(value) || value < min || value > max) {
    throw ClientConfigError(fmt::format("{} = '{}' is invalid: use a number from {} to {}", name, text, min, max));
  }
  return value;
}

double read_number(const EnvironmentLookup& environment, const std::string& name, double default_value, double min,
                   double max) {
  const auto text = read_variable(environment, name);
  return text ? parse_number(name, *text, min, max) : default_value;
}

int read_integer(const EnvironmentLookup& environment, const std::string& name, int default_value, int min, int max) {
  const auto text = read_variable(environment, name);
  if (!text) return default_value;
  const double value = parse_number(name, *text, min, max);
  if (value != std::floor(value)) {
    throw ClientConfigError(fmt::format("{} = '{}' is invalid: use a whole number from {} to {}", name, *text, min, max));
  }
  return static_cast<int>(value);
}

std::chrono::milliseconds read_seconds(const EnvironmentLookup& environment, const std::string& name,
                                       std::chrono::milliseconds default_value, double min_s, double max_s) {
  const double seconds = read_number(environment, name, static_cast<double>(default_value.count()) / 1000.0, min_s, max_s);
  return std::chrono::milliseconds(static_cast<long long>(std::llround(seconds * 1000.0)));
}

std::string trim_line_breaks(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

std::string trim(const std::string& text) {
  constexpr const char* kWhitespace = " \t\r\n";
  const auto first = text.find_first_not_of(kWhitespace);
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(kWhitespace);
  return text.substr(first, last - first + 1);
}

// A secret from NAME or from the file that NAME_FILE names. Messages name the
// variables and the file, never the secret.
std::optional<std::string> read_secret(const EnvironmentLookup& environment, const std::string& name) {
  const std::string file_variable = name + "_FILE";
  const auto value = read_variable(environment, name);
  const auto file = read_variable(environment, file_variable);
  if (value && file) {
    throw ClientConfigError(fmt::format("both {} and {} are set: set only one", name, file_variable));
  }
  if (value) return value;
  if (!file) return std::nullopt;

  std::ifstream stream(*file, std::ios::binary);
  if (!stream) {
    throw ClientConfigError(
        fmt::format("{} = {}: failed to open the file: check the path and its permissions", file_variable, *file));
  }
  std::ostringstream contents;
  contents << stream.rdbuf();
  std::string secret = trim_line_breaks(contents.str());
  if (secret.empty()) throw ClientConfigError(fmt::format("{} = {}: the file is empty", file_variable, *file));
  return secret;
}

void read_http_settings(const EnvironmentLookup& environment, const std::string& prefix, HttpClientSettings& http) {
  http.connect_timeout = read_seconds(environment, prefix + "_CONNECT_TIMEOUT_S", http.connect_timeout, 0.1, 120);
  http.total_timeout = read_seconds(environment, prefix + "_TIMEOUT_S", http.total_timeout, 0.1, 600);
  http.max_attempts = read_integer(environment, prefix + "_MAX_ATTEMPTS", http.max_attempts, 1, 20);
  http.requests_per_second = read_number(environment, prefix + "_RATE_PER_S", http.requests_per_second, 0.01, 1000);
  http.burst = std::max(1.0, std::ceil(http.requests_per_second));
}

std::optional<OneMapSettings> read_onemap_settings(const EnvironmentLookup& environment) {
  OneMapSettings settings;
  settings.base_url = read_variable(environment, "PITSTOP_ONEMAP_BASE_URL").value_or(settings.base_url);
  validate_base_url(settings.base_url, "PITSTOP_ONEMAP_BASE_URL");
  read_http_settings(environment, "PITSTOP_ONEMAP", settings.http);
  settings.token_refresh_margin = std::chrono::seconds(static_cast<long long>(
      read_number(environment, "PITSTOP_ONEMAP_TOKEN_MARGIN_S", 3600, 0, 7 * 24 * 3600)));

  const auto email = read_variable(environment, "PITSTOP_ONEMAP_EMAIL");
  const auto password = read_secret(environment, "PITSTOP_ONEMAP_PASSWORD");
  if (!email && !password) return std::nullopt;
  if (!email) {
    throw ClientConfigError("a OneMap password is set but PITSTOP_ONEMAP_EMAIL is not: set both, or neither");
  }
  if (!password) {
    throw ClientConfigError(
        "PITSTOP_ONEMAP_EMAIL is set but no password: set PITSTOP_ONEMAP_PASSWORD or PITSTOP_ONEMAP_PASSWORD_FILE");
  }
  settings.email = trim(*email);
  settings.password = *password;
  return settings;
}

std::optional<DataMallSettings> read_datamall_settings(const EnvironmentLookup& environment) {
  DataMallSettings settings;
  settings.base_url = read_variable(environment, "PITSTOP_DATAMALL_BASE_URL").value_or(settings.base_url);
  validate_base_url(settings.base_url, "PITSTOP_DATAMALL_BASE_URL");
  read_http_settings(environment, "PITSTOP_DATAMALL", settings.http);

  const auto key = read_secret(environment, "PITSTOP_DATAMALL_ACCOUNT_KEY");
  if (!key) return std::nullopt;
  settings.account_key = *key;
  return settings;
}

// "SOUTH,WEST,NORTH,EAST" in degrees.
void read_grid_box(const EnvironmentLookup& environment, ParkingQueryGrid& grid) {
  const std::string name = "PITSTOP_DATAMALL_GRID_BBOX";
  const auto text = read_variable(environment, name);
  if (!text) return;
  std::vector<double> values;
  std::stringstream stream(*text);
  std::string part;
  while (std::getline(stream, part, ',')) values.push_back(parse_number(name, trim(part), -180, 180));
  if (values.size() != 4) {
    throw ClientConfigError(fmt::format("{} = '{}' is invalid: use SOUTH,WEST,NORTH,EAST in degrees", name, *text));
  }
  grid.south_west = {values[0], values[1]};
  grid.north_east = {values[2], values[3]};
}

}  // namespace

EnvironmentLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

ServiceClientsConfig read_service_clients_config(const EnvironmentLookup& environment) {
  ServiceClientsConfig config;
  config.onemap = read_onemap_settings(environment);
  config.datamall = read_datamall_settings(environment);

  config.onemap_fallback.cooldown_after_failure = std::chrono::seconds(static_cast<long long>(
      read_number(environment, "PITSTOP_ONEMAP_SEARCH_COOLDOWN_S", 30, 0, 3600)));

  ParkingQueryGrid& grid = config.parking_grid;
  read_grid_box(environment, grid);
  grid.spacing_m = read_number(environment, "PITSTOP_DATAMALL_GRID_SPACING_M", grid.spacing_m, 100, 50000);
  grid.radius_m = read_number(environment, "PITSTOP_DATAMALL_GRID_RADIUS_M", grid.radius_m, 100, 50000);
  grid.max_records_per_call = static_cast<std::size_t>(read_integer(
      environment, "PITSTOP_DATAMALL_MAX_RECORDS_PER_CALL", static_cast<int>(grid.max_records_per_call), 1, 100000));
  grid.max_subdivisions =
      read_integer(environment, "PITSTOP_DATAMALL_GRID_SUBDIVISIONS", grid.max_subdivisions, 0, 6);
  make_parking_query_points(grid);  // rejects a grid with gaps now rather than at refresh time
  return config;
}

}  // namespace pitstop
