#include "refresh/database_refresh.hpp"

#include <optional>
#include <string_view>

#include <fmt/format.h>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "geo/errors.hpp"
#include "store/advisory_lock.hpp"
#include "store/connection_watchdog.hpp"
#include "store/database_error.hpp"
#include "store/parking_store.hpp"
#include "store/schema_migrations.hpp"

namespace pitstop {
namespace {

// A result that must not replace the live set.
class RefreshRejected : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

void check_result_size(std::size_t fetched, std::size_t live, double min_fraction) {
  if (fetched == 0) throw RefreshRejected("the sources returned no parking spot, so nothing changed");
  const double minimum = min_fraction * static_cast<double>(live);
  if (static_cast<double>(fetched) < minimum) {
    throw RefreshRejected(fmt::format(
        "the sources returned {} spots, fewer than {:.0f}% of the {} live ones, so nothing changed "
        "(lower --min-fraction to accept a smaller result)",
        fetched, min_fraction * 100.0, live));
  }
}

// The refresh's connection and the watchdog that bounds each of its steps.
struct RefreshSession {
  pqxx::connection& connection;
  ConnectionWatchdog& watchdog;
  const DatabaseRefreshOptions& options;

  // Arms the deadline for a bookkeeping step, which waits at most for a lock.
  void start_step(std::string_view step) {
    watchdog.arm(connection, std::chrono::seconds(options.lock_timeout_s + options.response_grace_s), step);
  }
  // Arms the deadline for the transaction that replaces the live set.
  void start_replacement() {
    watchdog.arm(connection, std::chrono::seconds(options.statement_timeout_s + options.response_grace_s),
                 "the replacement of the parking spots");
  }
};

void record_end(RefreshSession& session, DatabaseRefreshReport& report, RefreshOutcome outcome,
                DatabaseRefreshStatus status, const std::string& message) {
  report.status = status;
  report.message = message;
  session.start_step("the record of the refresh outcome");
  pqxx::work transaction(session.connection);
  finish_refresh_run(transaction, report.run_id, outcome, report.counts, message);
  transaction.commit();
  spdlog::warn("refresh: run {} {}: {}", report.run_id, to_string(outcome), message);
}

void replace_and_commit(RefreshSession& session, const ParkingLoadResult& load, DatabaseRefreshReport& report) {
  session.start_replacement();
  pqxx::work transaction(session.connection);
  const ParkingReplaceCounts replaced = replace_parking_spots(transaction, load.spots);
  report.counts.inserted = replaced.inserted;
  report.counts.updated = replaced.updated;
  report.counts.removed = replaced.removed;
  report.unchanged = replaced.unchanged;
  finish_refresh_run(transaction, report.run_id, RefreshOutcome::Succeeded, report.counts, "");
  transaction.exec_params("SELECT pg_notify($1, $2)", std::string(kParkingChangedChannel),
                          std::to_string(report.run_id));
  transaction.commit();
  report.status = DatabaseRefreshStatus::Succeeded;
  spdlog::info("refresh: run {} succeeded: {} spots fetched, {} inserted, {} updated, {} unchanged, {} removed, "
               "{} records rejected",
               report.run_id, report.counts.fetched, replaced.inserted, replaced.updated, replaced.unchanged,
               replaced.removed, report.counts.rejected);
}

void fetch_and_replace(RefreshSession& session, const ParkingFetch& fetch, DatabaseRefreshReport& report) {
  ParkingLoadResult load;
  // The connection stays idle while the fetch runs, which may take minutes.
  session.watchdog.disarm();
  try {
    load = fetch();
  } catch (const std::exception& error) {
    record_end(session, report, RefreshOutcome::Failed, DatabaseRefreshStatus::Failed,
               fmt::format("fetching failed, so nothing changed: {}", error.what()));
    return;
  }
  report.counts.fetched = load.spots.size();
  report.counts.rejected = load.rejected.size();

  try {
    session.start_step("the count of live parking spots");
    check_result_size(load.spots.size(), count_parking_spots(session.connection),
                      session.options.min_fraction_of_current);
  } catch (const RefreshRejected& error) {
    record_end(session, report, RefreshOutcome::Rejected, DatabaseRefreshStatus::Rejected, error.what());
    return;
  }

  replace_and_commit(session, load, report);
}

void set_timeouts(pqxx::connection& connection, const DatabaseRefreshOptions& options) {
  pqxx::nontransaction statement(connection);
  statement.exec(fmt::format("SET lock_timeout = '{}s'; SET statement_timeout = '{}s'; "
                             "SET idle_in_transaction_session_timeout = '{}s'",
                             options.lock_timeout_s, options.statement_timeout_s, options.statement_timeout_s));
}

// Records a database failure in the middle of a run, when the connection still works.
void record_database_failure(RefreshSession& session, DatabaseRefreshReport& report, const std::string& what) {
  if (report.run_id == 0) return;
  try {
    record_end(session, report, RefreshOutcome::Failed, DatabaseRefreshStatus::Failed,
               fmt::format("a database statement failed, so nothing changed: {}", what));
  } catch (const std::exception& error) {
    spdlog::warn("refresh: run {} failed and its outcome could not be recorded: {}", report.run_id,
                 one_line(error.what()));
  }
}

}  // namespace

DatabaseRefreshReport run_database_refresh(const std::string& connection_string, const ParkingFetch& fetch,
                                           const DatabaseRefreshOptions& options) {
  if (!(options.min_fraction_of_current >= 0.0 && options.min_fraction_of_current <= 1.0)) {
    throw InputError(fmt::format("invalid minimum fraction {}: use a share from 0 to 1",
                                 options.min_fraction_of_current));
  }
  DatabaseRefreshReport report;
  std::unique_ptr<pqxx::connection> connection;
  // Declared after the connection, so that it is disarmed and stopped before the connection closes.
  ConnectionWatchdog watchdog(options.cancelled);
  std::optional<RefreshSession> session;
  try {
    // libpq's connect_timeout bounds the connection attempt itself.
    connection = std::make_unique<pqxx::connection>(connection_string);
    session.emplace(RefreshSession{*connection, watchdog, options});
    session->start_step("the refresh's schema check");
    require_latest_schema(*connection);
    set_timeouts(*connection, options);

    session->start_step("the refresh lock");
    // The lock's destructor releases it under the deadline of the last step started.
    SessionAdvisoryLock lock(*connection, kParkingRefreshLockKey, false);
    if (!lock.held()) {
      report.status = DatabaseRefreshStatus::Skipped;
      report.message = "another PitStop process is refreshing the parking data now";
      spdlog::info("refresh: skipped, because {}", report.message);
      return report;
    }

    session->start_step("the record of interrupted refresh runs");
    const std::size_t interrupted = mark_interrupted_refresh_runs(*connection);
    if (interrupted > 0) spdlog::warn("refresh: marked {} unfinished earlier runs as interrupted", interrupted);

    report.run_id = start_refresh_run(*connection, options.source_label);
    spdlog::info("refresh: run {} started from {}", report.run_id, options.source_label);
    fetch_and_replace(*session, fetch, report);
    session->start_step("the release of the refresh lock");
  } catch (const pqxx::broken_connection& error) {
    const std::string reason =
        watchdog.expired() ? "the database did not respond in time, or the process is stopping" : one_line(error.what());
    throw DatabaseError(fmt::format("the database connection failed{}, so nothing changed: {}",
                                    report.run_id > 0 ? fmt::format(" during refresh run {}", report.run_id) : "",
                                    reason));
  } catch (const pqxx::in_doubt_error& error) {
    throw DatabaseError(fmt::format("the connection failed while refresh run {} committed, so it is unknown whether "
                                    "the new set was stored (pitstop db status shows it): {}",
                                    report.run_id, one_line(error.what())));
  } catch (const pqxx::failure& error) {
    if (session) record_database_failure(*session, report, one_line(error.what()));
    throw DatabaseError(fmt::format("a database statement failed{}, so nothing changed: {}",
                                    report.run_id > 0 ? fmt::format(" during refresh run {}", report.run_id) : "",
                                    one_line(error.what())));
  }
  return report;
}

}  // namespace pitstop
