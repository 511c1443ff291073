#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "contraction/hierarchy_builder.hpp"
#include "contraction/hierarchy_file.hpp"
#include "contraction/hierarchy_setup.hpp"
#include "geo/errors.hpp"
#include "graph/road_graph_builder.hpp"
#include "support/random_road_network.hpp"

namespace pitstop {
namespace {

using testing::make_random_network;

// A temporary folder with a stand-in extract file, and PITSTOP_CACHE_DIR
// pointing at a cache folder inside it; both are removed afterwards.
class HierarchyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("pitstop-hierarchy-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(folder_ / "cache");
    extract_ = (folder_ / "extract.osm.pbf").string();
    write_text(extract_, "stand-in extract bytes");
    ::setenv("PITSTOP_CACHE_DIR", (folder_ / "cache").c_str(), 1);
    ::unsetenv("PITSTOP_ROUTING");

    std::mt19937 random(17);
    graph_ = build_road_graph(make_random_network(random, false));
    hierarchy_ = build_contraction_hierarchy(graph_);
    key_ = HierarchyFileKey{hash_file(extract_), CyclingProfile::kVersion, graph_fingerprint(graph_)};
  }

  void TearDown() override {
    ::unsetenv("PITSTOP_CACHE_DIR");
    std::filesystem::remove_all(folder_);
  }

  static void write_text(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }

  static std::string read_bytes(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  }

  std::string cache_file() const { return (folder_ / "cache" / "extract.osm.pbf.ch").string(); }

  std::filesystem::path folder_;
  std::string extract_;
  RoadGraph graph_;
  ContractionHierarchy hierarchy_;
  HierarchyFileKey key_;
};

void expect_same_hierarchy(const ContractionHierarchy& actual, const ContractionHierarchy& expected) {
  EXPECT_EQ(actual.node_rank, expected.node_rank);
  ASSERT_EQ(actual.arcs.size(), expected.arcs.size());
  for (std::size_t i = 0; i < actual.arcs.size(); ++i) {
    EXPECT_EQ(actual.arcs[i].tail, expected.arcs[i].tail);
    EXPECT_EQ(actual.arcs[i].head, expected.arcs[i].head);
    EXPECT_EQ(actual.arcs[i].duration_s, expected.arcs[i].duration_s);
    EXPECT_EQ(actual.arcs[i].edge, expected.arcs[i].edge);
    EXPECT_EQ(actual.arcs[i].middle_node, expected.arcs[i].middle_node);
    EXPECT_EQ(actual.arcs[i].first_child, expected.arcs[i].first_child);
    EXPECT_EQ(actual.arcs[i].second_child, expected.arcs[i].second_child);
  }
  EXPECT_EQ(actual.first_upward_out, expected.first_upward_out);
  EXPECT_EQ(actual.first_upward_in, expected.first_upward_in);
  ASSERT_EQ(actual.upward_out_arcs.size(), expected.upward_out_arcs.size());
  for (std::size_t i = 0; i < actual.upward_out_arcs.size(); ++i) {
    EXPECT_EQ(actual.upward_out_arcs[i].arc, expected.upward_out_arcs[i].arc);
  }
  ASSERT_EQ(actual.upward_in_arcs.size(), expected.upward_in_arcs.size());
}

TEST_F(HierarchyFileTest, RoundTripKeepsEveryArc) {
  write_hierarchy_file(cache_file(), hierarchy_, key_);
  std::string reason;
  const auto read = read_hierarchy_file(cache_file(), key_, graph_, reason);
  ASSERT_TRUE(read.has_value()) << reason;
  expect_same_hierarchy(*read, hierarchy_);
}

TEST_F(HierarchyFileTest, FlippedByteIsCorrupt) {
  write_hierarchy_file(cache_file(), hierarchy_, key_);
  std::string bytes = read_bytes(cache_file());
  for (const std::size_t position : {bytes.size() / 2, bytes.size() - 3, std::size_t{40}}) {
    std::string damaged = bytes;
    damaged[position] = static_cast<char>(damaged[position] ^ 0x10);
    write_text(cache_file(), damaged);
    std::string reason;
    EXPECT_FALSE(read_hierarchy_file(cache_file(), key_, graph_, reason).has_value()) << "byte " << position;
    EXPECT_NE(reason.find("corrupt"), std::string::npos) << reason;
  }
}

TEST_F(HierarchyFileTest, TruncatedFileIsRejected) {
  write_hierarchy_file(cache_file(), hierarchy_, key_);
  const std::string bytes = read_bytes(cache_file());
  for (const std::size_t length : {std::size_t{0}, std::size_t{12}, bytes.size() / 3, bytes.size() - 1}) {
    write_text(cache_file(), bytes.substr(0, length));
    std::string reason;
    EXPECT_FALSE(read_hierarchy_file(cache_file(), key_, graph_, reason).has_value()) << "length " << length;
    EXPECT_FALSE(reason.empty());
  }
}

TEST_F(HierarchyFileTest, OtherKeyIsStale) {
  write_hierarchy_file(cache_file(), hierarchy_, key_);
  HierarchyFileKey other_extract = key_;
  other_extract.extract_hash += 1;
  HierarchyFileKey other_profile = key_;
  other_profile.profile_version += 1;
  HierarchyFileKey other_graph = key_;
  other_graph.graph_fingerprint += 1;
  for (const HierarchyFileKey& key : {other_extract, other_profile, other_graph}) {
    std::string reason;
    EXPECT_FALSE(read_hierarchy_file(cache_file(), key, graph_, reason).has_value());
    EXPECT_NE(reason.find("stale"), std::string::npos) << reason;
  }
}

TEST_F(HierarchyFileTest, FileForOtherGraphIsRejected) {
  std::mt19937 random(18);
  const RoadGraph other = build_road_graph(make_random_network(random, false));
  write_hierarchy_file(cache_file(), build_contraction_hierarchy(other), key_);
  std::string reason;
  EXPECT_FALSE(read_hierarchy_file(cache_file(), key_, graph_, reason).has_value());
  EXPECT_FALSE(reason.empty());
}

TEST_F(HierarchyFileTest, AttachBuildsThenReadsCache) {
  RoadGraph first = graph_;
  EXPECT_EQ(attach_contraction_hierarchy(first, extract_), HierarchySource::Built);
  ASSERT_TRUE(first.contraction_hierarchy);
  EXPECT_TRUE(std::filesystem::exists(cache_file()));

  RoadGraph second = graph_;
  EXPECT_EQ(attach_contraction_hierarchy(second, extract_), HierarchySource::Loaded);
  ASSERT_TRUE(second.contraction_hierarchy);
  expect_same_hierarchy(*second.contraction_hierarchy, *first.contraction_hierarchy);
}

TEST_F(HierarchyFileTest, AttachRebuildsCorruptCacheWithLogLine) {
  RoadGraph graph = graph_;
  ASSERT_EQ(attach_contraction_hierarchy(graph, extract_), HierarchySource::Built);
  std::string bytes = read_bytes(cache_file());
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x01);
  write_text(cache_file(), bytes);

