#include "store/advisory_lock.hpp"

#include <spdlog/spdlog.h>

namespace pitstop {

SessionAdvisoryLock::SessionAdvisoryLock(pqxx::connection& connection, std::int64_t key, bool wait)
    : connection_(connection), key_(key) {
  pqxx::nontransaction statement(connection_);
  if (wait) {
    statement.exec_params("SELECT pg_advisory_lock($1)", key_);
    held_ = true;
  } else {
    held_ = statement.exec_params1("SELECT pg_try_advisory_lock($1)", key_)[0].as<bool>();
  }
}

SessionAdvisoryLock::~SessionAdvisoryLock() {
  if (!held_) return;
  try {
    pqxx::nontransaction statement(connection_);
    statement.exec_params("SELECT pg_advisory_unlock($1)", key_);
  } catch (const std::exception& error) {
    // The session ends with the broken connection, and its locks with it.
    spdlog::debug("database: advisory lock {} not released explicitly: {}", key_, error.what());
  }
}

}  // namespace pitstop
