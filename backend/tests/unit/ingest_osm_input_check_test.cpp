#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>
#include <zlib.h>

#include <protozero/pbf_writer.hpp>

#include "geo/errors.hpp"
#include "ingest/osm_input_check.hpp"
#include "ingest/osm_network_reader.hpp"
#include "ingest/osm_pbf_blob_check.hpp"
#include "ingest/osm_xml_coordinate_check.hpp"
#include "parking/osm_parking_reader.hpp"

namespace pitstop {
namespace {

// A residential street from node 101 to node 102, with node 101 at `lat`,
// `lon` and a bicycle parking at node 102.
std::string street_xml(const std::string& lat, const std::string& lon = "103.8500") {
  return "<?xml version='1.0' encoding='UTF-8'?>\n"
         "<osm version=\"0.6\" generator=\"pitstop-test\">\n"
         "  <node id=\"101\" version=\"1\" lat=\"" + lat + "\" lon=\"" + lon + "\"/>\n"
         "  <node id=\"102\" version=\"1\" lat=\"1.3010\" lon=\"103.8510\">\n"
         "    <tag k=\"amenity\" v=\"bicycle_parking\"/>\n"
         "  </node>\n"
         "  <way id=\"201\" version=\"1\">\n"
         "    <nd ref=\"101\"/>\n"
         "    <nd ref=\"102\"/>\n"
         "    <tag k=\"highway\" v=\"residential\"/>\n"
         "  </way>\n"
         "</osm>\n";
}

// The message of the DataFileError that `read` throws, or "" when it throws none.
template <typename Read>
std::string error_message(Read read) {
  try {
    read();
  } catch (const DataFileError& error) {
    return error.what();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// One blob of an OSM PBF file: the 4-byte big-endian BlobHeader length, the
// BlobHeader (type field 1, datasize field 3) and the blob bytes.
std::string pbf_blob(const std::optional<std::string>& type, const std::string& blob) {
  std::string header;
  protozero::pbf_writer writer{header};
  if (type) writer.add_string(1, *type);
  writer.add_int32(3, static_cast<std::int32_t>(blob.size()));

  std::string bytes;
  const auto length = static_cast<std::uint32_t>(header.size());
  for (const int shift : {24, 16, 8, 0}) bytes += static_cast<char>((length >> shift) & 0xff);
  return bytes + header + blob;
}

// A Blob holding an uncompressed HeaderBlock with two required features that
// libosmium supports. With a BlobHeader in front, it is a PBF file without data.
std::string header_blob() {
  std::string header_block;
  protozero::pbf_writer block{header_block};
  block.add_string(4, "OsmSchema-V0.6");
  block.add_string(4, "DenseNodes");

  std::string blob;
  protozero::pbf_writer writer{blob};
  writer.add_bytes(1, header_block);
  writer.add_int32(2, static_cast<std::int32_t>(header_block.size()));
  return blob;
}

class IngestOsmInputCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test_info = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ = std::filesystem::temp_directory_path() /
                 (std::string("pitstop_osm_check_") + test_info->name() + "_" + std::to_string(::getpid()));
    std::filesystem::create_directories(directory_);
  }

  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::string write_file(const std::string& name, const std::string& bytes) {
    const std::filesystem::path path = directory_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }

  std::string write_gzip_file(const std::string& name, const std::string& bytes) {
    const std::string path = (directory_ / name).string();
    gzFile file = gzopen(path.c_str(), "wb");
    EXPECT_NE(file, nullptr);
    EXPECT_EQ(gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size())), static_cast<int>(bytes.size()));
    EXPECT_EQ(gzclose(file), Z_OK);
    return path;
  }

  std::filesystem::path directory_;
};

TEST_F(IngestOsmInputCheck, HugeExponentNamesNodeAndValue) {
  const std::string path = write_file("street.osm", street_xml("1.3e99999"));

  const std::string message = error_message([&] { read_osm_network(path); });

  EXPECT_TRUE(contains(message, path)) << message;
  EXPECT_TRUE(contains(message, "line 3")) << message;
  EXPECT_TRUE(contains(message, "node 101 has lat=\"1.3e99999\"")) << message;
  EXPECT_TRUE(contains(message, "not a plain decimal number")) << message;
  EXPECT_TRUE(contains(message, "such as 1.3521")) << message;
}