  auto previous = spdlog::default_logger();
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(100);
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));
  RoadGraph rebuilt = graph_;
  const HierarchySource source = attach_contraction_hierarchy(rebuilt, extract_);
  spdlog::set_default_logger(previous);

  EXPECT_EQ(source, HierarchySource::Built);
  bool logged = false;
  for (const std::string& line : sink->last_formatted()) {
    logged = logged || (line.find("corrupt") != std::string::npos && line.find("rebuilding") != std::string::npos);
  }
  EXPECT_TRUE(logged) << "no log line names the corrupt cache";
  // The rebuilt hierarchy replaced the corrupt file.
  RoadGraph again = graph_;
  EXPECT_EQ(attach_contraction_hierarchy(again, extract_), HierarchySource::Loaded);
}

TEST_F(HierarchyFileTest, ChangedExtractRebuilds) {
  RoadGraph graph = graph_;
  ASSERT_EQ(attach_contraction_hierarchy(graph, extract_), HierarchySource::Built);
  write_text(extract_, "another extract");
  RoadGraph changed = graph_;
  EXPECT_EQ(attach_contraction_hierarchy(changed, extract_), HierarchySource::Built);
}

TEST_F(HierarchyFileTest, UnwritableCacheStillAttaches) {
  ::setenv("PITSTOP_CACHE_DIR", (folder_ / "missing" / "folder").c_str(), 1);
  RoadGraph graph = graph_;
  EXPECT_EQ(attach_contraction_hierarchy(graph, extract_), HierarchySource::Built);
  EXPECT_TRUE(graph.contraction_hierarchy);
}

TEST_F(HierarchyFileTest, ReadOnlyFolderIsLeftUnchanged) {
  const std::filesystem::path read_only = folder_ / "read-only";
  std::filesystem::create_directories(read_only);
  std::filesystem::permissions(read_only, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  ::setenv("PITSTOP_CACHE_DIR", read_only.c_str(), 1);
  RoadGraph graph = graph_;
  EXPECT_EQ(attach_contraction_hierarchy(graph, extract_), HierarchySource::Built);
  EXPECT_TRUE(graph.contraction_hierarchy);
  EXPECT_TRUE(std::filesystem::is_empty(read_only));
  std::filesystem::permissions(read_only, std::filesystem::perms::owner_all);
}

TEST_F(HierarchyFileTest, DijkstraSwitchAttachesNothing) {
  ::setenv("PITSTOP_ROUTING", "dijkstra", 1);
  RoadGraph graph = graph_;
  EXPECT_EQ(attach_contraction_hierarchy(graph, extract_), HierarchySource::None);
  EXPECT_FALSE(graph.contraction_hierarchy);
  ::setenv("PITSTOP_ROUTING", "fastest", 1);
  EXPECT_THROW(attach_contraction_hierarchy(graph, extract_), InputError);
  ::unsetenv("PITSTOP_ROUTING");
}

}  // namespace
}  // namespace pitstop
