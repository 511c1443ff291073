#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

#include "clients/onemap_responses.hpp"

namespace pitstop {

class OneMapClient;

struct OneMapFallbackSettings {
  // After a failure, OneMap is not called again for this long, so that
  // requests do not each wait for the timeouts while OneMap is down. 0 calls
  // OneMap every time.
  std::chrono::seconds cooldown_after_failure{30};
  // At most one warning line per interval; the next line counts the failures
  // in between. 0 logs every failure.
  std::chrono::seconds failure_log_interval{60};
};

// OneMap search for the API. A OneMap failure (ServiceError) becomes "no
// result" plus one rate-limited warning line, so the caller answers from the
// offline index instead of failing. Safe to call from several threads at once.
class OneMapPlaceSearch {
 public:
  OneMapPlaceSearch(std::shared_ptr<const OneMapClient> client, OneMapFallbackSettings settings = {});

  // Returns the page, or nothing when OneMap failed (ServiceError) or is in
  // its cool-down after a failure.
  std::optional<OneMapSearchPage> try_search(std::string_view text, long page_number);

  // Returns the number of failed OneMap searches so far.
  std::uint64_t failure_count() const;

 private:
  void record_failure(const std::string& reason);

  std::shared_ptr<const OneMapClient> client_;
  OneMapFallbackSettings settings_;
  mutable std::mutex mutex_;
  std::chrono::steady_clock::time_point skip_until_{};
  std::optional<std::chrono::steady_clock::time_point> last_warning_;
  std::uint64_t failures_ = 0;
  std::uint64_t failures_not_logged_ = 0;
};

}  // namespace pitstop
