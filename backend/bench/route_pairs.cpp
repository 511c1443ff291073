// Prints, for each pair of a pairs file, PitStop's fastest route (length and
// time at the base speed) and the median time of 21 runs of each query:
// the contraction hierarchy with geometry, and the Dijkstra search. CSV on
// stdout, for scripts/bench-pgrouting.sh.
//
// Usage: pitstop_route_pairs [--geometry FILE] [--way-rules FILE] [PAIRS_FILE]
//   PAIRS_FILE         default bench/pairs.txt
//   --geometry FILE    writes each route's points as CSV rows pair,point,lat,lon
//                      (7 decimals, the precision of OSM coordinates)
//   --way-rules FILE   writes the cycling profile's decision for every way of
//                      the extract as CSV rows osm_id,routable,forward,backward,
//                      way_type,speed_kmh (the riding speed at the base speed)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <osmium/handler.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "app/pitstop_data.hpp"
#include "geo/lat_lon.hpp"
#include "ingest/cycling_profile.hpp"
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

// Writes evaluate_way's result for each way it reads, so that a script can
// give pgRouting the same access, directions and speeds as PitStop's graph.
class WayRuleWriter : public osmium::handler::Handler {
 public:
  explicit WayRuleWriter(std::FILE* out) : out_(out) {
    std::fprintf(out_, "osm_id,routable,forward,backward,way_type,speed_kmh\n");
  }

  void way(const osmium::Way& way) {
    const auto& tags = way.tags();
    const WayRule rule = evaluate_way([&tags](std::string_view key) {
      const char* value = tags.get_value_by_key(std::string(key).c_str());
      return value == nullptr ? std::string_view{} : std::string_view{value};
    });
    const std::string type = rule.routable ? std::string(to_string(rule.type)) : std::string();
    std::fprintf(out_, "%lld,%d,%d,%d,%s,%.4f\n", static_cast<long long>(way.id()), rule.routable, rule.forward,
                 rule.backward, type.c_str(), CyclingProfile::kBaseSpeed_kmh * rule.speed_factor);
  }

 private:
  std::FILE* out_;
};

bool write_way_rules(const std::string& osm_path, const std::string& out_path) {
  std::FILE* out = std::fopen(out_path.c_str(), "w");
  if (out == nullptr) {
    std::fprintf(stderr, "route_pairs: failed to open '%s' for the way rules\n", out_path.c_str());
    return false;
  }
  WayRuleWriter writer(out);
  osmium::io::Reader reader(osm_path, osmium::osm_entity_bits::way);
  osmium::apply(reader, writer);
  reader.close();
  return std::fclose(out) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string pairs_path = PITSTOP_BENCH_PAIRS;
  std::string geometry_path;
  std::string way_rules_path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--geometry" || arg == "--way-rules") {
      if (i + 1 == argc) {
        std::fprintf(stderr, "route_pairs: option '%s' is missing its FILE argument\n", arg.c_str());
        return 1;
      }
      (arg == "--geometry" ? geometry_path : way_rules_path) = argv[++i];
    } else if (arg.starts_with("--")) {
      std::fprintf(stderr, "route_pairs: invalid option '%s'; usage: pitstop_route_pairs [--geometry FILE] "
                   "[--way-rules FILE] [PAIRS_FILE]\n", arg.c_str());
      return 1;
    } else {
      pairs_path = arg;
    }
  }
  // Log lines go to stderr, so that stdout is only the CSV.
  spdlog::set_default_logger(spdlog::stderr_color_mt("stderr"));
  DataPaths paths;
  paths.osm = std::string(PITSTOP_DATA_DIR) + "/osm/singapore-bike-network-2025-12.osm.pbf";
  paths.parking = {std::string(PITSTOP_DATA_DIR) + "/parking/lta-bicycle-parking-central-2026-02.json"};
  paths.stations = std::string(PITSTOP_DATA_DIR) + "/reference/mrt-stations-2018.json";
  const auto data = load_pitstop_data(paths);
  const RoadGraph& graph = data->graph;
  if (!way_rules_path.empty() && !write_way_rules(paths.osm, way_rules_path)) return 1;
  std::FILE* geometry_out = nullptr;
  if (!geometry_path.empty()) {
    geometry_out = std::fopen(geometry_path.c_str(), "w");
    if (geometry_out == nullptr) {
      std::fprintf(stderr, "route_pairs: failed to open '%s' for the route geometry\n", geometry_path.c_str());
      return 1;
    }
    std::fprintf(geometry_out, "pair,point,lat,lon\n");
  }

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
    if (geometry_out != nullptr) {
      for (std::size_t point = 0; point < route->geometry.size(); ++point) {
        std::fprintf(geometry_out, "%d,%zu,%.7f,%.7f\n", index, point, route->geometry[point].lat,
                     route->geometry[point].lon);
      }
    }
    const double contraction_us = median_us([&] { (void)find_fastest_route(graph, trip.start, trip.destination); });
    const double dijkstra_us =
        median_us([&] { (void)find_fastest_route_dijkstra(graph, trip.start, trip.destination); });
    std::printf("%d,\"%s\",\"%s\",%.1f,%.1f,%.1f,%.1f\n", index, from_text.c_str(), to_text.c_str(), route->distance_m,
                route->duration_s, contraction_us, dijkstra_us);
  }
  if (geometry_out != nullptr && std::fclose(geometry_out) != 0) return 1;
  return 0;
}
