#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <pqxx/pqxx>

#include "app/pitstop_data.hpp"

namespace pitstop {

struct DatabaseFeedSettings {
  std::string connection_string;  // contains the password: never log it
  std::string redacted_url;       // for logs
  bool migrate = true;            // apply pending schema migrations after connecting
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{30000};
  // How often the feed checks the connection and the latest refresh run, in
  // case a notification was missed.
  std::chrono::milliseconds poll_interval{5000};
};

// Keeps a server's parking snapshot in step with PostgreSQL on a background
// thread: connects with capped exponential backoff (logging each attempt),
// applies migrations, loads the spots, then LISTENs on
// kParkingChangedChannel and reloads after every committed refresh. When the
// connection drops it keeps the loaded snapshot and reconnects.
class DatabaseParkingFeed {
 public:
  DatabaseParkingFeed(PitStopData& data, DatabaseFeedSettings settings);
  ~DatabaseParkingFeed();
  DatabaseParkingFeed(const DatabaseParkingFeed&) = delete;
  DatabaseParkingFeed& operator=(const DatabaseParkingFeed&) = delete;

  void start();
  void stop();

  // Returns why the server is not ready ("" when it is): not connected, or no
  // parking spots loaded.
  std::string not_ready_reason() const;

  // Waits until the feed has connected and loaded the spots once; returns the
  // number of spots then, or nothing when stop() came first.
  std::optional<std::size_t> wait_until_loaded();

 private:
  void run();
  bool connect_with_backoff(std::unique_ptr<pqxx::connection>& connection);
  // Waits before the next connection attempt: the delay grows while sessions
  // keep failing soon after connecting, so a broken table cannot cause a
  // reconnect storm. Returns false when stopped.
  bool wait_after_failed_session(std::chrono::steady_clock::duration session_length);
  void follow_changes(pqxx::connection& connection);
  void reload(pqxx::connection& connection);
  bool sleep_unless_stopped(std::chrono::milliseconds duration);
  bool stopping() const;

  PitStopData& data_;
  DatabaseFeedSettings settings_;
  std::atomic<bool> connected_{false};
  std::int64_t loaded_run_ = -1;  // latest successful refresh run when the spots were loaded
  std::chrono::milliseconds session_backoff_{0};

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::optional<std::size_t> loaded_spots_;  // set after the first load
  std::thread thread_;
};

}  // namespace pitstop
