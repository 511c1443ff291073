#include "contraction/hierarchy_file.hpp"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <type_traits>

#include <fmt/format.h>

#include "geo/errors.hpp"

namespace pitstop {
namespace {

constexpr char kMagic[8] = {'P', 'I', 'T', 'S', 'T', 'O', 'P', 'H'};
// Raise with every change to the layout below.
constexpr std::uint32_t kFormatVersion = 1;

constexpr std::uint64_t kFnvOffset = 14695981039346656037ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

std::uint64_t fnv1a(const char* data, std::size_t size, std::uint64_t hash = kFnvOffset) {
  for (std::size_t i = 0; i < size; ++i) {
    hash ^= static_cast<unsigned char>(data[i]);
    hash *= kFnvPrime;
  }
  return hash;
}

template <typename T>
std::uint64_t fnv1a_value(T value, std::uint64_t hash) {
  static_assert(std::is_trivially_copyable_v<T>);
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  return fnv1a(bytes, sizeof(T), hash);
}

// Appends values in the machine's byte order; the file is a cache for the
// machine that wrote it.
class ByteWriter {
 public:
  template <typename T>
  void put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* bytes = reinterpret_cast<const char*>(&value);
    buffer_.append(bytes, sizeof(T));
  }
  std::string& buffer() { return buffer_; }

 private:
  std::string buffer_;
};

// Reads values back, failing once past the end.
class ByteReader {
 public:
  ByteReader(const char* data, std::size_t size) : data_(data), size_(size) {}

  template <typename T>
  bool get(T& value) {
    if (size_ - position_ < sizeof(T)) return false;
    std::memcpy(&value, data_ + position_, sizeof(T));
    position_ += sizeof(T);
    return true;
  }
  std::size_t remaining() const { return size_ - position_; }

 private:
  const char* data_;
  std::size_t size_;
  std::size_t position_ = 0;
};

void put_upward_arcs(ByteWriter& writer, const std::vector<UpwardArc>& arcs) {
  for (const UpwardArc& arc : arcs) {
    writer.put(arc.node);
    writer.put(arc.duration_s);
    writer.put(arc.arc);
  }
}

bool get_upward_arcs(ByteReader& reader, std::vector<UpwardArc>& arcs) {
  for (UpwardArc& arc : arcs) {
    if (!reader.get(arc.node) || !reader.get(arc.duration_s) || !reader.get(arc.arc)) return false;
  }
  return true;
}

// Checks everything a query or unpacking relies on, so that a file that
// passed the checksum by accident or by design cannot crash or loop.
std::string find_inconsistency(const ContractionHierarchy& hierarchy, const RoadGraph& graph) {
  const std::size_t node_count = graph.node_count();
  const std::size_t arc_count = hierarchy.arcs.size();
  std::vector<bool> rank_seen(node_count, false);
  for (std::uint32_t rank : hierarchy.node_rank) {
    if (rank >= node_count || rank_seen[rank]) return fmt::format("node rank {} is out of range or repeated", rank);
    rank_seen[rank] = true;
  }
  const auto& rank = hierarchy.node_rank;
  for (ArcId id = 0; id < arc_count; ++id) {
    const ContractionArc& arc = hierarchy.arcs[id];
    if (arc.tail >= node_count || arc.head >= node_count) return fmt::format("arc {} has an invalid node", id);
    if (arc.edge != kInvalidId) {
      if (arc.edge >= graph.edge_count()) return fmt::format("arc {} has an invalid edge", id);
      const Edge& edge = graph.edges[arc.edge];
      if (edge.source != arc.tail || edge.target != arc.head || edge.duration_s != arc.duration_s) {
        return fmt::format("arc {} does not match edge {}", id, arc.edge);
      }
      continue;
    }
    if (arc.middle_node >= node_count || arc.first_child >= arc_count || arc.second_child >= arc_count) {
      return fmt::format("shortcut {} has an invalid middle node or child", id);
    }
    const ContractionArc& first = hierarchy.arcs[arc.first_child];
    const ContractionArc& second = hierarchy.arcs[arc.second_child];
    // The middle node ranks below both ends, so unpacking always ends.
    if (first.tail != arc.tail || first.head != arc.middle_node || second.tail != arc.middle_node ||
        second.head != arc.head || rank[arc.middle_node] >= rank[arc.tail] ||
        rank[arc.middle_node] >= rank[arc.head] || first.duration_s + second.duration_s != arc.duration_s) {
      return fmt::format("shortcut {} does not match its children", id);
    }
  }
  auto check_upward = [&](const std::vector<std::uint32_t>& first, const std::vector<UpwardArc>& arcs,
                          bool outgoing) -> std::string {
    if (first.size() != node_count + 1 || first.front() != 0 || first.back() != arcs.size()) {
      return "an upward arc index has the wrong size";
    }
    for (NodeId node = 0; node < node_count; ++node) {
      if (first[node] > first[node + 1]) return "an upward arc index is not sorted";
      for (std::uint32_t i = first[node]; i < first[node + 1]; ++i) {
        const UpwardArc& arc = arcs[i];
        if (arc.node >= node_count || arc.arc >= arc_count) return fmt::format("upward arc {} is invalid", i);
        const ContractionArc& data = hierarchy.arcs[arc.arc];
        const bool ends_match = outgoing ? data.tail == node && data.head == arc.node
                                         : data.head == node && data.tail == arc.node;
        if (!ends_match || data.duration_s != arc.duration_s || rank[arc.node] <= rank[node]) {
          return fmt::format("upward arc {} does not match arc {}", i, arc.arc);
        }
      }
    }
    return "";
  };
  std::string problem = check_upward(hierarchy.first_upward_out, hierarchy.upward_out_arcs, true);
  if (problem.empty()) problem = check_upward(hierarchy.first_upward_in, hierarchy.upward_in_arcs, false);
  return problem;
}

}  // namespace

