#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

#include "refresh/cron_schedule.hpp"

namespace pitstop {

// Whether a server refreshes the parking data as soon as it starts.
enum class RefreshAtStart {
  Auto,    // only when the live set is empty, e.g. on a new database
  Always,
  Never,
};

// Parses "auto", "always" or "never". Throws InputError naming the value.
RefreshAtStart parse_refresh_at_start(std::string_view text);

// Throws InputError when the schedule matches no time within 5 years in the
// zone, e.g. "0 3 30 2 *".
void check_schedule_matches(const CronSchedule& schedule, const date::time_zone& zone);

struct RefreshScheduleSettings {
  std::optional<CronSchedule> schedule;  // nothing: no scheduled refresh
  const date::time_zone* time_zone = nullptr;
  RefreshAtStart at_start = RefreshAtStart::Auto;
  // A failed run is retried after first_retry_delay, then after twice as long
  // each time up to max_retry_delay, until the next scheduled run is due.
  std::chrono::system_clock::duration first_retry_delay = std::chrono::minutes(5);
  std::chrono::system_clock::duration max_retry_delay = std::chrono::hours(6);
};

// Runs parking refreshes on a background thread: once at start when the
// settings ask for it, then at every time the cron schedule matches in its
// time zone. Runs never overlap within one process; across processes the
// refresh job's advisory lock lets only one run at a time.
class RefreshScheduler {
 public:
  // `is_live_set_empty` blocks until the database is reachable and returns
  // whether the live set is empty, or nothing when stop() interrupted it.
  // `run_refresh` runs one refresh and returns false when it failed and
  // should be retried; an exception it throws counts as a failure.
  RefreshScheduler(RefreshScheduleSettings settings, std::function<std::optional<bool>()> is_live_set_empty,
                   std::function<bool()> run_refresh);
  ~RefreshScheduler();
  RefreshScheduler(const RefreshScheduler&) = delete;
  RefreshScheduler& operator=(const RefreshScheduler&) = delete;

  void start();
  // Stops waiting and joins the thread; a refresh that is running finishes first.
  void stop();

 private:
  void run();
  void run_at_start();
  // Runs a refresh, retrying a failed one with growing delays until it
  // succeeds, `give_up_at` passes or stop() is called.
  void run_with_retries(std::chrono::system_clock::time_point give_up_at);
  bool run_once();
  // The next scheduled time after now, or the far future without a schedule.
  std::chrono::system_clock::time_point next_scheduled_or_never() const;
  // Waits until `when` or stop(); returns false when stopped.
  bool wait_until(std::chrono::system_clock::time_point when);

  RefreshScheduleSettings settings_;
  std::function<std::optional<bool>()> is_live_set_empty_;
  std::function<bool()> run_refresh_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace pitstop
