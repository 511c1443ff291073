#include "clients/onemap_place_search.hpp"

#include <spdlog/spdlog.h>

#include "clients/onemap_client.hpp"
#include "clients/service_error.hpp"

namespace pitstop {

OneMapPlaceSearch::OneMapPlaceSearch(std::shared_ptr<const OneMapClient> client, OneMapFallbackSettings settings)
    : client_(std::move(client)), settings_(settings) {}

std::optional<OneMapSearchPage> OneMapPlaceSearch::try_search(std::string_view text, long page_number) {
  {
    const std::lock_guard lock(mutex_);
    if (std::chrono::steady_clock::now() < skip_until_) return std::nullopt;
  }
  try {
    return client_->search(text, page_number);
  } catch (const ServiceError& error) {
    record_failure(error.what());
    return std::nullopt;
  }
}

std::uint64_t OneMapPlaceSearch::failure_count() const {
  const std::lock_guard lock(mutex_);
  return failures_;
}

void OneMapPlaceSearch::record_failure(const std::string& reason) {
  const std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  ++failures_;
  skip_until_ = now + settings_.cooldown_after_failure;

  if (last_warning_ && now - *last_warning_ < settings_.failure_log_interval) {
    ++failures_not_logged_;
    return;
  }
  const std::string earlier =
      failures_not_logged_ == 0 ? "" : fmt::format(" ({} failures since the last warning)", failures_not_logged_);
  spdlog::warn("onemap: search failed: {}. Using the offline index only, and retrying OneMap in {} s{}",
               reason, settings_.cooldown_after_failure.count(), earlier);
  last_warning_ = now;
  failures_not_logged_ = 0;
}

}  // namespace pitstop
