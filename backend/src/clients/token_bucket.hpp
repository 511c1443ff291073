#pragma once

#include <chrono>
#include <mutex>

namespace pitstop {

// Request-rate limit as a token bucket: `rate_per_s` tokens a second on
// average, with bursts of up to `burst` tokens. Thread-safe. A caller that has
// to wait reserves its token under the lock and sleeps outside it, so callers
// are served in the order they arrive.
class TokenBucket {
 public:
  // Throws std::invalid_argument unless rate_per_s is positive and burst is at
  // least 1, both finite.
  TokenBucket(double rate_per_s, double burst);

  // Takes one token, sleeping until it is available. Returns the time slept.
  std::chrono::steady_clock::duration acquire();

 private:
  std::mutex mutex_;
  double rate_per_s_;
  double burst_;
  double tokens_;  // negative while callers wait for reserved tokens
  std::chrono::steady_clock::time_point updated_;
};

}  // namespace pitstop
