#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace pitstop {

// Returns whether a client-sent X-Request-Id may be reused: 1 to 64 characters
// of [A-Za-z0-9._-], so it is safe to echo in a header and to write to logs.
bool is_valid_request_id(std::string_view id);

// Source of request ids: 16 lower-case hex digits, unique within the process.
// Safe to call from several threads at once.
class RequestIdGenerator {
 public:
  RequestIdGenerator();  // seeds from std::random_device
  std::string next();

 private:
  std::uint64_t key_;
  std::atomic<std::uint64_t> counter_{0};
};

}  // namespace pitstop
