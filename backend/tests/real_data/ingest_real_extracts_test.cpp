#include <gtest/gtest.h>

#include <filesystem>

#include <osmium/io/any_input.hpp>
#include <osmium/io/any_output.hpp>

#include "geo/errors.hpp"
#include "graph/edge_snapper.hpp"
#include "graph/road_graph_builder.hpp"
#include "ingest/osm_network_reader.hpp"
#include "real_data_fixture.hpp"
#include "routing/router.hpp"

namespace pitstop {
namespace {

using testing::data_file;

TEST(IngestRealExtracts, SingaporeCountsMatchTheExtract) {
  const RoadNetwork network = read_osm_network(data_file("osm/singapore-bike-network-2025-12.osm.pbf"));
  EXPECT_EQ(network.stats.nodes_read, 152815u);
  EXPECT_EQ(network.stats.ways_read, 56489u);
  EXPECT_GT(network.stats.ways_routable, 50000u);
  EXPECT_EQ(network.stats.way_nodes_missing, 0u);
  EXPECT_GT(network.segments.size(), network.stats.ways_routable);
}

TEST(IngestRealExtracts, MonacoRoutesAcrossTown) {
  RoadGraph graph = build_road_graph(read_osm_network(data_file("osm/monaco-2020-02.osm.pbf")));
  ASSERT_GT(graph.node_count(), 1000u);
  EXPECT_GT(graph.component_node_count.front(), graph.node_count() / 2);

  const EdgeSnapper snapper(graph);
  const LatLon casino{43.7396, 7.4281};
  const LatLon fontvieille{43.7312, 7.4180};
  const SnappedTrip trip = snap_trip(snapper, graph, casino, fontvieille, 300.0);
  const auto route = find_fastest_route(graph, trip.start, trip.destination);
  ASSERT_TRUE(route.has_value());
  EXPECT_GT(route->distance_m, haversine_m(casino, fontvieille) * 0.8);
  EXPECT_LT(route->distance_m, 5000.0);
}

// Converts the Monaco extract to another format with libosmium's writer.
std::string convert_monaco(const std::string& extension) {
  const auto path = std::filesystem::temp_directory_path() / ("pitstop-monaco-test." + extension);
  std::filesystem::remove(path);
  osmium::io::Reader reader(data_file("osm/monaco-2020-02.osm.pbf"));
  osmium::io::Writer writer(path.string(), reader.header());
  while (osmium::memory::Buffer buffer = reader.read()) writer(std::move(buffer));
  writer.close();
  reader.close();
  return path.string();
}

TEST(IngestRealExtracts, XmlAndBzip2ReadLikePbf) {
  const RoadNetwork from_pbf = read_osm_network(data_file("osm/monaco-2020-02.osm.pbf"));
  for (const std::string extension : {"osm", "osm.bz2"}) {
    SCOPED_TRACE(extension);
    const std::string path = convert_monaco(extension);
    const RoadNetwork network = read_osm_network(path);
    EXPECT_EQ(network.stats.ways_routable, from_pbf.stats.ways_routable);
    EXPECT_EQ(network.segments.size(), from_pbf.segments.size());
    std::filesystem::remove(path);
  }
}

TEST(IngestRealExtracts, MissingFileNamesThePath) {
  try {
    read_osm_network("/nonexistent/extract.osm.pbf");
    FAIL() << "expected DataFileError";
  } catch (const DataFileError& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent/extract.osm.pbf"), std::string::npos);
  }
}

}  // namespace
}  // namespace pitstop
