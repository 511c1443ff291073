#include "refresh/cron_schedule.hpp"

#include <array>
#include <charconv>
#include <stdexcept>
#include <vector>

#include <date/tz.h>
#include <fmt/format.h>

#include "geo/errors.hpp"

namespace pitstop {
namespace {

struct FieldRange {
  const char* name;
  int min;
  int max;
  const std::array<const char*, 12>* names;  // names[i] stands for min + i, or nullptr
};

const std::array<const char*, 12> kMonthNames = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
const std::array<const char*, 12> kWeekdayNames = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

constexpr int kMinutesPerDay = 24 * 60;
constexpr int kSearchDays = 5 * 366;

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  while (true) {
    const std::size_t at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

std::vector<std::string_view> split_whitespace(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (start < text.size()) {
    while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
    std::size_t end = start;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    if (end > start) words.push_back(text.substr(start, end - start));
    start = end;
  }
  return words;
}

class FieldParser {
 public:
  FieldParser(std::string_view expression, const FieldRange& range) : expression_(expression), range_(range) {}

  // Sets the bit of every value the field allows; returns false for "*".
  template <std::size_t N>
  bool parse(std::string_view field, std::bitset<N>& bits) const {
    for (const std::string_view item : split(field, ',')) parse_item(field, item, bits);
    return field != "*";
  }

 private:
  template <std::size_t N>
  void parse_item(std::string_view field, std::string_view item, std::bitset<N>& bits) const {
    const std::vector<std::string_view> step_parts = split(item, '/');
    if (step_parts.size() > 2) fail(field, "has more than one '/'");
    int step = 1;
    if (step_parts.size() == 2) step = read_number(field, step_parts[1], 1, range_.max - range_.min + 1);

    const std::string_view span = step_parts[0];
    int first = range_.min;
    int last = range_.max;
    if (span != "*") {
      const std::vector<std::string_view> bounds = split(span, '-');
      if (bounds.size() > 2) fail(field, "has more than one '-' in a range");
      first = read_value(field, bounds[0]);
      last = bounds.size() == 2 ? read_value(field, bounds[1]) : (step_parts.size() == 2 ? range_.max : first);
      if (last < first) fail(field, "has a range whose end is before its start");
    }
    for (int value = first; value <= last; value += step) bits.set(static_cast<std::size_t>(value % int(N)));
  }

  int read_value(std::string_view field, std::string_view text) const {
    if (range_.names != nullptr) {
      for (std::size_t i = 0; i < range_.names->size() && (*range_.names)[i] != nullptr; ++i) {
        if (equals_ignoring_case(text, (*range_.names)[i])) return range_.min + static_cast<int>(i);
      }
    }
    return read_number(field, text, range_.min, range_.max);
  }

  int read_number(std::string_view field, std::string_view text, int min, int max) const {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
      fail(field, fmt::format("contains '{}', which is not a number", text));
    }
    if (value < min || value > max) fail(field, fmt::format("contains {}, outside {}..{}", value, min, max));
    return value;
  }

  static bool equals_ignoring_case(std::string_view text, std::string_view name) {
    if (text.size() != name.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(text[i])) != name[i]) return false;
    }
    return true;
  }

  [[noreturn]] void fail(std::string_view field, const std::string& problem) const {
    throw InputError(fmt::format("invalid cron expression '{}': the {} field '{}' {}; expected five fields "
                                 "such as '0 3 1 * *' (03:00 on the 1st of every month)",
                                 expression_, range_.name, field, problem));
  }

  std::string_view expression_;
  const FieldRange& range_;
};

std::string expand_macro(std::string_view expression) {
  if (expression == "@yearly" || expression == "@annually") return "0 0 1 1 *";
  if (expression == "@monthly") return "0 0 1 * *";
  if (expression == "@weekly") return "0 0 * * 0";
  if (expression == "@daily" || expression == "@midnight") return "0 0 * * *";
  if (expression == "@hourly") return "0 * * * *";
  return std::string(expression);
}

}  // namespace

