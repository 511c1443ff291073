#include "refresh/parking_sources.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "clients/service_error.hpp"
#include "geo/errors.hpp"
#include "parking/datamall_reader.hpp"
#include "parking/osm_parking_reader.hpp"
#include "parking/parking_load.hpp"

namespace pitstop {
namespace {

constexpr std::string_view kSourceNames[] = {"datamall", "osm", "files"};

std::string_view source_name(ParkingSource source) { return kSourceNames[static_cast<int>(source)]; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

ParkingSource parse_source(std::string_view name) {
  for (int i = 0; i < 3; ++i) {
    if (name == kSourceNames[i]) return static_cast<ParkingSource>(i);
  }
  throw InputError(fmt::format("unknown parking source '{}': use datamall, osm or files, separated by commas", name));
}

ParkingLoadResult fetch_datamall(const ParkingSourceInputs& inputs) {
  if (!inputs.datamall) {
    throw ClientConfigError("the parking source datamall needs an AccountKey: set PITSTOP_DATAMALL_ACCOUNT_KEY or "
                            "PITSTOP_DATAMALL_ACCOUNT_KEY_FILE, or choose other sources");
  }
  const DataMallClient client(*inputs.datamall);
  ParkingFetchResult fetched = client.fetch_all_parking(inputs.datamall_grid, inputs.cancelled);
  if (fetched.capped_responses > 0) {
    spdlog::warn("refresh: {} DataMall responses still reached the record cap after subdividing; spots may be "
                 "missing there",
                 fetched.capped_responses);
  }
  return std::move(fetched.load);
}

ParkingLoadResult fetch_files(const ParkingSourceInputs& inputs) {
  if (inputs.parking_files.empty()) {
    throw DataFileError("the parking source files needs at least one file: set --parking or PITSTOP_PARKING");
  }
  std::vector<ParkingLoadResult> loads;
  for (const std::string& path : inputs.parking_files) loads.push_back(read_datamall_parking_file(path));
  return merge_parking_loads(std::move(loads));
}

}  // namespace

std::vector<ParkingSource> parse_parking_sources(std::string_view list) {
  const std::string whole_list(list);
  std::vector<ParkingSource> sources;
  while (true) {
    const std::size_t comma = list.find(',');
    const std::string_view name = trim(list.substr(0, comma));
    if (name.empty()) {
      throw InputError(fmt::format("empty entry in the parking source list '{}': use datamall, osm or files, "
                                   "separated by commas",
                                   whole_list));
    }
    const ParkingSource source = parse_source(name);
    if (std::find(sources.begin(), sources.end(), source) != sources.end()) {
      throw InputError(fmt::format("parking source '{}' is listed twice: name each source once", name));
    }
    sources.push_back(source);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return sources;
}

std::string join_parking_sources(const std::vector<ParkingSource>& sources) {
  std::string joined;
  for (const ParkingSource source : sources) {
    if (!joined.empty()) joined += ',';
    joined += source_name(source);
  }
  return joined;
}

std::vector<ParkingSource> default_parking_sources(const ParkingSourceInputs& inputs) {
  if (inputs.datamall) return {ParkingSource::DataMall};
  return {ParkingSource::Files};
}

ParkingLoadResult fetch_parking_sources(const std::vector<ParkingSource>& sources,
                                        const ParkingSourceInputs& inputs) {
  std::vector<ParkingLoadResult> loads;
  for (const ParkingSource source : sources) {
    spdlog::info("refresh: fetching parking spots from {}", source_name(source));
    switch (source) {
      case ParkingSource::DataMall:
        loads.push_back(fetch_datamall(inputs));
        break;
      case ParkingSource::Osm:
        loads.push_back(read_osm_bicycle_parking(inputs.osm_path));
        break;
      case ParkingSource::Files:
        loads.push_back(fetch_files(inputs));
        break;
    }
    spdlog::info("refresh: {} gave {} spots", source_name(source), loads.back().spots.size());
  }
  return merge_parking_loads(std::move(loads));
}

}  // namespace pitstop
