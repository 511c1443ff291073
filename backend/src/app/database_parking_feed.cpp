#include "app/database_parking_feed.hpp"

#include <fmt/format.h>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "store/database_error.hpp"
#include "store/parking_store.hpp"
#include "store/refresh_run_log.hpp"
#include "store/schema_migrations.hpp"

namespace pitstop {
namespace {

// Sets a flag when a refresh commits on any PitStop process.
class ParkingChangeReceiver : public pqxx::notification_receiver {
 public:
  ParkingChangeReceiver(pqxx::connection& connection, bool& changed)
      : pqxx::notification_receiver(connection, kParkingChangedChannel), changed_(changed) {}

  void operator()(const std::string& payload, int) override {
    spdlog::info("database: refresh run {} committed; reloading parking spots", payload);
    changed_ = true;
  }

 private:
  bool& changed_;
};

// Slack for the feed's own pauses, above all the 1 s wait for a notification,
// before a missing response makes the server not ready.
constexpr std::chrono::seconds kResponseAgeSlack{2};

double to_seconds(std::chrono::steady_clock::duration duration) {
  return std::chrono::duration<double>(duration).count();
}

}  // namespace

DatabaseParkingFeed::DatabaseParkingFeed(PitStopData& data, DatabaseFeedSettings settings)
    : data_(data), settings_(std::move(settings)) {}

DatabaseParkingFeed::~DatabaseParkingFeed() { stop(); }

void DatabaseParkingFeed::start() { thread_ = std::thread([this] { run(); }); }

void DatabaseParkingFeed::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool DatabaseParkingFeed::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

bool DatabaseParkingFeed::sleep_unless_stopped(std::chrono::milliseconds duration) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, duration, [this] { return stopping_; });
}

std::string DatabaseParkingFeed::not_ready_reason() const {
  if (!connected_) {
    std::lock_guard lock(mutex_);
    return loaded_spots_ ? "the database connection is lost, so plans use the parking data loaded before; the "
                           "server is reconnecting"
                         : "waiting for the database; the server retries by itself";
  }
  const auto response_age = std::chrono::steady_clock::now() -
                          std::chrono::steady_clock::time_point(std::chrono::steady_clock::duration(last_response_));
  if (response_age > settings_.poll_interval + settings_.response_timeout + kResponseAgeSlack) {
    return fmt::format("the database has not responded for {:.0f} s, so plans use the parking data loaded before; "
                       "the server closes the connection and reconnects",
                       to_seconds(response_age));
  }
  const auto parking = data_.parking();
  if (!parking) return "loading parking spots from the database; retry shortly";
  if (parking->parking->spots().empty()) {
    return "the database has no parking spots yet; wait for the refresh at start or run `pitstop refresh`";
  }
  return "";
}

std::optional<std::size_t> DatabaseParkingFeed::wait_until_loaded() {
  std::unique_lock lock(mutex_);
  wake_.wait(lock, [this] { return stopping_ || loaded_spots_.has_value(); });
  if (stopping_) return std::nullopt;
  return loaded_spots_;
}

bool DatabaseParkingFeed::connect_with_backoff(std::unique_ptr<pqxx::connection>& connection) {
  auto delay = settings_.initial_backoff;
  for (int attempt = 1;; ++attempt) {
    try {
      // libpq's connect_timeout bounds the connection attempt itself.
      connection = std::make_unique<pqxx::connection>(settings_.connection_string);
      {
        ArmedDeadline deadline(watchdog_, *connection, settings_.setup_timeout,
                               settings_.migrate ? "the schema migration" : "the schema check");
        if (settings_.migrate) {
          migrate_schema(*connection);
        } else {
          require_latest_schema(*connection);
        }
        set_session_timeouts(*connection);
      }
      spdlog::info("database: connected to {} on attempt {}", settings_.redacted_url, attempt);
      return true;
    } catch (const std::exception& error) {
      connection.reset();
      if (stopping()) {
        spdlog::info("database: attempt {} to connect to {} ended because the server is stopping: {}", attempt,
                     settings_.redacted_url, one_line(error.what()));
        return false;
      }
      spdlog::warn("database: attempt {} to connect to {} failed, retrying in {:.1f} s: {}", attempt,
                   settings_.redacted_url, std::chrono::duration<double>(delay).count(), one_line(error.what()));
    }
    if (!sleep_unless_stopped(delay)) return false;
    delay = std::min(delay * 2, settings_.max_backoff);
  }
}

void DatabaseParkingFeed::set_session_timeouts(pqxx::connection& connection) {
  pqxx::nontransaction statement(connection);
  statement.exec(fmt::format("SET statement_timeout = {}", settings_.statement_timeout.count()));
}