CronSchedule CronSchedule::parse(std::string_view expression) {
  CronSchedule schedule;
  schedule.expression_ = std::string(expression);
  const std::string expanded = expand_macro(expression);
  const std::vector<std::string_view> fields = split_whitespace(expanded);
  if (fields.size() != 5) {
    throw InputError(fmt::format("invalid cron expression '{}': it has {} fields; expected five (minute hour "
                                 "day-of-month month day-of-week) such as '0 3 1 * *'",
                                 expression, fields.size()));
  }

  static const FieldRange kMinute{"minute", 0, 59, nullptr};
  static const FieldRange kHour{"hour", 0, 23, nullptr};
  static const FieldRange kDayOfMonth{"day-of-month", 1, 31, nullptr};
  static const FieldRange kMonth{"month", 1, 12, &kMonthNames};
  static const FieldRange kWeekday{"day-of-week", 0, 7, &kWeekdayNames};
  FieldParser(expression, kMinute).parse(fields[0], schedule.minutes_);
  FieldParser(expression, kHour).parse(fields[1], schedule.hours_);
  schedule.day_of_month_restricted_ = FieldParser(expression, kDayOfMonth).parse(fields[2], schedule.days_of_month_);
  FieldParser(expression, kMonth).parse(fields[3], schedule.months_);
  schedule.weekday_restricted_ = FieldParser(expression, kWeekday).parse(fields[4], schedule.weekdays_);
  return schedule;
}

bool CronSchedule::matches_day(int month, int day_of_month, int weekday) const {
  if (!months_.test(static_cast<std::size_t>(month))) return false;
  const bool day_matches = days_of_month_.test(static_cast<std::size_t>(day_of_month));
  const bool weekday_matches = weekdays_.test(static_cast<std::size_t>(weekday));
  if (day_of_month_restricted_ && weekday_restricted_) return day_matches || weekday_matches;
  return day_matches && weekday_matches;
}

std::chrono::system_clock::time_point CronSchedule::next_after(std::chrono::system_clock::time_point after,
                                                               const date::time_zone& zone) const {
  using std::chrono::minutes;
  const auto local_after = zone.to_local(std::chrono::floor<minutes>(after));
  const auto first_day = std::chrono::floor<date::days>(local_after);

  for (int day_offset = 0; day_offset < kSearchDays; ++day_offset) {
    const date::local_days day = first_day + date::days(day_offset);
    const date::year_month_day ymd(day);
    const int weekday = static_cast<int>(date::weekday(day).c_encoding());
    if (!matches_day(static_cast<int>(static_cast<unsigned>(ymd.month())),
                     static_cast<int>(static_cast<unsigned>(ymd.day())), weekday)) {
      continue;
    }
    for (int minute_of_day = 0; minute_of_day < kMinutesPerDay; ++minute_of_day) {
      if (!hours_.test(static_cast<std::size_t>(minute_of_day / 60)) ||
          !minutes_.test(static_cast<std::size_t>(minute_of_day % 60))) {
        continue;
      }
      const auto local = day + minutes(minute_of_day);
      if (local <= local_after) continue;
      const date::local_info info = zone.get_info(local);
      if (info.result == date::local_info::nonexistent) continue;
      const auto when = zone.to_sys(local, date::choose::earliest);
      if (when > after) return when;
    }
  }
  throw std::runtime_error(
      fmt::format("the cron expression '{}' matches no time within 5 years: choose a date that exists", expression_));
}

const date::time_zone& find_time_zone(const std::string& name) {
  try {
    return *date::locate_zone(name);
  } catch (const std::runtime_error&) {
    throw InputError(fmt::format("unknown time zone '{}': use an IANA name such as Asia/Singapore (install the "
                                 "tzdata package if none is found)",
                                 name));
  }
}

}  // namespace pitstop