std::uint64_t hash_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw DataFileError(fmt::format("cannot read '{}' to hash it: check that it exists and is readable", path));
  std::uint64_t hash = kFnvOffset;
  std::vector<char> block(1 << 16);
  while (file) {
    file.read(block.data(), static_cast<std::streamsize>(block.size()));
    hash = fnv1a(block.data(), static_cast<std::size_t>(file.gcount()), hash);
  }
  if (file.bad()) throw DataFileError(fmt::format("reading '{}' failed while hashing it", path));
  return hash;
}

std::uint64_t graph_fingerprint(const RoadGraph& graph) {
  std::uint64_t hash = fnv1a_value(static_cast<std::uint64_t>(graph.node_count()), kFnvOffset);
  for (const Edge& edge : graph.edges) {
    hash = fnv1a_value(edge.source, hash);
    hash = fnv1a_value(edge.target, hash);
    hash = fnv1a_value(edge.duration_s, hash);
  }
  return hash;
}

void write_hierarchy_file(const std::string& path, const ContractionHierarchy& hierarchy,
                          const HierarchyFileKey& key) {
  ByteWriter writer;
  writer.buffer().append(kMagic, sizeof(kMagic));
  writer.put(kFormatVersion);
  writer.put(key.extract_hash);
  writer.put(key.profile_version);
  writer.put(key.graph_fingerprint);
  writer.put(static_cast<std::uint64_t>(hierarchy.node_rank.size()));
  writer.put(static_cast<std::uint64_t>(hierarchy.arcs.size()));
  writer.put(static_cast<std::uint64_t>(hierarchy.upward_out_arcs.size()));
  writer.put(static_cast<std::uint64_t>(hierarchy.upward_in_arcs.size()));
  for (std::uint32_t rank : hierarchy.node_rank) writer.put(rank);
  for (const ContractionArc& arc : hierarchy.arcs) {
    writer.put(arc.tail);
    writer.put(arc.head);
    writer.put(arc.duration_s);
    writer.put(arc.edge);
    writer.put(arc.middle_node);
    writer.put(arc.first_child);
    writer.put(arc.second_child);
  }
  for (std::uint32_t first : hierarchy.first_upward_out) writer.put(first);
  put_upward_arcs(writer, hierarchy.upward_out_arcs);
  for (std::uint32_t first : hierarchy.first_upward_in) writer.put(first);
  put_upward_arcs(writer, hierarchy.upward_in_arcs);
  const std::string& content = writer.buffer();
  const std::uint64_t checksum = fnv1a(content.data(), content.size());

  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file.write(content.data(), static_cast<std::streamsize>(content.size()));
    file.write(reinterpret_cast<const char*>(&checksum), sizeof(checksum));
    file.close();
    if (!file) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw DataFileError(fmt::format("writing '{}' failed: check that its folder exists and is writable", temporary));
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    throw DataFileError(fmt::format("renaming '{}' to '{}' failed", temporary, path));
  }
}

