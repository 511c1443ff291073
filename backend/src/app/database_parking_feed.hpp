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
#include "store/connection_watchdog.hpp"

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
  // statement_timeout of the feed's session, set after the migrations.
  std::chrono::milliseconds statement_timeout{10000};
  // Client-side limit for each response to the feed (the check, the LISTEN,
  // a read of the spots). It is longer than statement_timeout, so that a
  // server that works responds first with its own error. A server that sends
  // nothing for this long (a frozen host) has its connection closed, and the
  // feed reconnects.
  std::chrono::milliseconds response_timeout{15000};
  // Client-side limit for the schema check or the migrations after connecting.
  std::chrono::milliseconds setup_timeout{120000};
};

// Keeps a server's parking snapshot in step with PostgreSQL on a background
// thread: connects with capped exponential backoff (logging each attempt),
// applies migrations, loads the spots, then LISTENs on
// kParkingChangedChannel and reloads after every committed refresh. When the
// connection drops, or the database does not respond within
// response_timeout, it keeps the loaded snapshot and reconnects.
class DatabaseParkingFeed {
 public:
  DatabaseParkingFeed(PitStopData& data, DatabaseFeedSettings settings);
  ~DatabaseParkingFeed();
  DatabaseParkingFeed(const DatabaseParkingFeed&) = delete;
  DatabaseParkingFeed& operator=(const DatabaseParkingFeed&) = delete;

  void start();
  void stop();

  // Returns why the server is not ready ("" when it is): not connected, no
  // response from the database for longer than poll_interval plus
  // response_timeout, or no parking spots loaded. Never waits for the database.
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
  void set_session_timeouts(pqxx::connection& connection);
  void record_response();
  bool sleep_unless_stopped(std::chrono::milliseconds duration);
  bool stopping() const;

  PitStopData& data_;
  DatabaseFeedSettings settings_;
  std::atomic<bool> connected_{false};
  // steady_clock time of the last successful check or read, for not_ready_reason.
  std::atomic<std::chrono::steady_clock::rep> last_response_{0};
  std::int64_t loaded_run_ = -1;  // latest successful refresh run when the spots were loaded
  std::chrono::milliseconds session_backoff_{0};

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::optional<std::size_t> loaded_spots_;  // set after the first load
  std::thread thread_;
  // Declared last, so that it is destroyed first: its thread calls stopping().
  ConnectionWatchdog watchdog_{[this] { return stopping(); }};
};

}  // namespace pitstop
