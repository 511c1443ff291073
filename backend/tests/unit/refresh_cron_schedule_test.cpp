#include <chrono>
#include <string>

#include <date/tz.h>
#include <gtest/gtest.h>

#include "geo/errors.hpp"
#include "refresh/cron_schedule.hpp"

namespace pitstop {
namespace {

using std::chrono::system_clock;

// Returns the UTC time for a local wall-clock time in Asia/Singapore (UTC+8 since 1982).
system_clock::time_point singapore(int year, unsigned month, unsigned day, int hour, int minute) {
  const date::local_days local_day{date::year{year} / date::month{month} / date::day{day}};
  const auto local = local_day + std::chrono::hours(hour) + std::chrono::minutes(minute);
  return date::locate_zone("Asia/Singapore")->to_sys(local);
}

std::string format_singapore(system_clock::time_point when) {
  const auto local = date::locate_zone("Asia/Singapore")->to_local(std::chrono::floor<std::chrono::minutes>(when));
  return date::format("%Y-%m-%d %H:%M %a", local);
}

std::string next_run(const std::string& expression, system_clock::time_point after,
                     const std::string& zone = "Asia/Singapore") {
  const auto next = CronSchedule::parse(expression).next_after(after, find_time_zone(zone));
  return format_singapore(next);
}

TEST(RefreshCronSchedule, MonthlyDefaultInSingapore) {
  EXPECT_EQ(next_run("0 3 1 * *", singapore(2026, 12, 4, 23, 0)), "2027-01-01 03:00 Fri");
  EXPECT_EQ(next_run("0 3 1 * *", singapore(2027, 1, 1, 2, 59)), "2027-01-01 03:00 Fri");
}

TEST(RefreshCronSchedule, StrictlyAfterGivenTime) {
  EXPECT_EQ(next_run("0 3 1 * *", singapore(2027, 1, 1, 3, 0)), "2027-02-01 03:00 Mon");
  EXPECT_EQ(next_run("* * * * *", singapore(2027, 1, 1, 3, 0) + std::chrono::seconds(59)), "2027-01-01 03:01 Fri");
}

TEST(RefreshCronSchedule, SingaporeIsEightHoursAheadOfUtc) {
  const auto next = CronSchedule::parse("0 3 1 * *").next_after(singapore(2026, 12, 4, 23, 0),
                                                                 find_time_zone("Asia/Singapore"));
  const auto utc = date::format("%Y-%m-%d %H:%M", std::chrono::floor<std::chrono::minutes>(next));
  EXPECT_EQ(utc, "2026-12-31 19:00");
}

TEST(RefreshCronSchedule, OtherZoneGivesOtherInstant) {
  // 03:00 in Europe/London on 1 January is 11:00 in Singapore.
  EXPECT_EQ(next_run("0 3 1 * *", singapore(2026, 12, 4, 23, 0), "Europe/London"), "2027-01-01 11:00 Fri");
}

TEST(RefreshCronSchedule, StepsRangesAndLists) {
  EXPECT_EQ(next_run("*/15 * * * *", singapore(2027, 3, 10, 8, 1)), "2027-03-10 08:15 Wed");
  EXPECT_EQ(next_run("30 9-17/4 * * *", singapore(2027, 3, 10, 13, 31)), "2027-03-10 17:30 Wed");
  EXPECT_EQ(next_run("0 0 1,15 * *", singapore(2027, 3, 2, 0, 0)), "2027-03-15 00:00 Mon");
}

TEST(RefreshCronSchedule, NamesAndSundayAsSeven) {
  EXPECT_EQ(next_run("0 4 * jun sun", singapore(2027, 1, 1, 0, 0)), "2027-06-06 04:00 Sun");
  EXPECT_EQ(next_run("0 4 * * 7", singapore(2027, 1, 1, 0, 0)), "2027-01-03 04:00 Sun");
  EXPECT_EQ(next_run("0 4 * * MON-FRI", singapore(2027, 1, 2, 0, 0)), "2027-01-04 04:00 Mon");
}

TEST(RefreshCronSchedule, EitherDayFieldMatchesWhenBothSet) {
  // The 13th, or any Friday: Friday 8 January comes first.
  EXPECT_EQ(next_run("0 0 13 * 5", singapore(2027, 1, 5, 0, 0)), "2027-01-08 00:00 Fri");
}

TEST(RefreshCronSchedule, LeapDay) {
  EXPECT_EQ(next_run("0 0 29 2 *", singapore(2027, 1, 1, 0, 0)), "2028-02-29 00:00 Tue");
}

TEST(RefreshCronSchedule, Macros) {
  EXPECT_EQ(next_run("@monthly", singapore(2027, 1, 5, 0, 0)), "2027-02-01 00:00 Mon");
  EXPECT_EQ(next_run("@daily", singapore(2027, 1, 5, 0, 0)), "2027-01-06 00:00 Wed");
}

TEST(RefreshCronSchedule, SkipsTimeMissingInDaylightSavingGap) {
  // New York skipped 02:00-02:59 on 14 March 2027; the next 02:30 is on 15 March.
  const auto next = CronSchedule::parse("30 2 * * *")
                        .next_after(date::locate_zone("America/New_York")->to_sys(
                                        date::local_days{date::year{2027} / 3 / 14} + std::chrono::hours(1)),
                                    find_time_zone("America/New_York"));
  const auto local = date::locate_zone("America/New_York")->to_local(std::chrono::floor<std::chrono::minutes>(next));
  EXPECT_EQ(date::format("%Y-%m-%d %H:%M", local), "2027-03-15 02:30");
}

TEST(RefreshCronSchedule, ImpossibleDateThrows) {
  const CronSchedule schedule = CronSchedule::parse("0 0 31 2 *");
  EXPECT_THROW(schedule.next_after(singapore(2027, 1, 1, 0, 0), find_time_zone("Asia/Singapore")),
               std::runtime_error);
}

struct BadExpression {
  const char* expression;
  const char* message;
};

class RefreshCronScheduleBad : public ::testing::TestWithParam<BadExpression> {};

TEST_P(RefreshCronScheduleBad, RejectedWithReason) {
  try {
    CronSchedule::parse(GetParam().expression);
    FAIL() << "accepted '" << GetParam().expression << "'";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(GetParam().message), std::string::npos) << error.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RefreshCronScheduleBad,
    ::testing::Values(BadExpression{"", "it has 0 fields"}, BadExpression{"0 3 1 *", "it has 4 fields"},
                      BadExpression{"0 3 1 * * *", "it has 6 fields"},
                      BadExpression{"60 3 1 * *", "minute field '60' contains 60, outside 0..59"},
                      BadExpression{"0 24 1 * *", "hour field '24' contains 24, outside 0..23"},
                      BadExpression{"0 3 0 * *", "day-of-month field '0' contains 0, outside 1..31"},
                      BadExpression{"0 3 1 13 *", "month field '13' contains 13, outside 1..12"},
                      BadExpression{"0 3 1 * 8", "day-of-week field '8' contains 8, outside 0..7"},
                      BadExpression{"0 3 1 * xyz", "contains 'xyz', which is not a number"},
                      BadExpression{"*/0 * * * *", "contains 0, outside 1..60"},
                      BadExpression{"5-1 * * * *", "range whose end is before its start"},
                      BadExpression{"1-2-3 * * * *", "more than one '-'"},
                      BadExpression{"*/2/3 * * * *", "more than one '/'"},
                      BadExpression{"1,,2 * * * *", "contains '', which is not a number"},
                      BadExpression{"@sometimes", "it has 1 fields"}));

TEST(RefreshTimeZone, UnknownZoneNamed) {
  try {
    find_time_zone("Mars/Olympus_Mons");
    FAIL() << "accepted an unknown zone";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("unknown time zone 'Mars/Olympus_Mons'"), std::string::npos);
  }
}

}  // namespace
}  // namespace pitstop
