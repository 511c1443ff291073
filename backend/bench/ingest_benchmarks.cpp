// One-off costs on the real Singapore extract: reading it into a graph, and
// building, writing and reading the contraction hierarchy.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "bench_data.hpp"
#include "contraction/hierarchy_builder.hpp"
#include "contraction/hierarchy_file.hpp"
#include "graph/road_graph_builder.hpp"
#include "ingest/osm_network_reader.hpp"

namespace pitstop::bench {
namespace {

void BM_IngestGraph(benchmark::State& state) {
  const std::string osm = singapore_paths().osm;
  QueryTimer timer;
  for (auto _ : state) {
    timer.time([&] { benchmark::DoNotOptimize(build_road_graph(read_osm_network(osm))); });
  }
  timer.report(state);
}
BENCHMARK(BM_IngestGraph)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_ContractionBuild(benchmark::State& state) {
  const RoadGraph& graph = singapore_data().graph;
  QueryTimer timer;
  ContractionHierarchy hierarchy;
  for (auto _ : state) {
    timer.time([&] { hierarchy = build_contraction_hierarchy(graph); });
  }
  timer.report(state);
  state.counters["arcs"] = static_cast<double>(hierarchy.arcs.size());
  state.counters["shortcuts"] = static_cast<double>(hierarchy.shortcut_count());
  state.counters["memory_mb"] = static_cast<double>(hierarchy.memory_bytes()) / 1e6;
}
BENCHMARK(BM_ContractionBuild)->Unit(benchmark::kMillisecond)->Iterations(5);

// Hashing the extract and the graph, then reading and checking the cache file.
void BM_ContractionCacheRead(benchmark::State& state) {
  const RoadGraph& graph = singapore_data().graph;
  const std::string osm = singapore_paths().osm;
  const std::string path =
      (std::filesystem::temp_directory_path() / ("pitstop-bench-" + std::to_string(::getpid()) + ".ch")).string();
  const HierarchyFileKey key{hash_file(osm), CyclingProfile::kVersion, graph_fingerprint(graph)};
  write_hierarchy_file(path, *graph.contraction_hierarchy, key);
  QueryTimer timer;
  for (auto _ : state) {
    timer.time([&] {
      const HierarchyFileKey current{hash_file(osm), CyclingProfile::kVersion, graph_fingerprint(graph)};
      std::string reason;
      auto read = read_hierarchy_file(path, current, graph, reason);
      if (!read) state.SkipWithError(reason.c_str());
      benchmark::DoNotOptimize(read);
    });
  }
  timer.report(state);
  state.counters["file_mb"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  std::filesystem::remove(path);
}
BENCHMARK(BM_ContractionCacheRead)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
}  // namespace pitstop::bench
