#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "clients/token_bucket.hpp"

namespace pitstop {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

TEST(ClientsTokenBucket, BurstPassesWithoutWaiting) {
  TokenBucket bucket(10.0, 5.0);
  const auto start = Clock::now();
  for (int i = 0; i < 5; ++i) bucket.acquire();
  EXPECT_LT(seconds_since(start), 0.05);
}

TEST(ClientsTokenBucket, LimitsRateAfterBurst) {
  TokenBucket bucket(20.0, 1.0);
  const auto start = Clock::now();
  for (int i = 0; i < 11; ++i) bucket.acquire();
  // One token at once, then ten more at 20 a second: at least 0.5 s.
  EXPECT_GE(seconds_since(start), 0.45);
  EXPECT_LT(seconds_since(start), 2.0);
}

TEST(ClientsTokenBucket, LimitsRateAcrossThreads) {
  TokenBucket bucket(40.0, 1.0);
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&bucket] {
      for (int i = 0; i < 5; ++i) bucket.acquire();
    });
  }
  for (auto& thread : threads) thread.join();
  // 20 tokens at 40 a second with a burst of 1: at least 19 / 40 s.
  EXPECT_GE(seconds_since(start), 0.45);
  EXPECT_LT(seconds_since(start), 2.0);
}

TEST(ClientsTokenBucket, RejectsInvalidSettings) {
  EXPECT_THROW(TokenBucket(0.0, 1.0), std::invalid_argument);
  EXPECT_THROW(TokenBucket(-1.0, 1.0), std::invalid_argument);
  EXPECT_THROW(TokenBucket(1.0, 0.5), std::invalid_argument);
}

}  // namespace
}  // namespace pitstop
