#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "contraction/contraction_hierarchy.hpp"
#include "graph/road_graph.hpp"

namespace pitstop {

// Inputs that a stored hierarchy was built from. A file whose key differs
// from the current one is stale.
struct HierarchyFileKey {
  std::uint64_t extract_hash = 0;       // of the OSM extract's bytes
  std::uint32_t profile_version = 0;    // CyclingProfile::kVersion
  std::uint64_t graph_fingerprint = 0;  // of the graph's nodes and edges
  bool operator==(const HierarchyFileKey&) const = default;
};

// 64-bit FNV-1a hash of a file's bytes. Throws DataFileError when it cannot be read.
std::uint64_t hash_file(const std::string& path);

// Hash of the node count and of every edge's ends and duration: the inputs of
// contraction. It changes when ingest or graph building changes the graph.
std::uint64_t graph_fingerprint(const RoadGraph& graph);

// Writes `hierarchy` to `path` with its key and a checksum, through a
// temporary file renamed into place. Throws DataFileError when writing fails.
void write_hierarchy_file(const std::string& path, const ContractionHierarchy& hierarchy,
                          const HierarchyFileKey& key);

// Reads a hierarchy written by write_hierarchy_file. Returns nothing, and
// sets `reason`, when the file is missing, unreadable, of another format
// version, stale (another key), corrupt (checksum mismatch or truncated), or
// inconsistent with `graph`.
std::optional<ContractionHierarchy> read_hierarchy_file(const std::string& path, const HierarchyFileKey& key,
                                                        const RoadGraph& graph, std::string& reason);

}  // namespace pitstop
