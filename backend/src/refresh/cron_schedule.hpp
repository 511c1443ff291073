#pragma once

#include <bitset>
#include <chrono>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace pitstop {

// A five-field cron expression (minute hour day-of-month month day-of-week)
// as Vixie cron reads it: numbers, "*", ranges "1-5", steps "*/15" and
// "1-30/2", lists "1,15", and three-letter month and weekday names; Sunday is
// 0 or 7. When both day fields are restricted, a day matching either one
// matches. The macros @yearly, @monthly, @weekly, @daily and @hourly are
// accepted too.
class CronSchedule {
 public:
  // Throws InputError naming the expression and the bad field.
  static CronSchedule parse(std::string_view expression);

  // Returns the first whole minute strictly after `after` whose local time in
  // `zone` matches. A local time that a daylight-saving change skips is
  // skipped too; one that occurs twice fires at its first occurrence. Throws
  // std::runtime_error when no time matches within 5 years (e.g. "0 0 31 2 *").
  std::chrono::system_clock::time_point next_after(std::chrono::system_clock::time_point after,
                                                   const date::time_zone& zone) const;

  const std::string& expression() const { return expression_; }

 private:
  bool matches_day(int month, int day_of_month, int weekday) const;

  std::string expression_;
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_of_month_;  // 1..31
  std::bitset<13> months_;         // 1..12
  std::bitset<7> weekdays_;        // 0 = Sunday
  bool day_of_month_restricted_ = false;
  bool weekday_restricted_ = false;
};

// Returns the IANA time zone, e.g. "Asia/Singapore", from the system's time
// zone database. Throws InputError naming it when it is unknown.
const date::time_zone& find_time_zone(const std::string& name);

}  // namespace pitstop
