#include "contraction/hierarchy_setup.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include <spdlog/spdlog.h>

#include "contraction/hierarchy_builder.hpp"
#include "contraction/hierarchy_file.hpp"
#include "geo/errors.hpp"

namespace pitstop {
namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A folder without any write permission bit is meant to stay unchanged, even
// for root, whom the kernel lets write there anyway.
bool is_marked_read_only(const std::filesystem::path& folder) {
  using std::filesystem::perms;
  std::error_code error;
  const perms permissions = std::filesystem::status(folder, error).permissions();
  if (error) return false;
  return (permissions & (perms::owner_write | perms::group_write | perms::others_write)) == perms::none;
}

}  // namespace

std::string hierarchy_cache_path(const std::string& osm_path) {
  const std::filesystem::path extract(osm_path);
  const std::string folder = environment("PITSTOP_CACHE_DIR");
  const std::filesystem::path directory = folder.empty() ? extract.parent_path() : std::filesystem::path(folder);
  return (directory / (extract.filename().string() + ".ch")).string();
}

HierarchySource attach_contraction_hierarchy(RoadGraph& graph, const std::string& osm_path) {
  const std::string routing = environment("PITSTOP_ROUTING");
  if (routing == "dijkstra") {
    spdlog::info("routing: PITSTOP_ROUTING=dijkstra, routes and plans use the Dijkstra search");
    graph.contraction_hierarchy.reset();
    return HierarchySource::None;
  }
  if (!routing.empty() && routing != "contraction") {
    throw InputError("invalid PITSTOP_ROUTING '" + routing + "': use contraction or dijkstra");
  }

  const auto started = std::chrono::steady_clock::now();
  const HierarchyFileKey key{hash_file(osm_path), CyclingProfile::kVersion, graph_fingerprint(graph)};
  const std::string cache_path = hierarchy_cache_path(osm_path);

  std::string reason;
  if (auto cached = read_hierarchy_file(cache_path, key, graph, reason)) {
    graph.contraction_hierarchy = std::make_shared<ContractionHierarchy>(std::move(*cached));
    spdlog::info("routing: contraction hierarchy read from {} in {:.2f} s", cache_path, seconds_since(started));
    return HierarchySource::Loaded;
  }
  if (std::filesystem::exists(cache_path)) {
    spdlog::warn("routing: contraction hierarchy cache {} is {}; rebuilding it", cache_path, reason);
  }

  auto hierarchy = std::make_shared<ContractionHierarchy>(build_contraction_hierarchy(graph));
  spdlog::info("routing: contraction hierarchy built in {:.2f} s: {} arcs, {} of them shortcuts, {:.1f} MB",
               seconds_since(started), hierarchy->arcs.size(), hierarchy->shortcut_count(),
               hierarchy->memory_bytes() / 1e6);
  const std::filesystem::path cache_folder = std::filesystem::path(cache_path).parent_path();
  if (is_marked_read_only(cache_folder.empty() ? "." : cache_folder)) {
    spdlog::info("routing: contraction hierarchy not cached, because {} is read-only (set PITSTOP_CACHE_DIR to a "
                 "writable folder)",
                 cache_folder.string());
    graph.contraction_hierarchy = std::move(hierarchy);
    return HierarchySource::Built;
  }
  try {
    write_hierarchy_file(cache_path, *hierarchy, key);
    spdlog::info("routing: contraction hierarchy cached in {}", cache_path);
  } catch (const DataFileError& error) {
    spdlog::warn("routing: contraction hierarchy not cached: {} (set PITSTOP_CACHE_DIR to a writable folder)",
                 error.what());
  }
  graph.contraction_hierarchy = std::move(hierarchy);
  return HierarchySource::Built;
}

}  // namespace pitstop
