#include "store/schema_migrations.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "store/advisory_lock.hpp"
#include "store/database_error.hpp"

namespace pitstop {
namespace {

void apply_migration(pqxx::connection& connection, const SchemaMigration& migration) {
  try {
    pqxx::work transaction(connection);
    transaction.exec(std::string(migration.sql));
    const int recorded = transaction
                             .exec_params1("SELECT count(*) FROM pitstop_schema_version WHERE version = $1",
                                           migration.version)[0]
                             .as<int>();
    if (recorded != 1) {
      throw DatabaseError(fmt::format("migration {} did not record version {} in pitstop_schema_version",
                                      migration.name, migration.version));
    }
    transaction.commit();
  } catch (const pqxx::broken_connection&) {
    throw;
  } catch (const pqxx::sql_error& error) {
    throw DatabaseError(fmt::format("schema migration {} failed, so the schema stays at version {}: {}",
                                    migration.name, migration.version - 1, error.what()));
  }
}

}  // namespace

int latest_schema_version() { return schema_migrations().empty() ? 0 : schema_migrations().back().version; }

int read_schema_version(pqxx::connection& connection) {
  pqxx::nontransaction statement(connection);
  const bool exists = statement.exec1("SELECT to_regclass('pitstop_schema_version') IS NOT NULL")[0].as<bool>();
  if (!exists) return 0;
  return statement.exec1("SELECT coalesce(max(version), 0) FROM pitstop_schema_version")[0].as<int>();
}

SchemaMigrationResult migrate_schema(pqxx::connection& connection) {
  SessionAdvisoryLock lock(connection, kSchemaMigrationLockKey, true);

  SchemaMigrationResult result;
  result.from_version = read_schema_version(connection);
  result.to_version = result.from_version;
  if (result.from_version > latest_schema_version()) {
    throw DatabaseError(fmt::format("the database schema is at version {}, newer than this pitstop knows ({}): "
                                    "upgrade pitstop",
                                    result.from_version, latest_schema_version()));
  }

  for (const SchemaMigration& migration : schema_migrations()) {
    if (migration.version <= result.from_version) continue;
    spdlog::info("database: applying schema migration {}", migration.name);
    apply_migration(connection, migration);
    result.to_version = migration.version;
  }
  if (result.to_version == result.from_version) {
    spdlog::info("database: schema is at version {}, nothing to migrate", result.from_version);
  } else {
    spdlog::info("database: schema migrated from version {} to {}", result.from_version, result.to_version);
  }
  return result;
}

void require_latest_schema(pqxx::connection& connection) {
  const int version = read_schema_version(connection);
  if (version > latest_schema_version()) {
    throw DatabaseError(fmt::format("the database schema is at version {}, newer than this pitstop knows ({}): "
                                    "upgrade pitstop",
                                    version, latest_schema_version()));
  }
  if (version != latest_schema_version()) {
    throw DatabaseError(fmt::format("the database schema is at version {}, but this pitstop needs version {}: "
                                    "run `pitstop db migrate`",
                                    version, latest_schema_version()));
  }
}

}  // namespace pitstop
