#pragma once

#include <CLI/CLI.hpp>

namespace pitstop::cli {

// CLI11 validators for numeric options. They replace CLI::Range, which lets
// NaN through (every comparison with NaN is false), prints decimal bounds
// with six decimals and reports "not in range" for a fraction such as 1.5.
// Both read numbers as the HTTP API does (std::from_chars): no hexadecimal,
// no leading '+' or spaces.

// A finite decimal number from min to max.
CLI::Validator number_in_range(double min, double max);

// A whole number from min to max.
CLI::Validator integer_in_range(long min, long max);

}  // namespace pitstop::cli
