#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "store/database_settings.hpp"

namespace pitstop::cli {

// Adds --database (env PITSTOP_DATABASE_URL) and --database-password-file
// (env PITSTOP_DATABASE_PASSWORD_FILE) to a subcommand.
void add_database_options(CLI::App& command, DatabaseSettings& settings, bool required);

// `pitstop db migrate` and `pitstop db status`.
struct DatabaseCommands {
  CLI::App* migrate = nullptr;
  CLI::App* status = nullptr;
};
DatabaseCommands add_database_commands(CLI::App& app, DatabaseSettings& settings);

// Each returns the process exit code; throws DatabaseError when the database
// cannot be reached.
int run_database_migrate(const DatabaseSettings& settings);
int run_database_status(const DatabaseSettings& settings);

}  // namespace pitstop::cli
