#include "app/database_mode.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "geo/errors.hpp"
#include "store/database_error.hpp"

namespace pitstop {

DatabaseModeSettings make_database_mode_settings(const DatabaseModeOptions& options, ParkingSourceInputs inputs) {
  DatabaseModeSettings settings;
  settings.feed.connection_string = make_connection_string(options.database);
  settings.feed.redacted_url = redact_database_url(options.database.url);
  settings.feed.migrate = !options.skip_migrations;

  settings.schedule.time_zone = &find_time_zone(options.refresh_time_zone);
  if (options.refresh_schedule != "off") {
    settings.schedule.schedule = CronSchedule::parse(options.refresh_schedule);
    check_schedule_matches(*settings.schedule.schedule, *settings.schedule.time_zone);
  }
  settings.schedule.at_start = parse_refresh_at_start(options.refresh_on_start);

  settings.sources = options.refresh_sources.empty() ? default_parking_sources(inputs)
                                                     : parse_parking_sources(options.refresh_sources);
  if (!(options.refresh_min_fraction >= 0.0 && options.refresh_min_fraction <= 1.0)) {
    throw InputError(fmt::format("invalid minimum fraction {}: use a share from 0 to 1", options.refresh_min_fraction));
  }
  settings.refresh.min_fraction_of_current = options.refresh_min_fraction;
  settings.refresh.source_label = join_parking_sources(settings.sources);
  settings.source_inputs = std::move(inputs);
  return settings;
}

DatabaseMode::DatabaseMode(PitStopData& data, DatabaseModeSettings settings)
    : settings_(std::move(settings)),
      feed_(data, settings_.feed),
      scheduler_(
          settings_.schedule,
          [this]() -> std::optional<bool> {
            const std::optional<std::size_t> spots = feed_.wait_until_loaded();
            if (!spots) return std::nullopt;
            return *spots == 0;
          },
          [this] { return run_refresh(); }) {
  settings_.source_inputs.cancelled = [this] { return stopping_.load(); };
  settings_.refresh.cancelled = [this] { return stopping_.load(); };
}

DatabaseMode::~DatabaseMode() { stop(); }

void DatabaseMode::start() {
  feed_.start();
  scheduler_.start();
}

void DatabaseMode::stop() {
  stopping_ = true;
  if (refreshing_) spdlog::info("schedule: stopping; cancelling the parking refresh that is running");
  // The feed first: stopping it releases a scheduler that waits for the first load.
  feed_.stop();
  scheduler_.stop();
}

bool DatabaseMode::run_refresh() {
  refreshing_ = true;
  try {
    const DatabaseRefreshReport report = run_database_refresh(
        settings_.feed.connection_string,
        [this] { return fetch_parking_sources(settings_.sources, settings_.source_inputs); }, settings_.refresh);
    refreshing_ = false;
    return report.status == DatabaseRefreshStatus::Succeeded || report.status == DatabaseRefreshStatus::Skipped;
  } catch (const std::exception& error) {
    refreshing_ = false;
    spdlog::error("schedule: the parking refresh failed: {}", error.what());
    return false;
  }
}

}  // namespace pitstop
