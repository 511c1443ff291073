#pragma once

#include <functional>
#include <optional>
#include <string>

#include "clients/datamall_client.hpp"
#include "clients/onemap_client.hpp"
#include "clients/onemap_place_search.hpp"

namespace pitstop {

// Settings of the OneMap and LTA DataMall clients, read from the environment.
struct ServiceClientsConfig {
  std::optional<OneMapSettings> onemap;      // nothing without an email and password
  std::optional<DataMallSettings> datamall;  // nothing without an account key
  OneMapFallbackSettings onemap_fallback;
  ParkingQueryGrid parking_grid;
};

// Returns the value of an environment variable, or nothing when it is unset.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Returns the process environment as an EnvironmentLookup.
EnvironmentLookup process_environment();

// Reads every PITSTOP_ONEMAP_* and PITSTOP_DATAMALL_* variable (README.md,
// "OneMap and LTA DataMall", lists them with their defaults). An empty
// variable counts as unset. A secret may come from the variable itself or
// from the file that its _FILE variant names, without the file's trailing
// line breaks. Throws ClientConfigError for a malformed number, base URL or box,
// both a secret and its _FILE variant set, an unreadable or empty secret
// file, or an email without a password (or the other way round). Messages
// never contain a secret.
ServiceClientsConfig read_service_clients_config(const EnvironmentLookup& environment = process_environment());

}  // namespace pitstop
