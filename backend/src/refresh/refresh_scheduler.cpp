#include "refresh/refresh_scheduler.hpp"

#include <date/tz.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "geo/errors.hpp"

namespace pitstop {
namespace {

std::string format_local(std::chrono::system_clock::time_point when, const date::time_zone& zone) {
  const auto local = zone.to_local(std::chrono::floor<std::chrono::seconds>(when));
  return date::format("%Y-%m-%d %H:%M", local) + " " + zone.name();
}

}  // namespace

RefreshAtStart parse_refresh_at_start(std::string_view text) {
  if (text == "auto") return RefreshAtStart::Auto;
  if (text == "always") return RefreshAtStart::Always;
  if (text == "never") return RefreshAtStart::Never;
  throw InputError(fmt::format("invalid refresh-at-start value '{}': use auto (only when there are no parking "
                               "spots), always or never",
                               text));
}

void check_schedule_matches(const CronSchedule& schedule, const date::time_zone& zone) {
  try {
    schedule.next_after(std::chrono::system_clock::now(), zone);
  } catch (const std::runtime_error& error) {
    throw InputError(error.what());
  }
}

RefreshScheduler::RefreshScheduler(RefreshScheduleSettings settings,
                                   std::function<std::optional<bool>()> is_live_set_empty,
                                   std::function<bool()> run_refresh)
    : settings_(std::move(settings)),
      is_live_set_empty_(std::move(is_live_set_empty)),
      run_refresh_(std::move(run_refresh)) {}

RefreshScheduler::~RefreshScheduler() { stop(); }

void RefreshScheduler::start() { thread_ = std::thread([this] { run(); }); }

void RefreshScheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool RefreshScheduler::wait_until(std::chrono::system_clock::time_point when) {
  std::unique_lock lock(mutex_);
  wake_.wait_until(lock, when, [this] { return stopping_; });
  return !stopping_;
}

bool RefreshScheduler::run_once() {
  try {
    return run_refresh_();
  } catch (const std::exception& error) {
    spdlog::error("schedule: the parking refresh failed: {}", error.what());
    return false;
  }
}

void RefreshScheduler::run_with_retries(std::chrono::system_clock::time_point give_up_at) {
  auto delay = settings_.first_retry_delay;
  for (int attempt = 1; !run_once(); ++attempt) {
    const auto retry_at = std::chrono::system_clock::now() + delay;
    if (retry_at >= give_up_at) {
      spdlog::warn("schedule: not retrying the failed parking refresh, because the next scheduled one comes first");
      return;
    }
    spdlog::warn("schedule: parking refresh attempt {} failed; retrying in {:.0f} s", attempt,
                 std::chrono::duration<double>(delay).count());
    if (!wait_until(retry_at)) return;
    delay = std::min(delay * 2, settings_.max_retry_delay);
  }
}

void RefreshScheduler::run_at_start() {
  if (settings_.at_start == RefreshAtStart::Never) return;

  // Waiting for the first load also lets this process finish its migrations first.
  const std::optional<bool> empty = is_live_set_empty_();
  if (!empty) return;
  if (settings_.at_start == RefreshAtStart::Auto && !*empty) {
    spdlog::info("schedule: parking spots are present, so no refresh at start");
    return;
  }
  spdlog::info(*empty ? "schedule: no parking spots yet, so refreshing now"
                      : "schedule: refreshing at start, as --refresh-on-start=always asks");
  run_with_retries(next_scheduled_or_never());
}

std::chrono::system_clock::time_point RefreshScheduler::next_scheduled_or_never() const {
  if (!settings_.schedule) return std::chrono::system_clock::time_point::max();
  try {
    return settings_.schedule->next_after(std::chrono::system_clock::now(), *settings_.time_zone);
  } catch (const std::runtime_error&) {
    return std::chrono::system_clock::time_point::max();
  }
}

void RefreshScheduler::run() {
  run_at_start();
  if (!settings_.schedule) {
    spdlog::info("schedule: no scheduled parking refresh (the schedule is off)");
    return;
  }
  const date::time_zone& zone = *settings_.time_zone;
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    std::chrono::system_clock::time_point next;
    try {
      next = settings_.schedule->next_after(std::chrono::system_clock::now(), zone);
    } catch (const std::runtime_error& error) {
      spdlog::error("schedule: no further parking refresh is scheduled: {}", error.what());
      return;
    }
    spdlog::info("schedule: next parking refresh at {} ('{}')", format_local(next, zone),
                 settings_.schedule->expression());
    if (!wait_until(next)) return;
    run_with_retries(next_scheduled_or_never());
  }
}

}  // namespace pitstop
