// Prints, for each pair of a pairs file, PitStop's fastest route (length and
// time at the base speed) and the median time of 21 runs of each query:
// the contraction hierarchy with geometry, and the Dijkstra search. CSV on
// stdout, for scripts/bench-pgrouting.sh.
//
// Usage: pitstop_route_pairs [PAIRS_FILE]   (default bench/pairs.txt)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "app/pitstop_data.hpp"
#include "geo/lat_lon.hpp"
#include "routing/router.hpp"

namespace {

using namespace pitstop;

constexpr int kRuns = 21;

template <typename Query>
double median_us(Query&& query) {
  std::vector<double> samples;
  for (int run = 0; run < kRuns; ++run) {
    const auto start = std::chrono::steady_clock::now();
    query();
    samples.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const std::string pairs_path = argc > 1 ? argv[1] : PITSTOP_BENCH_PAIRS;
  // Log lines go to stderr, so that stdout is only the CSV.
  spdlog::set_default_logger(spdlog::stderr_color_mt("stderr"));
  DataPaths paths;
  paths.osm = std::string(PITSTOP_DATA_DIR) + "/osm/singapore-bike-network-2025-12.osm.pbf";
  paths.parking = {std::string(PITSTOP_DATA_DIR) + "/parking/lta-bicycle-parking-central-2026-02.json"};
  paths.stations = std::string(PITSTOP_DATA_DIR) + "/reference/mrt-stations-2018.json";
  const auto data = load_pitstop_data(paths);
  const RoadGraph& graph = data->graph;

  std::ifstream file(pairs_path);
  if (!file) {
    std::fprintf(stderr, "route_pairs: cannot read pairs file '%s'\n", pairs_path.c_str());
    return 1;
  }
  std::printf("pair,from,to,distance_m,duration_s,contraction_us,dijkstra_us\n");
  std::string line;
  int index = 0;
  while (std::getline(file, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string from_text, to_text;
    fields >> from_text >> to_text;
    ++index;
    const SnappedTrip trip = snap_trip(*data->snapper, graph, parse_lat_lon(from_text), parse_lat_lon(to_text),
                                       data->planner_settings.max_snap_distance_m);
    const auto route = find_fastest_route(graph, trip.start, trip.destination);
    if (!route) {
      std::printf("%d,\"%s\",\"%s\",,,,\n", index, from_text.c_str(), to_text.c_str());
      continue;
    }
    const double contraction_us = median_us([&] { (void)find_fastest_route(graph, trip.start, trip.destination); });
    const double dijkstra_us =
        median_us([&] { (void)find_fastest_route_dijkstra(graph, trip.start, trip.destination); });
    std::printf("%d,\"%s\",\"%s\",%.1f,%.1f,%.1f,%.1f\n", index, from_text.c_str(), to_text.c_str(), route->distance_m,
                route->duration_s, contraction_us, dijkstra_us);
  }
  return 0;
}
