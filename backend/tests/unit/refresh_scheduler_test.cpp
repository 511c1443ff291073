#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "geo/errors.hpp"
#include "refresh/refresh_scheduler.hpp"

namespace pitstop {
namespace {

using namespace std::chrono_literals;

RefreshScheduleSettings quick_retries(RefreshAtStart at_start) {
  RefreshScheduleSettings settings;
  settings.time_zone = &find_time_zone("Asia/Singapore");
  settings.at_start = at_start;
  settings.first_retry_delay = 10ms;
  settings.max_retry_delay = 40ms;
  return settings;
}

// Waits up to 5 s for the counter to reach `expected`.
bool wait_for_count(const std::atomic<int>& counter, int expected) {
  for (int i = 0; i < 500 && counter < expected; ++i) std::this_thread::sleep_for(10ms);
  return counter >= expected;
}

TEST(RefreshScheduler, RetriesFailedStartRefresh) {
  std::atomic<int> runs{0};
  RefreshScheduler scheduler(
      quick_retries(RefreshAtStart::Auto), [] { return std::optional<bool>(true); },
      [&runs] { return ++runs >= 3; });
  scheduler.start();
  ASSERT_TRUE(wait_for_count(runs, 3));
  std::this_thread::sleep_for(100ms);
  scheduler.stop();
  EXPECT_EQ(runs, 3);
}

TEST(RefreshScheduler, ThrowingRefreshCountsAsFailure) {
  std::atomic<int> runs{0};
  RefreshScheduler scheduler(
      quick_retries(RefreshAtStart::Always), [] { return std::optional<bool>(false); },
      [&runs]() -> bool {
        if (++runs == 1) throw std::runtime_error("connection lost while committing");
        return true;
      });
  scheduler.start();
  ASSERT_TRUE(wait_for_count(runs, 2));
  scheduler.stop();
  EXPECT_EQ(runs, 2);
}

TEST(RefreshScheduler, AutoSkipsWhenSpotsPresent) {
  std::atomic<int> runs{0};
  RefreshScheduler scheduler(
      quick_retries(RefreshAtStart::Auto), [] { return std::optional<bool>(false); },
      [&runs] { return ++runs > 0; });
  scheduler.start();
  std::this_thread::sleep_for(100ms);
  scheduler.stop();
  EXPECT_EQ(runs, 0);
}

TEST(RefreshScheduler, StopEndsRetries) {
  std::atomic<int> runs{0};
  RefreshScheduleSettings settings = quick_retries(RefreshAtStart::Always);
  settings.first_retry_delay = std::chrono::hours(1);
  RefreshScheduler scheduler(settings, [] { return std::optional<bool>(true); }, [&runs] { return ++runs < 0; });
  scheduler.start();
  ASSERT_TRUE(wait_for_count(runs, 1));
  const auto stop_started = std::chrono::steady_clock::now();
  scheduler.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - stop_started, 5s);
  EXPECT_EQ(runs, 1);
}

TEST(RefreshScheduler, ImpossibleScheduleRejected) {
  EXPECT_THROW(check_schedule_matches(CronSchedule::parse("0 3 30 2 *"), find_time_zone("Asia/Singapore")),
               InputError);
  EXPECT_NO_THROW(check_schedule_matches(CronSchedule::parse("0 3 1 * *"), find_time_zone("Asia/Singapore")));
}

}  // namespace
}  // namespace pitstop
