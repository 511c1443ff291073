#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "parking/parking_spot.hpp"
#include "store/refresh_run_log.hpp"

namespace pitstop {

struct DatabaseRefreshOptions {
  // Recorded in refresh_runs.source, e.g. "datamall,osm".
  std::string source_label;
  // A result with fewer spots than this share (0 to 1) of the live set is
  // rejected, so that a partial fetch never replaces a complete set.
  double min_fraction_of_current = 0.5;
  // Limits for the refresh's own statements, so that a lock held elsewhere
  // cannot keep the refresh lock taken forever.
  int lock_timeout_s = 60;
  int statement_timeout_s = 600;
  // Client-side limits for a server that sends nothing (a frozen host). Each
  // database step may take lock_timeout_s plus this, and the replacement
  // transaction statement_timeout_s plus this, before the connection is
  // closed. A server that works responds first with its own timeout error.
  int response_grace_s = 30;
  // Checked every 200 ms while the refresh waits for the database. When it
  // returns true, the step under way gets at most 2 s more before the
  // connection is closed, so that a stopping server does not wait for a
  // frozen database. Empty: never cancelled.
  std::function<bool()> cancelled;
};

enum class DatabaseRefreshStatus {
  Succeeded,
  Rejected,  // the result looked wrong; nothing changed
  Failed,    // the fetch or the database failed; nothing changed
  Skipped,   // another process holds the refresh lock and is refreshing now
};

struct DatabaseRefreshReport {
  DatabaseRefreshStatus status = DatabaseRefreshStatus::Failed;
  std::int64_t run_id = 0;  // 0 when skipped
  RefreshRunCounts counts;
  std::size_t unchanged = 0;  // kept spots whose fields did not change
  std::string message;  // why it was rejected or failed
};

// Returns the spots of one fetch; throws on failure.
using ParkingFetch = std::function<ParkingLoadResult()>;

// Runs one parking refresh against the database:
// 1. takes the refresh advisory lock, or returns Skipped when another process has it;
// 2. marks runs left 'running' by a killed process as 'interrupted';
// 3. records a 'running' row in refresh_runs;
// 4. fetches, then rejects an empty result or one smaller than
//    min_fraction_of_current of the live set;
// 5. in one transaction replaces the live set (replace_parking_spots), marks
//    the run 'succeeded' and sends NOTIFY on kParkingChangedChannel.
// A fetch that throws, or a rejected result, leaves parking_spots untouched
// and records the outcome and message. A process killed at any point leaves
// the old set or the new one, never a mix. Throws InputError for a fraction
// outside 0..1, and DatabaseError when the database cannot be reached, does
// not respond within the limits above, the schema is not the latest, or a
// statement fails (then the run is recorded as failed when the connection
// still works).
DatabaseRefreshReport run_database_refresh(const std::string& connection_string, const ParkingFetch& fetch,
                                           const DatabaseRefreshOptions& options);

}  // namespace pitstop
