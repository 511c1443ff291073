#include "server/request_id.hpp"

#include <random>

#include <fmt/format.h>

namespace pitstop {

namespace {

constexpr std::size_t kMaxRequestIdLength = 64;

// The SplitMix64 finalizer: a bijection on 64-bit values that scatters the bits,
// so consecutive counters give unrelated-looking ids.
std::uint64_t mix_bits(std::uint64_t value) {
  value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ULL;
  value = (value ^ (value >> 27)) * 0x94D049BB133111EBULL;
  return value ^ (value >> 31);
}

bool is_request_id_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

}  // namespace

bool is_valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdLength) return false;
  for (const char c : id) {
    if (!is_request_id_char(c)) return false;
  }
  return true;
}

RequestIdGenerator::RequestIdGenerator() {
  std::random_device device;
  key_ = (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

std::string RequestIdGenerator::next() {
  // Multiplying by an odd constant and adding a key are bijections modulo 2^64,
  // as is mix_bits, so ids repeat only after 2^64 requests.
  const std::uint64_t count = counter_.fetch_add(1, std::memory_order_relaxed);
  return fmt::format("{:016x}", mix_bits(key_ + count * 0x9E3779B97F4A7C15ULL));
}

}  // namespace pitstop
