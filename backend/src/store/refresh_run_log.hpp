#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <pqxx/pqxx>

namespace pitstop {

// The end states of a row in refresh_runs ('running' is the state in between).
enum class RefreshOutcome { Succeeded, Failed, Rejected };

std::string_view to_string(RefreshOutcome outcome);

struct RefreshRunCounts {
  std::size_t fetched = 0;   // spots after validation and de-duplication
  std::size_t inserted = 0;
  std::size_t updated = 0;
  std::size_t removed = 0;
  std::size_t rejected = 0;  // records that failed validation
};

// Inserts a 'running' row for a refresh from `source` and commits it, so that
// a run killed later still leaves a trace. Returns its id.
std::int64_t start_refresh_run(pqxx::connection& connection, std::string_view source);

// Sets the run's outcome, counts, error message and finished_at inside the
// caller's transaction.
void finish_refresh_run(pqxx::transaction_base& transaction, std::int64_t run_id, RefreshOutcome outcome,
                        const RefreshRunCounts& counts, std::string_view error_message);

// Marks every 'running' row as 'interrupted'. Call it only while holding the
// refresh lock, when no run can be in progress. Returns the number marked.
std::size_t mark_interrupted_refresh_runs(pqxx::connection& connection);

// Returns the id of the latest successful run, or 0 when there is none.
std::int64_t latest_successful_refresh_run(pqxx::connection& connection);

// Returns when the run finished, or nothing for an unknown or unfinished run.
std::optional<std::chrono::system_clock::time_point> refresh_run_finished_at(pqxx::connection& connection,
                                                                             std::int64_t run_id);

}  // namespace pitstop
