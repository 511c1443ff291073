#include "clients/token_bucket.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

namespace pitstop {

TokenBucket::TokenBucket(double rate_per_s, double burst)
    : rate_per_s_(rate_per_s), burst_(burst), tokens_(burst), updated_(std::chrono::steady_clock::now()) {
  if (!std::isfinite(rate_per_s) || rate_per_s <= 0.0) {
    throw std::invalid_argument(fmt::format("invalid request rate {}: use a positive number of requests a second",
                                            rate_per_s));
  }
  if (!std::isfinite(burst) || burst < 1.0) {
    throw std::invalid_argument(fmt::format("invalid burst {}: use at least 1 request", burst));
  }
}

std::chrono::steady_clock::duration TokenBucket::acquire() {
  std::chrono::duration<double> wait{0.0};
  {
    const std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    const double elapsed_s = std::chrono::duration<double>(now - updated_).count();
    tokens_ = std::min(burst_, tokens_ + elapsed_s * rate_per_s_);
    updated_ = now;
    tokens_ -= 1.0;
    if (tokens_ < 0.0) wait = std::chrono::duration<double>(-tokens_ / rate_per_s_);
  }
  const auto sleep = std::chrono::duration_cast<std::chrono::steady_clock::duration>(wait);
  if (sleep.count() > 0) std::this_thread::sleep_for(sleep);
  return sleep;
}

}  // namespace pitstop
