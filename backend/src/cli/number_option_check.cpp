#include "cli/number_option_check.hpp"

#include <charconv>
#include <cmath>
#include <string>
#include <system_error>

#include <fmt/format.h>

namespace pitstop::cli {

CLI::Validator number_in_range(double min, double max) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        const std::string expected = fmt::format("give a number from {} to {}", min, max);
        double value = 0.0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value, std::chars_format::general);
        if (error == std::errc::result_out_of_range) return fmt::format("{} is out of range: {}", text, expected);
        if (text.empty() || error != std::errc() || stop != end || std::isnan(value)) {
          return fmt::format("'{}' is not a number: {}", text, expected);
        }
        if (value < min || value > max) return fmt::format("{} is out of range: {}", text, expected);
        return {};
      },
      fmt::format("NUMBER in [{} - {}]", min, max));
}

CLI::Validator integer_in_range(long min, long max) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        const std::string expected = fmt::format("give a whole number from {} to {}", min, max);
        long value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (error == std::errc::result_out_of_range) return fmt::format("{} is out of range: {}", text, expected);
        if (text.empty() || error != std::errc() || stop != end) {
          return fmt::format("'{}' is not a whole number: {}", text, expected);
        }
        if (value < min || value > max) return fmt::format("{} is out of range: {}", text, expected);
        return {};
      },
      fmt::format("INTEGER in [{} - {}]", min, max));
}

}  // namespace pitstop::cli
