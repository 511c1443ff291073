#pragma once

#include <string_view>
#include <vector>

#include <pqxx/pqxx>

namespace pitstop {

// One numbered SQL file from database/migrations, compiled into the binary.
// The file ends by inserting its version into pitstop_schema_version.
struct SchemaMigration {
  int version = 0;
  std::string_view name;  // the file name without .sql, e.g. 0001_parking_store
  std::string_view sql;
};

// Returns every migration, in version order.
const std::vector<SchemaMigration>& schema_migrations();

// Returns the version that the last migration creates.
int latest_schema_version();

// Returns the database's schema version: 0 when pitstop_schema_version does
// not exist yet.
int read_schema_version(pqxx::connection& connection);

struct SchemaMigrationResult {
  int from_version = 0;
  int to_version = 0;
};

// Applies every migration newer than the database's version, each in its own
// transaction, while holding an advisory lock so that several processes
// starting at once apply each migration exactly once. Running it again
// changes nothing. Throws DatabaseError when a migration fails (naming it;
// earlier ones stay applied), when a file does not record its version, or
// when the database is newer than this binary.
SchemaMigrationResult migrate_schema(pqxx::connection& connection);

// Throws DatabaseError unless the database has exactly the latest schema version.
void require_latest_schema(pqxx::connection& connection);

}  // namespace pitstop
