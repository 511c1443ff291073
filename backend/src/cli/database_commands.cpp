#include "cli/database_commands.hpp"

#include <iostream>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "store/database_error.hpp"
#include "store/parking_store.hpp"
#include "store/schema_migrations.hpp"

namespace pitstop::cli {
namespace {

pqxx::connection connect(const DatabaseSettings& settings) {
  try {
    return pqxx::connection(make_connection_string(settings));
  } catch (const pqxx::broken_connection& error) {
    throw DatabaseError(fmt::format("failed to connect to the database {}: {}", redact_database_url(settings.url),
                                    one_line(error.what())));
  }
}

void print_refresh_runs(pqxx::connection& connection) {
  pqxx::nontransaction statement(connection);
  const pqxx::result runs = statement.exec(
      "SELECT id, to_char(started_at, 'YYYY-MM-DD HH24:MI:SS TZ'), source, outcome, "
      "coalesce(records_fetched::text, '-'), coalesce(records_inserted::text, '-'), "
      "coalesce(records_updated::text, '-'), coalesce(records_removed::text, '-'), "
      "coalesce(error_message, '') FROM refresh_runs ORDER BY id DESC LIMIT 5");
  if (runs.empty()) {
    std::cout << "Refresh runs: none yet.\n";
    return;
  }
  std::cout << "Latest refresh runs (newest first):\n";
  for (const pqxx::row& run : runs) {
    std::cout << fmt::format("  #{} {} from {}: {}, {} fetched, {} inserted, {} updated, {} removed", run[0].c_str(),
                             run[1].c_str(), run[2].c_str(), run[3].c_str(), run[4].c_str(), run[5].c_str(),
                             run[6].c_str(), run[7].c_str());
    if (!run[8].is_null() && *run[8].c_str() != '\0') std::cout << " (" << run[8].c_str() << ")";
    std::cout << "\n";
  }
}

}  // namespace

int print_database_status(const DatabaseSettings& settings);

void add_database_options(CLI::App& command, DatabaseSettings& settings, bool required) {
  CLI::Option* url = command
                         .add_option("--database", settings.url,
                                     "PostgreSQL URL, e.g. postgresql://pitstop@127.0.0.1:5432/pitstop")
                         ->envname("PITSTOP_DATABASE_URL");
  if (required) url->required();
  command
      .add_option("--database-password-file", settings.password_file,
                  "File that contains the database password (else libpq's PGPASSWORD or ~/.pgpass)")
      ->envname("PITSTOP_DATABASE_PASSWORD_FILE");
}

DatabaseCommands add_database_commands(CLI::App& app, DatabaseSettings& settings) {
  CLI::App* database = app.add_subcommand("db", "Manage the PostgreSQL database");
  database->require_subcommand(1);
  DatabaseCommands commands;
  commands.migrate = database->add_subcommand("migrate", "Apply the schema migrations the database is missing");
  add_database_options(*commands.migrate, settings, true);
  commands.status = database->add_subcommand("status", "Print the schema version, spot count and latest refresh runs");
  add_database_options(*commands.status, settings, true);
  return commands;
}

int run_database_migrate(const DatabaseSettings& settings) {
  pqxx::connection connection = connect(settings);
  SchemaMigrationResult result;
  try {
    result = migrate_schema(connection);
  } catch (const pqxx::sql_error& error) {
    throw DatabaseError(fmt::format("failed to migrate the database {}: {}; run migrations as the schema owner",
                                    redact_database_url(settings.url), one_line(error.what())));
  }
  if (result.from_version == result.to_version) {
    std::cout << fmt::format("The schema is at version {}; nothing to do.\n", result.to_version);
  } else {
    std::cout << fmt::format("Migrated the schema from version {} to {}.\n", result.from_version, result.to_version);
  }
  return 0;
}

int run_database_status(const DatabaseSettings& settings) {
  try {
    return print_database_status(settings);
  } catch (const pqxx::sql_error& error) {
    throw DatabaseError(fmt::format("failed to read the status of the database {}: {}; check that the role has the "
                                    "rights of pitstop_app",
                                    redact_database_url(settings.url), one_line(error.what())));
  }
}

int print_database_status(const DatabaseSettings& settings) {
  pqxx::connection connection = connect(settings);
  const int version = read_schema_version(connection);
  std::cout << fmt::format("Database: {}\nSchema version: {} (this pitstop needs {})\n",
                           redact_database_url(settings.url), version, latest_schema_version());
  if (version == 0) return 0;
  std::cout << fmt::format("Parking spots: {}\n", count_parking_spots(connection));
  print_refresh_runs(connection);
  return 0;
}

}  // namespace pitstop::cli