TEST_F(IngestOsmInputCheck, ExponentLongitudeRejected) {
  const std::string path = write_file("street.osm", street_xml("1.3000", "1e5"));

  const std::string message = error_message([&] { read_osm_network(path); });

  EXPECT_TRUE(contains(message, "node 101 has lon=\"1e5\"")) << message;
}

TEST_F(IngestOsmInputCheck, NanRejected) {
  const std::string path = write_file("street.osm", street_xml("nan"));

  const std::string message = error_message([&] { read_osm_network(path); });

  EXPECT_TRUE(contains(message, "node 101 has lat=\"nan\"")) << message;
}

TEST_F(IngestOsmInputCheck, HexFloatRejected) {
  const std::string path = write_file("street.osm", street_xml("0x1p0"));

  const std::string message = error_message([&] { read_osm_network(path); });

  EXPECT_TRUE(contains(message, "node 101 has lat=\"0x1p0\"")) << message;
}

TEST_F(IngestOsmInputCheck, ExponentInRangeRejected) {
  // libosmium 2.19 reads "1.3521e0" right but "0.00000000000000000001e20" as 0,
  // so every exponent is rejected.
  for (const std::string lat : {"1.3521e0", "13.521E-1", "0.00000000000000000001e20"}) {
    SCOPED_TRACE(lat);
    const std::string path = write_file("street.osm", street_xml(lat));

    const std::string message = error_message([&] { read_osm_network(path); });

    EXPECT_TRUE(contains(message, "node 101 has lat=\"" + lat + "\"")) << message;
  }
}

TEST_F(IngestOsmInputCheck, OtherNotationsRejected) {
  for (const std::string lat : {"inf", "-inf", "+1.3", " 1.3", "1.3 ", "", "-", ".", "1.2.3", "1,3", "--1"}) {
    SCOPED_TRACE(lat);
    const std::string path = write_file("street.osm", street_xml(lat));

    const std::string message = error_message([&] { check_osm_xml_coordinates(path); });

    EXPECT_TRUE(contains(message, "lat=\"" + lat + "\", which is not a plain decimal number")) << message;
  }
}

TEST_F(IngestOsmInputCheck, OutOfRangeRejected) {
  const std::string latitude = write_file("latitude.osm", street_xml("90.0000001"));
  const std::string longitude = write_file("longitude.osm", street_xml("1.3000", "-180.5"));
  const std::string huge = write_file("huge.osm", street_xml(std::string(400, '9')));

  const std::string latitude_message = error_message([&] { read_osm_network(latitude); });
  const std::string longitude_message = error_message([&] { read_osm_network(longitude); });
  const std::string huge_message = error_message([&] { read_osm_network(huge); });

  EXPECT_TRUE(contains(latitude_message, "lat=\"90.0000001\", which is outside -90 to 90")) << latitude_message;
  EXPECT_TRUE(contains(longitude_message, "lon=\"-180.5\", which is outside -180 to 180")) << longitude_message;
  EXPECT_TRUE(contains(huge_message, "lat=\"" + std::string(40, '9') + "...\"")) << huge_message;
  EXPECT_TRUE(contains(huge_message, "outside -90 to 90")) << huge_message;
}

TEST_F(IngestOsmInputCheck, PlainDecimalFormsAccepted) {
  for (const std::string lat : {"1", "1.3", "-1.3", ".5", "-.5", "1.", "90", "-90.0", "001.30000000000000000000"}) {
    SCOPED_TRACE(lat);
    const std::string path = write_file("street.osm", street_xml(lat));

    EXPECT_NO_THROW(check_osm_xml_coordinates(path));
  }
}

