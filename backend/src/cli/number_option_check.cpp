#include "cli/number_option_check.hpp"

#include <charconv>
#include <cmath>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

#include <fmt/format.h>

namespace pitstop::cli {
namespace {

// Returns "" when `text` is a `Number` from min to max, else the message.
// `noun` names the expected kind of number ("number", "whole number").
template <typename Number>
std::string range_error(const std::string& text, Number min, Number max, std::string_view noun) {
  const std::string expected = fmt::format("give a {} from {} to {}", noun, min, max);

  Number value{};
  const char* end = text.data() + text.size();
  std::from_chars_result parsed{};
  if constexpr (std::is_floating_point_v<Number>) {
    parsed = std::from_chars(text.data(), end, value, std::chars_format::general);
  } else {
    parsed = std::from_chars(text.data(), end, value);
  }
  if (parsed.ec == std::errc::result_out_of_range) return fmt::format("{} is out of range: {}", text, expected);

  bool is_nan = false;
  if constexpr (std::is_floating_point_v<Number>) is_nan = std::isnan(value);
  if (text.empty() || parsed.ec != std::errc() || parsed.ptr != end || is_nan) {
    return fmt::format("'{}' is not a {}: {}", text, noun, expected);
  }

  if (value < min || value > max) return fmt::format("{} is out of range: {}", text, expected);
  return {};
}

}  // namespace

CLI::Validator number_in_range(double min, double max) {
  return CLI::Validator([min, max](std::string& text) { return range_error(text, min, max, "number"); },
                        fmt::format("NUMBER in [{} - {}]", min, max));
}

CLI::Validator integer_in_range(long min, long max) {
  return CLI::Validator([min, max](std::string& text) { return range_error(text, min, max, "whole number"); },
                        fmt::format("INTEGER in [{} - {}]", min, max));
}

}  // namespace pitstop::cli
