#pragma once

#include <string>

#include "graph/road_graph.hpp"

namespace pitstop {

// Origin of the hierarchy that attach_contraction_hierarchy attached.
enum class HierarchySource { None, Built, Loaded };

// Sets graph.contraction_hierarchy, built from `graph` or read from the cache
// file `<cache folder>/<extract file name>.ch`. The cache folder is
// PITSTOP_CACHE_DIR, or the extract's own folder when that is unset. The file
// is used only when it was written for the same extract bytes, profile
// version and graph. A stale, corrupt or unreadable file is logged and
// rebuilt. A cache that cannot be written, or whose folder has no write
// permission bit (as a shared, read-only data folder), is logged and skipped.
//
// PITSTOP_ROUTING selects the search: "contraction" (the default) or
// "dijkstra", which attaches nothing, so that every route and plan uses the
// Dijkstra search. Throws InputError for any other value.
HierarchySource attach_contraction_hierarchy(RoadGraph& graph, const std::string& osm_path);

// The cache file's path for an extract, following the rules above.
std::string hierarchy_cache_path(const std::string& osm_path);

}  // namespace pitstop