void DatabaseParkingFeed::record_response() {
  last_response_ = std::chrono::steady_clock::now().time_since_epoch().count();
}

void DatabaseParkingFeed::reload(pqxx::connection& connection) {
  std::int64_t run = 0;
  ParkingLoadResult load;
  std::optional<std::chrono::system_clock::time_point> finished_at;
  {
    ArmedDeadline deadline(watchdog_, connection, settings_.response_timeout, "the read of the parking spots");
    run = latest_successful_refresh_run(connection);
    load.spots = read_parking_spots(connection);
    finished_at = refresh_run_finished_at(connection, run);
  }
  record_response();
  load.records_read = load.spots.size();
  const std::string origin = run > 0 ? "the database (refresh run " + std::to_string(run) + ")" : "the database";
  const auto data_time = finished_at.value_or(std::chrono::system_clock::now());
  data_.install_parking(make_parking_snapshot(data_, std::move(load), data_time, origin));
  loaded_run_ = run;

  std::lock_guard lock(mutex_);
  loaded_spots_ = data_.parking()->parking->spots().size();
  wake_.notify_all();
}

void DatabaseParkingFeed::follow_changes(pqxx::connection& connection) {
  bool changed = false;
  std::optional<ParkingChangeReceiver> receiver;
  {
    ArmedDeadline deadline(watchdog_, connection, settings_.response_timeout, "the LISTEN for refreshes");
    receiver.emplace(connection, changed);
  }
  // The receiver's destructor sends UNLISTEN, which needs a deadline too.
  const auto stop_listening = [&] {
    ArmedDeadline deadline(watchdog_, connection, settings_.response_timeout, "the UNLISTEN");
    receiver.reset();
  };

  try {
    reload(connection);
    connected_ = true;

    auto next_poll = std::chrono::steady_clock::now() + settings_.poll_interval;
    while (!stopping()) {
      // Waits on the socket for at most 1 s, so no deadline is needed here.
      connection.await_notification(1, 0);
      if (std::chrono::steady_clock::now() >= next_poll) {
        // Also finds a dead connection that sent no notice, and a frozen
        // server that sends nothing (the deadline closes the connection).
        std::int64_t latest = 0;
        {
          ArmedDeadline deadline(watchdog_, connection, settings_.response_timeout,
                                 "the check of the latest refresh run");
          latest = latest_successful_refresh_run(connection);
        }
        record_response();
        next_poll = std::chrono::steady_clock::now() + settings_.poll_interval;
        if (latest != loaded_run_) changed = true;
      }
      if (changed) {
        changed = false;
        reload(connection);
      }
    }
  } catch (...) {
    // The first failure is the one to report: an UNLISTEN on a connection
    // that is already closed fails too, and must not replace it.
    try {
      stop_listening();
    } catch (const std::exception& error) {
      spdlog::debug("database: UNLISTEN after a failure also failed: {}", one_line(error.what()));
    }
    throw;
  }
  stop_listening();
}

bool DatabaseParkingFeed::wait_after_failed_session(std::chrono::steady_clock::duration session_length) {
  // A session that worked for a while resets the delay; one that failed at once doubles it.
  if (session_length > settings_.max_backoff) {
    session_backoff_ = settings_.initial_backoff;
  } else {
    session_backoff_ = std::min(std::max(session_backoff_ * 2, settings_.initial_backoff), settings_.max_backoff);
  }
  return sleep_unless_stopped(session_backoff_);
}

void DatabaseParkingFeed::run() {
  std::unique_ptr<pqxx::connection> connection;
  while (!stopping()) {
    if (!connect_with_backoff(connection)) return;
    const auto session_start = std::chrono::steady_clock::now();
    try {
      follow_changes(*connection);
    } catch (const pqxx::broken_connection& error) {
      connected_ = false;
      if (stopping()) break;
      const auto parking = data_.parking();
      const std::string reason = watchdog_.expired() ? "the database did not respond in time" : one_line(error.what());
      spdlog::error("database: connection to {} lost, reconnecting; serving the {} parking spots loaded before: {}",
                    settings_.redacted_url, parking ? parking->parking->spots().size() : 0, reason);
    } catch (const std::exception& error) {
      const auto parking = data_.parking();
      spdlog::error("database: reading parking spots from {} failed, reconnecting; serving the {} spots loaded "
                    "before: {}",
                    settings_.redacted_url, parking ? parking->parking->spots().size() : 0, one_line(error.what()));
    }
    connected_ = false;
    connection.reset();
    if (!wait_after_failed_session(std::chrono::steady_clock::now() - session_start)) return;
  }
}

}  // namespace pitstop
