#include "api/api_metrics.hpp"

#include <fmt/format.h>

namespace pitstop {

void ApiMetrics::record(const std::string& endpoint, unsigned status, double duration_s) {
  std::lock_guard lock(mutex_);
  ++request_counts_[{endpoint, status}];
  Histogram& histogram = latencies_[endpoint];
  for (std::size_t i = 0; i < kBucketBounds_s.size(); ++i) {
    if (duration_s <= kBucketBounds_s[i]) ++histogram.bucket_counts[i];
  }
  ++histogram.count;
  histogram.sum_s += duration_s;
}

std::string ApiMetrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP pitstop_http_requests_total HTTP requests answered, by endpoint and status.\n";
  out += "# TYPE pitstop_http_requests_total counter\n";
  for (const auto& [key, count] : request_counts_) {
    out += fmt::format("pitstop_http_requests_total{{endpoint=\"{}\",status=\"{}\"}} {}\n", key.first,
                       key.second, count);
  }
  out += "# HELP pitstop_http_request_duration_seconds Time from request parsed to response ready.\n";
  out += "# TYPE pitstop_http_request_duration_seconds histogram\n";
  for (const auto& [endpoint, histogram] : latencies_) {
    for (std::size_t i = 0; i < kBucketBounds_s.size(); ++i) {
      out += fmt::format("pitstop_http_request_duration_seconds_bucket{{endpoint=\"{}\",le=\"{}\"}} {}\n",
                         endpoint, kBucketBounds_s[i], histogram.bucket_counts[i]);
    }
    out += fmt::format("pitstop_http_request_duration_seconds_bucket{{endpoint=\"{}\",le=\"+Inf\"}} {}\n",
                       endpoint, histogram.count);
    out += fmt::format("pitstop_http_request_duration_seconds_sum{{endpoint=\"{}\"}} {}\n", endpoint,
                       histogram.sum_s);
    out += fmt::format("pitstop_http_request_duration_seconds_count{{endpoint=\"{}\"}} {}\n", endpoint,
                       histogram.count);
  }
  return out;
}

}  // namespace pitstop
