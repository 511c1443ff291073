#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace pitstop {

// Request counters and latency histograms by endpoint and status, rendered in
// the Prometheus text format. Thread-safe.
class ApiMetrics {
 public:
  // Upper bounds of the latency histogram buckets, seconds.
  static constexpr std::array<double, 12> kBucketBounds_s{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                          0.05,   0.1,   0.25,   0.5,   1.0,  5.0};

  // `endpoint` must come from a small fixed set (the route table), never from
  // the raw path, so that the number of series stays bounded.
  void record(const std::string& endpoint, unsigned status, double duration_s);

  // Counters and histograms, without a trailing gauge section.
  std::string render() const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBucketBounds_s.size()> bucket_counts{};
    std::uint64_t count = 0;
    double sum_s = 0.0;
  };

  mutable std::mutex mutex_;
  std::map<std::pair<std::string, unsigned>, std::uint64_t> request_counts_;
  std::map<std::string, Histogram> latencies_;
};

}  // namespace pitstop
