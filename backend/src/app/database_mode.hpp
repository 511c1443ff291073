#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "app/database_parking_feed.hpp"
#include "app/pitstop_data.hpp"
#include "refresh/database_refresh.hpp"
#include "refresh/parking_sources.hpp"
#include "refresh/refresh_scheduler.hpp"
#include "store/database_settings.hpp"

namespace pitstop {

// Everything a server in database mode needs, checked before any data loads.
struct DatabaseModeSettings {
  DatabaseFeedSettings feed;
  RefreshScheduleSettings schedule;
  std::vector<ParkingSource> sources;
  ParkingSourceInputs source_inputs;
  DatabaseRefreshOptions refresh;
};

// The settings as the serve command takes them, in text form.
struct DatabaseModeOptions {
  DatabaseSettings database;
  bool skip_migrations = false;
  std::string refresh_schedule = "0 3 1 * *";  // cron, or "off"
  std::string refresh_time_zone = "Asia/Singapore";
  std::string refresh_on_start = "auto";  // auto, always or never
  std::string refresh_sources;   // empty: default_parking_sources
  double refresh_min_fraction = 0.5;
};

// Checks and converts the options. Throws InputError (or DatabaseError for a
// bad password file) naming the bad value.
DatabaseModeSettings make_database_mode_settings(const DatabaseModeOptions& options, ParkingSourceInputs inputs);

// A server's database mode: the feed that keeps the parking snapshot in step
// with PostgreSQL and the scheduler that runs refreshes.
class DatabaseMode {
 public:
  DatabaseMode(PitStopData& data, DatabaseModeSettings settings);
  ~DatabaseMode();

  void start();
  // Stops the feed, then the scheduler. A running refresh is cancelled between
  // two DataMall requests or while it waits for the database, and otherwise
  // finishes first.
  void stop();

  // Returns why the server is not ready, or "" when it is.
  std::string not_ready_reason() const { return feed_.not_ready_reason(); }

 private:
  // Returns false when the run failed or was rejected, so that it is retried.
  bool run_refresh();

  DatabaseModeSettings settings_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> refreshing_{false};
  DatabaseParkingFeed feed_;
  RefreshScheduler scheduler_;
};

}  // namespace pitstop
