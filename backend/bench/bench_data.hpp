#pragma once

// Shared inputs of the benchmarks: the real Singapore data, loaded once, the
// fixed start/destination pairs of bench/pairs.txt, and per-query timing.

#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "app/pitstop_data.hpp"
#include "geo/lat_lon.hpp"
#include "graph/edge_snapper.hpp"

namespace pitstop::bench {

inline std::string data_file(const std::string& relative_path) {
  return std::string(PITSTOP_DATA_DIR) + "/" + relative_path;
}

inline DataPaths singapore_paths() {
  DataPaths paths;
  paths.osm = data_file("osm/singapore-bike-network-2025-12.osm.pbf");
  paths.parking = {data_file("parking/lta-bicycle-parking-central-2026-02.json")};
  paths.stations = data_file("reference/mrt-stations-2018.json");
  paths.stations_required = true;
  return paths;
}

// The Singapore data with the contraction hierarchy, loaded once.
inline const PitStopData& singapore_data() {
  static const std::unique_ptr<PitStopData> data = load_pitstop_data(singapore_paths());
  return *data;
}

struct Pair {
  LatLon from;
  LatLon to;
};

// bench/pairs.txt: "LAT,LON LAT,LON" a line, '#' starts a comment line.
inline const std::vector<Pair>& fixed_pairs() {
  static const std::vector<Pair> pairs = [] {
    std::vector<Pair> read;
    std::ifstream file(PITSTOP_BENCH_PAIRS);
    std::string line;
    while (std::getline(file, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream fields(line);
      std::string from, to;
      fields >> from >> to;
      read.push_back({parse_lat_lon(from), parse_lat_lon(to)});
    }
    if (read.empty()) throw std::runtime_error(std::string("no pairs read from ") + PITSTOP_BENCH_PAIRS);
    return read;
  }();
  return pairs;
}

// The fixed pairs snapped onto the graph as the planner snaps them.
inline const std::vector<SnappedTrip>& snapped_pairs() {
  static const std::vector<SnappedTrip> trips = [] {
    const PitStopData& data = singapore_data();
    std::vector<SnappedTrip> snapped;
    for (const Pair& pair : fixed_pairs()) {
      snapped.push_back(snap_trip(*data.snapper, data.graph, pair.from, pair.to,
                                  data.planner_settings.max_snap_distance_m));
    }
    return snapped;
  }();
  return trips;
}

// Times each call of a query and reports, as counters in microseconds, the
// median and 99th percentile of its wall-clock time (p50_us, p99_us) and of
// the CPU time of the calling thread (p50_cpu_us, p99_cpu_us). The CPU time
// leaves out the waits of a thread that other processes pushed off its core.
class QueryTimer {
 public:
  template <typename Query>
  void time(Query&& query) {
    const double cpu_start_us = thread_cpu_us();
    const auto start = std::chrono::steady_clock::now();
    query();
    wall_us_.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    cpu_us_.push_back(thread_cpu_us() - cpu_start_us);
  }

  void report(benchmark::State& state) {
    if (wall_us_.empty()) return;
    state.counters["p50_us"] = percentile(wall_us_, 0.50);
    state.counters["p99_us"] = percentile(wall_us_, 0.99);
    state.counters["p50_cpu_us"] = percentile(cpu_us_, 0.50);
    state.counters["p99_cpu_us"] = percentile(cpu_us_, 0.99);
    state.counters["queries"] = static_cast<double>(wall_us_.size());
  }

 private:
  static double thread_cpu_us() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) / 1e3;
  }

  // Nearest-rank percentile.
  static double percentile(std::vector<double>& samples, double fraction) {
    std::sort(samples.begin(), samples.end());
    const auto index = static_cast<std::size_t>(fraction * static_cast<double>(samples.size() - 1) + 0.5);
    return samples[index];
  }

  std::vector<double> wall_us_;
  std::vector<double> cpu_us_;
};

}  // namespace pitstop::bench