std::optional<ContractionHierarchy> read_hierarchy_file(const std::string& path, const HierarchyFileKey& key,
                                                        const RoadGraph& graph, std::string& reason) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    reason = "missing or unreadable";
    return std::nullopt;
  }
  const std::string content((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (file.bad()) {
    reason = "read failed";
    return std::nullopt;
  }
  if (content.size() < sizeof(kMagic) + sizeof(std::uint64_t) ||
      std::memcmp(content.data(), kMagic, sizeof(kMagic)) != 0) {
    reason = "not a contraction hierarchy file";
    return std::nullopt;
  }
  const std::size_t payload_size = content.size() - sizeof(std::uint64_t);
  std::uint64_t stored_checksum = 0;
  std::memcpy(&stored_checksum, content.data() + payload_size, sizeof(stored_checksum));
  if (fnv1a(content.data(), payload_size) != stored_checksum) {
    reason = "corrupt (checksum mismatch)";
    return std::nullopt;
  }

  ByteReader reader(content.data() + sizeof(kMagic), payload_size - sizeof(kMagic));
  std::uint32_t format_version = 0;
  HierarchyFileKey stored;
  std::uint64_t node_count = 0, arc_count = 0, upward_out_count = 0, upward_in_count = 0;
  if (!reader.get(format_version) || format_version != kFormatVersion) {
    reason = fmt::format("format version {} instead of {}", format_version, kFormatVersion);
    return std::nullopt;
  }
  if (!reader.get(stored.extract_hash) || !reader.get(stored.profile_version) ||
      !reader.get(stored.graph_fingerprint) || !reader.get(node_count) || !reader.get(arc_count) ||
      !reader.get(upward_out_count) || !reader.get(upward_in_count)) {
    reason = "corrupt (truncated header)";
    return std::nullopt;
  }
  if (!(stored == key)) {
    reason = stored.extract_hash != key.extract_hash         ? "stale (built from another extract)"
             : stored.profile_version != key.profile_version ? "stale (built with another profile version)"
                                                              : "stale (built from another graph)";
    return std::nullopt;
  }
  // Counts must fit in the bytes left before anything is allocated. Each
  // count is checked alone first, so that the sum below cannot overflow.
  for (const std::uint64_t count : {node_count, arc_count, upward_out_count, upward_in_count}) {
    if (count > reader.remaining()) {
      reason = "corrupt (counts larger than the file)";
      return std::nullopt;
    }
  }
  const std::uint64_t needed = node_count * 4 + arc_count * 32 + (upward_out_count + upward_in_count) * 16 +
                               (node_count + 1) * 8;
  if (node_count != graph.node_count() || needed != reader.remaining()) {
    reason = "corrupt (sizes do not match the graph or the file length)";
    return std::nullopt;
  }

  ContractionHierarchy hierarchy;
  hierarchy.node_rank.resize(node_count);
  hierarchy.arcs.resize(arc_count);
  hierarchy.first_upward_out.resize(node_count + 1);
  hierarchy.upward_out_arcs.resize(upward_out_count);
  hierarchy.first_upward_in.resize(node_count + 1);
  hierarchy.upward_in_arcs.resize(upward_in_count);
  bool complete = true;
  for (std::uint32_t& rank : hierarchy.node_rank) complete = complete && reader.get(rank);
  for (ContractionArc& arc : hierarchy.arcs) {
    complete = complete && reader.get(arc.tail) && reader.get(arc.head) && reader.get(arc.duration_s) &&
               reader.get(arc.edge) && reader.get(arc.middle_node) && reader.get(arc.first_child) &&
               reader.get(arc.second_child);
  }
  for (std::uint32_t& first : hierarchy.first_upward_out) complete = complete && reader.get(first);
  complete = complete && get_upward_arcs(reader, hierarchy.upward_out_arcs);
  for (std::uint32_t& first : hierarchy.first_upward_in) complete = complete && reader.get(first);
  complete = complete && get_upward_arcs(reader, hierarchy.upward_in_arcs);
  if (!complete) {
    reason = "corrupt (truncated)";
    return std::nullopt;
  }
  const std::string problem = find_inconsistency(hierarchy, graph);
  if (!problem.empty()) {
    reason = "inconsistent with the graph: " + problem;
    return std::nullopt;
  }
  return hierarchy;
}

}  // namespace pitstop