TEST_F(IngestOsmInputCheck, GoodFileStillLoads) {
  const std::string path = write_file("street.osm", street_xml("1.3000"));

  const RoadNetwork network = read_osm_network(path);

  EXPECT_EQ(network.stats.nodes_read, 2u);
  ASSERT_EQ(network.segments.size(), 1u);
  ASSERT_EQ(network.node_locations.size(), 2u);
  EXPECT_DOUBLE_EQ(network.node_locations[0].lat, 1.3);
  EXPECT_DOUBLE_EQ(network.node_locations[0].lon, 103.85);
}

TEST_F(IngestOsmInputCheck, ParkingReaderChecksToo) {
  const std::string bad = write_file("bad.osm", street_xml("1.3e99999"));
  const std::string good = write_file("good.osm", street_xml("1.3000"));

  const std::string message = error_message([&] { read_osm_bicycle_parking(bad); });
  const ParkingLoadResult result = read_osm_bicycle_parking(good);

  EXPECT_TRUE(contains(message, "node 101 has lat=\"1.3e99999\"")) << message;
  EXPECT_EQ(result.spots.size(), 1u);
}

TEST_F(IngestOsmInputCheck, GzipFileChecked) {
  const std::string bad = write_gzip_file("bad.osm.gz", street_xml("1.3e99999"));
  const std::string good = write_gzip_file("good.osm.gz", street_xml("1.3000"));

  const std::string message = error_message([&] { read_osm_network(bad); });
  const RoadNetwork network = read_osm_network(good);

  EXPECT_TRUE(contains(message, bad)) << message;
  EXPECT_TRUE(contains(message, "node 101 has lat=\"1.3e99999\"")) << message;
  EXPECT_EQ(network.segments.size(), 1u);
}

TEST_F(IngestOsmInputCheck, DamagedGzipRejected) {
  const std::string gzip = write_gzip_file("street.osm.gz", street_xml("1.3000"));
  std::string bytes;
  {
    std::ifstream file(gzip, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(file), {});
  }
  const std::string path = write_file("cut.osm.gz", bytes.substr(0, bytes.size() / 2));

  const std::string message = error_message([&] { check_osm_input(path); });

  EXPECT_TRUE(contains(message, path)) << message;
}

TEST_F(IngestOsmInputCheck, WayNodeAndBoundsChecked) {
  const std::string plain_nd = "<nd ref=\"102\"/>";
  std::string located_way = street_xml("1.3000");
  located_way.replace(located_way.find(plain_nd), plain_nd.size(), "<nd ref=\"102\" lat=\"1e0\" lon=\"103.8510\"/>");
  std::string bounds = street_xml("1.3000");
  bounds.replace(bounds.find("  <node"), 0, "  <bounds minlat=\"1.2\" minlon=\"103.8\" maxlat=\"1.4\" maxlon=\"1E3\"/>\n");
  const std::string way_path = write_file("way.osm", located_way);
  const std::string bounds_path = write_file("bounds.osm", bounds);

  const std::string way_message = error_message([&] { read_osm_network(way_path); });
  const std::string bounds_message = error_message([&] { read_osm_network(bounds_path); });

  EXPECT_TRUE(contains(way_message, "<nd ref=\"102\"> has lat=\"1e0\"")) << way_message;
  EXPECT_TRUE(contains(bounds_message, "<bounds> has maxlon=\"1E3\"")) << bounds_message;
}

TEST_F(IngestOsmInputCheck, ControlCharactersReplaced) {
  const std::string path = write_file("street.osm", street_xml("1.3&#10;&#9;x"));

  const std::string message = error_message([&] { read_osm_network(path); });

  EXPECT_TRUE(contains(message, "lat=\"1.3??x\"")) << message;
}

TEST_F(IngestOsmInputCheck, EntityDeclarationRejected) {
  std::string text = street_xml("&lat;");
  text.replace(text.find("<osm"), 0, "<!DOCTYPE osm [<!ENTITY lat \"1.3\">]>\n");
  const std::string path = write_file("street.osm", text);

  const std::string message = error_message([&] { read_osm_network(path); });

  EXPECT_TRUE(contains(message, "declares the entity 'lat'")) << message;
}

