#pragma once

// Helpers shared by the libFuzzer targets in this folder.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

namespace pitstop::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Turns logging off: the parsers log every rejected record, which would slow
// the fuzzer down and flood its output.
inline void silence_logging() { spdlog::set_level(spdlog::level::off); }

// Stops the fuzzer with a message when a parser breaks its documented contract
// without crashing by itself (an invariant check, not a sanitizer report).
[[noreturn]] inline void fail(const char* message) {
  std::fprintf(stderr, "fuzz invariant violated: %s\n", message);
  std::abort();
}

}  // namespace pitstop::fuzz
