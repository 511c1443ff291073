#include "cli/number_option_check.hpp"

#include <cmath>
#include <string>

#include <fmt/format.h>

namespace pitstop::cli {

CLI::Validator number_in_range(double min, double max) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        const std::string expected = fmt::format("give a number from {} to {}", min, max);
        double value = 0.0;
        try {
          std::size_t used = 0;
          value = std::stod(text, &used);
          if (used != text.size()) return fmt::format("'{}' is not a number: {}", text, expected);
        } catch (const std::exception&) {
          return fmt::format("'{}' is not a number: {}", text, expected);
        }
        if (!std::isfinite(value) || value < min || value > max) {
          return fmt::format("{} is out of range: {}", text, expected);
        }
        return {};
      },
      fmt::format("NUMBER in [{} - {}]", min, max));
}

}  // namespace pitstop::cli