TEST_F(IngestOsmInputCheck, MalformedXmlNamesLine) {
  std::string text = street_xml("1.3000");
  text.replace(text.find("</way>"), 6, "</wy>");
  const std::string path = write_file("street.osm", text);

  const std::string message = error_message([&] { read_osm_network(path); });

  EXPECT_TRUE(contains(message, "invalid XML in OSM file '" + path + "' at line 11")) << message;
}

TEST_F(IngestOsmInputCheck, PbfWithoutTypeRejected) {
  // libosmium 2.19 would accept this file: it compares the missing type with
  // strncmp over 0 bytes, passing it a null pointer.
  const std::string path = write_file("typeless.osm.pbf", pbf_blob(std::nullopt, header_blob()));

  const std::string message = error_message([&] { read_osm_network(path); });

  EXPECT_TRUE(contains(message, path)) << message;
  EXPECT_TRUE(contains(message, "BlobHeader at byte 0 has no type, but \"OSMHeader\" is expected")) << message;
}

TEST_F(IngestOsmInputCheck, PbfParkingReaderChecksToo) {
  const std::string path = write_file("typeless.osm.pbf", pbf_blob(std::nullopt, "xyz"));

  const std::string message = error_message([&] { read_osm_bicycle_parking(path); });

  EXPECT_TRUE(contains(message, "has no type")) << message;
}

TEST_F(IngestOsmInputCheck, PbfWrongTypeRejected) {
  // libosmium 2.19 would read the first file: "OSM" is a prefix of "OSMHeader".
  const std::string prefix = write_file("prefix.osm.pbf", pbf_blob("OSM", header_blob()));
  const std::string first_blob = pbf_blob("OSMHeader", header_blob());
  const std::string second = write_file("second.osm.pbf", first_blob + pbf_blob("OSMHead", "xyz"));

  const std::string prefix_message = error_message([&] { check_osm_input(prefix); });
  const std::string second_message = error_message([&] { check_osm_input(second); });

  EXPECT_TRUE(contains(prefix_message, "BlobHeader at byte 0 has the type \"OSM\", but \"OSMHeader\" is expected"))
      << prefix_message;
  EXPECT_TRUE(contains(second_message, "BlobHeader at byte " + std::to_string(first_blob.size()) +
                                           " has the type \"OSMHead\", but \"OSMData\" is expected"))
      << second_message;
}

TEST_F(IngestOsmInputCheck, PbfTruncationRejected) {
  const std::string whole = pbf_blob("OSMHeader", header_blob());
  const std::string cut_blob = write_file("cut-blob.osm.pbf", whole.substr(0, whole.size() - 1));
  const std::string cut_header = write_file("cut-header.osm.pbf", whole.substr(0, 6));
  const std::string trailing = write_file("trailing.osm.pbf", whole + "\x01\x02");

  const std::string cut_blob_message = error_message([&] { check_osm_pbf_blob_headers(cut_blob); });
  const std::string cut_header_message = error_message([&] { check_osm_pbf_blob_headers(cut_header); });
  const std::string trailing_message = error_message([&] { check_osm_pbf_blob_headers(trailing); });

  EXPECT_TRUE(contains(cut_blob_message, "announces a blob of")) << cut_blob_message;
  EXPECT_TRUE(contains(cut_header_message, "is cut off by the end of the file")) << cut_header_message;
  EXPECT_TRUE(contains(trailing_message, "BlobHeader at byte " + std::to_string(whole.size()) + " is cut off"))
      << trailing_message;
}

TEST_F(IngestOsmInputCheck, PbfGarbageHeaderRejected) {
  const std::string path = write_file("garbage.osm.pbf", std::string("\x00\x00\x00\x03\xff\xff\xff", 7));

  const std::string message = error_message([&] { check_osm_pbf_blob_headers(path); });

  EXPECT_TRUE(contains(message, "is not a valid protobuf message")) << message;
}

TEST_F(IngestOsmInputCheck, PbfWithTypesPasses) {
  const std::string path = write_file("empty.osm.pbf", pbf_blob("OSMHeader", header_blob()));

  EXPECT_NO_THROW(check_osm_pbf_blob_headers(path));
  EXPECT_EQ(read_osm_network(path).segments.size(), 0u);
}

}  // namespace
}  // namespace pitstop
