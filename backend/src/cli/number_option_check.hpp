#pragma once

#include <CLI/CLI.hpp>

namespace pitstop::cli {

// A CLI11 validator for a finite decimal number from min to max. It replaces
// CLI::Range for decimals, which lets NaN through (every comparison with NaN
// is false) and prints its bounds with six decimals.
CLI::Validator number_in_range(double min, double max);

}  // namespace pitstop::cli
