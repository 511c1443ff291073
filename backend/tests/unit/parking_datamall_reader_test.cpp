#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "geo/errors.hpp"
#include "parking/datamall_reader.hpp"

namespace pitstop {
namespace {

constexpr const char* kNewtonA1 =
    R"({"Description": "NEWTON MRT A1", "Latitude": 1.312626, "Longitude": 103.838061,
        "RackType": "MRT_RACKS", "RackCount": 30, "ShelterIndicator": "N"})";
constexpr const char* kNewtonA2 =
    R"({"Description": "NEWTON MRT A2", "Latitude": 1.312645, "Longitude": 103.837745,
        "RackType": "MRT_RACKS", "RackCount": 30, "ShelterIndicator": "Y"})";

std::string json_array(const std::vector<std::string>& records) {
  std::string text = "[";
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (i > 0) text += ",";
    text += records[i];
  }
  return text + "]";
}

std::string spot_record(const std::string& description, double lat, double lon,
                        const std::string& rack_type = "HDB_RACKS", int rack_count = 10) {
  return R"({"Description": ")" + description + R"(", "Latitude": )" + std::to_string(lat) +
         R"(, "Longitude": )" + std::to_string(lon) + R"(, "RackType": ")" + rack_type +
         R"(", "RackCount": )" + std::to_string(rack_count) + R"(, "ShelterIndicator": "Y"})";
}

const ParkingSpot* find_by_description(const ParkingLoadResult& result,
                                       const std::string& description) {
  for (const ParkingSpot& spot : result.spots) {
    if (spot.description == description) return &spot;
  }
  return nullptr;
}

bool is_lowercase_hex(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
  });
}

TEST(ParkingDatamallReader, ReadsServiceEnvelope) {
  const std::string text =
      R"({"odata.metadata": "http://datamall2.mytransport.sg/ltaodataservice/$metadata#BicycleParkingv2",
                               "value": [)" +
      std::string(kNewtonA1) + "," + kNewtonA2 + "]}";

  const ParkingLoadResult result = read_datamall_parking(text);

  EXPECT_EQ(result.records_read, 2u);
  ASSERT_EQ(result.spots.size(), 2u);
  EXPECT_EQ(result.spots[0].description, "NEWTON MRT A1");
  EXPECT_EQ(result.spots[1].description, "NEWTON MRT A2");
  EXPECT_TRUE(result.rejected.empty());
}

TEST(ParkingDatamallReader, ReadsBareArray) {
  const ParkingLoadResult result = read_datamall_parking(json_array({kNewtonA1, kNewtonA2}));

  EXPECT_EQ(result.records_read, 2u);
  ASSERT_EQ(result.spots.size(), 2u);
  EXPECT_TRUE(result.rejected.empty());
  EXPECT_EQ(result.duplicates_dropped, 0u);
}

TEST(ParkingDatamallReader, ReadsEveryField) {
  const ParkingLoadResult result = read_datamall_parking(json_array({kNewtonA1, kNewtonA2}));
  ASSERT_EQ(result.spots.size(), 2u);
  const ParkingSpot& spot = result.spots[0];

  EXPECT_EQ(spot.source, "lta-datamall");
  EXPECT_EQ(spot.description, "NEWTON MRT A1");
  EXPECT_DOUBLE_EQ(spot.location.lat, 1.312626);
  EXPECT_DOUBLE_EQ(spot.location.lon, 103.838061);
  EXPECT_EQ(spot.rack_type, "MRT_RACKS");
  EXPECT_EQ(spot.rack_count, 30);
  EXPECT_FALSE(spot.sheltered);
  EXPECT_TRUE(result.spots[1].sheltered);
}

TEST(ParkingDatamallReader, AcceptsNumericStrings) {
  const std::string text =
      R"([{"Description": "Blk 101", "Latitude": " 1.3301 ", "Longitude": "+103.8502",
           "RackType": "HDB_RACKS", "RackCount": "12", "ShelterIndicator": "Y"}])";

  const ParkingLoadResult result = read_datamall_parking(text);

  ASSERT_EQ(result.spots.size(), 1u);
  EXPECT_DOUBLE_EQ(result.spots[0].location.lat, 1.3301);
  EXPECT_DOUBLE_EQ(result.spots[0].location.lon, 103.8502);
  EXPECT_EQ(result.spots[0].rack_count, 12);
}

TEST(ParkingDatamallReader, AcceptsWholeFloatRackCount) {
  const std::string text =
      R"([{"Description": "Blk 101", "Latitude": 1.3301, "Longitude": 103.8502,
           "RackCount": 8.0}])";

  const ParkingLoadResult result = read_datamall_parking(text);

  ASSERT_EQ(result.spots.size(), 1u);
  EXPECT_EQ(result.spots[0].rack_count, 8);
}

TEST(ParkingDatamallReader, OptionalFieldsDefault) {
  const std::string text = R"([{"Latitude": 1.3301, "Longitude": 103.8502, "RackCount": 4}])";

  const ParkingLoadResult result = read_datamall_parking(text);

  ASSERT_EQ(result.spots.size(), 1u);
  EXPECT_EQ(result.spots[0].description, "Bicycle parking");
  EXPECT_EQ(result.spots[0].rack_type, "");
  EXPECT_FALSE(result.spots[0].sheltered);
}

TEST(ParkingDatamallReader, TrimsDescription) {
  const ParkingLoadResult result =
      read_datamall_parking(json_array({spot_record("  Blk 101 \\t", 1.3301, 103.8502)}));

  ASSERT_EQ(result.spots.size(), 1u);
  EXPECT_EQ(result.spots[0].description, "Blk 101");
}

TEST(ParkingDatamallReader, EmptyDescriptionNamesRackType) {
  const ParkingLoadResult result =
      read_datamall_parking(json_array({spot_record("   ", 1.3301, 103.8502, "Yellow Box")}));

  ASSERT_EQ(result.spots.size(), 1u);
  EXPECT_EQ(result.spots[0].description, "Bicycle parking (Yellow Box)");
}

TEST(ParkingDatamallReader, ShelterIndicatorIgnoresCase) {
  const std::string text =
      R"([{"Latitude": 1.33, "Longitude": 103.85, "RackCount": 4, "ShelterIndicator": "y"},
          {"Latitude": 1.34, "Longitude": 103.85, "RackCount": 4, "ShelterIndicator": "n"},
          {"Latitude": 1.35, "Longitude": 103.85, "RackCount": 4, "ShelterIndicator": ""}])";

  const ParkingLoadResult result = read_datamall_parking(text);

  ASSERT_EQ(result.spots.size(), 3u);
  EXPECT_TRUE(result.spots[0].sheltered);
  EXPECT_FALSE(result.spots[1].sheltered);
  EXPECT_FALSE(result.spots[2].sheltered);
}

struct BadRecordCase {
  const char* name;
  const char* record;
  const char* reason_part;  // text the rejection reason must contain
};

const BadRecordCase kBadRecordCases[] = {
    {"missing latitude", R"({"Longitude": 103.85, "RackCount": 4})", "Latitude is missing"},
    {"null longitude", R"({"Latitude": 1.33, "Longitude": null, "RackCount": 4})",
     "Longitude is missing"},
    {"NaN latitude string", R"({"Latitude": "NaN", "Longitude": 103.85, "RackCount": 4})",
     R"(Latitude "NaN" is not a finite number)"},
    {"infinite longitude string", R"({"Latitude": 1.33, "Longitude": "inf", "RackCount": 4})",
     R"(Longitude "inf" is not a finite number)"},
    {"text latitude", R"({"Latitude": "north", "Longitude": 103.85, "RackCount": 4})",
     R"(Latitude "north" is not a number)"},
    {"empty latitude string", R"({"Latitude": "", "Longitude": 103.85, "RackCount": 4})",
     R"(Latitude "" is not a number)"},
    {"latitude above 90", R"({"Latitude": 91.5, "Longitude": 103.85, "RackCount": 4})",
     "Latitude 91.5 is out of range -90..90"},
    {"longitude below -180", R"({"Latitude": 1.33, "Longitude": -180.5, "RackCount": 4})",
     "Longitude -180.5 is out of range -180..180"},
    {"zero position", R"({"Latitude": 0, "Longitude": 0.0, "RackCount": 4})",
     "Latitude 0, Longitude 0"},
    {"negative rack count", R"({"Latitude": 1.33, "Longitude": 103.85, "RackCount": -2})",
     "RackCount -2 is negative"},
    {"fractional rack count", R"({"Latitude": 1.33, "Longitude": 103.85, "RackCount": 2.5})",
     "RackCount 2.5 is not a whole number"},
    {"fractional rack count string",
     R"({"Latitude": 1.33, "Longitude": 103.85, "RackCount": "3.5"})",
     "RackCount 3.5 is not a whole number"},
    {"huge rack count", R"({"Latitude": 1.33, "Longitude": 103.85, "RackCount": 1e12})",
     "RackCount 1000000000000 is larger than the maximum"},
    {"missing rack count", R"({"Latitude": 1.33, "Longitude": 103.85})", "RackCount is missing"},
    {"boolean latitude", R"({"Latitude": true, "Longitude": 103.85, "RackCount": 4})",
     "Latitude true has type boolean"},
    {"numeric description",
     R"({"Description": 42, "Latitude": 1.33, "Longitude": 103.85, "RackCount": 4})",
     "Description 42 has type number, expected a string"},
    {"array rack type",
     R"({"RackType": ["HDB"], "Latitude": 1.33, "Longitude": 103.85, "RackCount": 4})",
     "RackType [\"HDB\"] has type array"},
    {"object rack count", R"({"Latitude": 1.33, "Longitude": 103.85, "RackCount": {}})",
     "RackCount {} has type object"},
    {"unknown shelter indicator",
     R"({"Latitude": 1.33, "Longitude": 103.85, "RackCount": 4, "ShelterIndicator": "maybe"})",
     R"(ShelterIndicator "maybe" is invalid)"},
    {"number record", "42", "record 42 has type number, expected an object"},
    {"string record", R"("Blk 101")", "record \"Blk 101\" has type string"},
    {"array record", "[1.33, 103.85]", "record [1.33,103.85] has type array"},
    {"null record", "null", "record null has type null"},
};

TEST(ParkingDatamallReader, SkipsEachKindOfBadRecord) {
  for (const BadRecordCase& bad : kBadRecordCases) {
    SCOPED_TRACE(bad.name);
    const std::string text = json_array({kNewtonA1, bad.record, kNewtonA2});

    const ParkingLoadResult result = read_datamall_parking(text);

    EXPECT_EQ(result.records_read, 3u);
    ASSERT_EQ(result.spots.size(), 2u);
    EXPECT_EQ(result.spots[0].description, "NEWTON MRT A1");
    EXPECT_EQ(result.spots[1].description, "NEWTON MRT A2");
    ASSERT_EQ(result.rejected.size(), 1u);
    EXPECT_EQ(result.rejected[0].record_index, 1u);
    EXPECT_NE(result.rejected[0].reason.find(bad.reason_part), std::string::npos)
        << "reason: " << result.rejected[0].reason;
    EXPECT_EQ(result.rejected[0].input_name, "lta-datamall");
  }
}

TEST(ParkingDatamallReader, RejectedIndicesFollowFileOrder) {
  const std::string text =
      json_array({R"({"Latitude": 1.33})", kNewtonA1, "7", kNewtonA2, R"({"Latitude": 95})"});

  const ParkingLoadResult result = read_datamall_parking(text);

  EXPECT_EQ(result.spots.size(), 2u);
  ASSERT_EQ(result.rejected.size(), 3u);
  EXPECT_EQ(result.rejected[0].record_index, 0u);
  EXPECT_EQ(result.rejected[1].record_index, 2u);
  EXPECT_EQ(result.rejected[2].record_index, 4u);
}

TEST(ParkingDatamallReader, LogsFirstTwentyRejections) {
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(100);
  const auto previous_logger = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("parking_test", sink));

  const std::vector<std::string> bad_records(25, "42");
  const ParkingLoadResult result = read_datamall_parking(json_array(bad_records));
  const std::vector<std::string> lines = sink->last_formatted(100);
  spdlog::set_default_logger(previous_logger);

  EXPECT_EQ(result.rejected.size(), 25u);
  ASSERT_EQ(lines.size(), 21u);
  EXPECT_NE(lines[0].find("Skipped parking record 0 in lta-datamall"), std::string::npos)
      << lines[0];
  EXPECT_NE(lines[19].find("Skipped parking record 19"), std::string::npos) << lines[19];
  EXPECT_NE(lines[20].find("Skipped 5 more invalid parking records"), std::string::npos)
      << lines[20];
}

TEST(ParkingDatamallReader, DropsExactDuplicate) {
  const ParkingLoadResult result =
      read_datamall_parking(json_array({kNewtonA1, kNewtonA2, kNewtonA1}));

  EXPECT_EQ(result.records_read, 3u);
  EXPECT_EQ(result.duplicates_dropped, 1u);
  ASSERT_EQ(result.spots.size(), 2u);
  EXPECT_EQ(result.spots[0].description, "NEWTON MRT A1");
  EXPECT_EQ(result.spots[1].description, "NEWTON MRT A2");
}

TEST(ParkingDatamallReader, DuplicateIgnoresNumberSpelling) {
  const std::string text =
      R"([{"Latitude": 1.33, "Longitude": 103.85, "RackCount": 4},
          {"Latitude": "1.330", "Longitude": 103.85, "RackCount": "4"}])";

  const ParkingLoadResult result = read_datamall_parking(text);

  EXPECT_EQ(result.duplicates_dropped, 1u);
  EXPECT_EQ(result.spots.size(), 1u);
}

TEST(ParkingDatamallReader, KeepsSharedDescriptionAtTwoPlaces) {
  const ParkingLoadResult result =
      read_datamall_parking(json_array({spot_record("570117-1", 1.34691, 103.850055),
                                        spot_record("570117-1", 1.346941, 103.850047)}));

  EXPECT_EQ(result.duplicates_dropped, 0u);
  ASSERT_EQ(result.spots.size(), 2u);
  EXPECT_EQ(result.spots[0].description, "570117-1");
  EXPECT_EQ(result.spots[1].description, "570117-1");
  EXPECT_NE(result.spots[0].id, result.spots[1].id);
  EXPECT_EQ(result.spots[0].id.find('-', 4), std::string::npos);
  EXPECT_EQ(result.spots[1].id.find('-', 4), std::string::npos);
}

TEST(ParkingDatamallReader, IdHasPrefixAndSixteenHexDigits) {
  const ParkingLoadResult result = read_datamall_parking(json_array({kNewtonA1}));
  ASSERT_EQ(result.spots.size(), 1u);
  const std::string& id = result.spots[0].id;

  ASSERT_EQ(id.size(), 20u);
  EXPECT_EQ(id.substr(0, 4), "lta-");
  EXPECT_TRUE(is_lowercase_hex(id.substr(4))) << id;
}

TEST(ParkingDatamallReader, IdStableAcrossLoads) {
  const ParkingLoadResult first = read_datamall_parking(json_array({kNewtonA1, kNewtonA2}));
  const ParkingLoadResult second = read_datamall_parking(json_array({kNewtonA1, kNewtonA2}));

  ASSERT_EQ(first.spots.size(), 2u);
  ASSERT_EQ(second.spots.size(), 2u);
  EXPECT_EQ(first.spots[0].id, second.spots[0].id);
  EXPECT_EQ(first.spots[1].id, second.spots[1].id);
}

TEST(ParkingDatamallReader, IdIndependentOfRecordOrder) {
  const ParkingLoadResult forward = read_datamall_parking(json_array({kNewtonA1, kNewtonA2}));
  const ParkingLoadResult reversed = read_datamall_parking(json_array({kNewtonA2, kNewtonA1}));

  for (const char* description : {"NEWTON MRT A1", "NEWTON MRT A2"}) {
    const ParkingSpot* in_forward = find_by_description(forward, description);
    const ParkingSpot* in_reversed = find_by_description(reversed, description);
    ASSERT_NE(in_forward, nullptr) << description;
    ASSERT_NE(in_reversed, nullptr) << description;
    EXPECT_EQ(in_forward->id, in_reversed->id) << description;
  }
}

TEST(ParkingDatamallReader, IdUsesRoundedCoordinates) {
  const ParkingLoadResult exact =
      read_datamall_parking(R"([{"Latitude": 1.312626, "Longitude": 103.838061, "RackCount": 4}])");
  const ParkingLoadResult nudged = read_datamall_parking(
      R"([{"Latitude": 1.3126261, "Longitude": 103.8380609, "RackCount": 4}])");
  const ParkingLoadResult moved =
      read_datamall_parking(R"([{"Latitude": 1.312646, "Longitude": 103.838061, "RackCount": 4}])");

  ASSERT_EQ(exact.spots.size(), 1u);
  ASSERT_EQ(nudged.spots.size(), 1u);
  ASSERT_EQ(moved.spots.size(), 1u);
  EXPECT_EQ(exact.spots[0].id, nudged.spots[0].id);
  EXPECT_NE(exact.spots[0].id, moved.spots[0].id);
}

TEST(ParkingDatamallReader, IdDependsOnSource) {
  const ParkingLoadResult lta = read_datamall_parking(json_array({kNewtonA1}));
  const ParkingLoadResult other = read_datamall_parking(json_array({kNewtonA1}), "other-feed");

  ASSERT_EQ(lta.spots.size(), 1u);
  ASSERT_EQ(other.spots.size(), 1u);
  EXPECT_EQ(other.spots[0].source, "other-feed");
  EXPECT_NE(lta.spots[0].id, other.spots[0].id);
}

TEST(ParkingDatamallReader, IdCollisionGetsSuffix) {
  const ParkingLoadResult result = read_datamall_parking(json_array({
      spot_record("Blk 101", 1.3301, 103.8502, "HDB_RACKS", 10),
      spot_record("Blk 101", 1.3301, 103.8502, "HDB_RACKS", 12),
      spot_record("Blk 101", 1.3301, 103.8502, "HDB_RACKS", 14),
  }));

  ASSERT_EQ(result.spots.size(), 3u);
  const std::string& base_id = result.spots[0].id;
  EXPECT_EQ(base_id.size(), 20u);
  EXPECT_EQ(result.spots[1].id, base_id + "-2");
  EXPECT_EQ(result.spots[2].id, base_id + "-3");
}

TEST(ParkingDatamallReader, MalformedJsonThrows) {
  try {
    read_datamall_parking(R"([{"Latitude": 1.33,)");
    FAIL() << "expected DataFileError";
  } catch (const DataFileError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("invalid JSON"), std::string::npos) << message;
    EXPECT_NE(message.find("Expected a DataMall BicycleParkingv2"), std::string::npos) << message;
  }
}

TEST(ParkingDatamallReader, OverflowingNumberThrows) {
  // nlohmann::json cannot represent 1e400, so the whole text is invalid JSON
  // for it and no record can be kept.
  const std::string text = json_array({kNewtonA1, R"({"Latitude": 1e400})"});

  EXPECT_THROW(read_datamall_parking(text), DataFileError);
}

TEST(ParkingDatamallReader, EmptyTextThrows) {
  EXPECT_THROW(read_datamall_parking(""), DataFileError);
}

TEST(ParkingDatamallReader, TopLevelNumberThrows) {
  try {
    read_datamall_parking("42");
    FAIL() << "expected DataFileError";
  } catch (const DataFileError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("top-level JSON value of type number"), std::string::npos) << message;
  }
}

TEST(ParkingDatamallReader, ObjectWithoutValueArrayThrows) {
  EXPECT_THROW(read_datamall_parking(R"({"odata.metadata": "x"})"), DataFileError);
  EXPECT_THROW(read_datamall_parking(R"({"value": {"Latitude": 1.33}})"), DataFileError);
}

TEST(ParkingDatamallReader, EmptyArrayLoadsNothing) {
  const ParkingLoadResult result = read_datamall_parking("[]");

  EXPECT_EQ(result.records_read, 0u);
  EXPECT_TRUE(result.spots.empty());
  EXPECT_TRUE(result.rejected.empty());
}

class ParkingDatamallFile : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test_info = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ =
        std::filesystem::temp_directory_path() /
        (std::string("pitstop_parking_") + test_info->name() + "_" + std::to_string(::getpid()));
    std::filesystem::create_directories(directory_);
  }

  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::string write_file(const std::string& name, const std::string& text) {
    const std::filesystem::path path = directory_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  std::filesystem::path directory_;
};

TEST_F(ParkingDatamallFile, ReadsFile) {
  const std::string path = write_file("parking.json", json_array({kNewtonA1, "7", kNewtonA2}));

  const ParkingLoadResult result = read_datamall_parking_file(path);

  EXPECT_EQ(result.records_read, 3u);
  ASSERT_EQ(result.spots.size(), 2u);
  EXPECT_EQ(result.spots[0].source, "lta-datamall");
  ASSERT_EQ(result.rejected.size(), 1u);
  EXPECT_EQ(result.rejected[0].input_name, path);
}

TEST_F(ParkingDatamallFile, FileIdsMatchTextIds) {
  const std::string path = write_file("parking.json", json_array({kNewtonA1}));

  const ParkingLoadResult from_file = read_datamall_parking_file(path);
  const ParkingLoadResult from_text = read_datamall_parking(json_array({kNewtonA1}));

  ASSERT_EQ(from_file.spots.size(), 1u);
  ASSERT_EQ(from_text.spots.size(), 1u);
  EXPECT_EQ(from_file.spots[0].id, from_text.spots[0].id);
}

TEST_F(ParkingDatamallFile, MissingFileThrows) {
  const std::string path = (directory_ / "missing.json").string();
  try {
    read_datamall_parking_file(path);
    FAIL() << "expected DataFileError";
  } catch (const DataFileError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(path + " not found"), std::string::npos) << message;
    EXPECT_NE(message.find("PITSTOP_PARKING"), std::string::npos) << message;
  }
}

TEST_F(ParkingDatamallFile, DirectoryThrows) {
  EXPECT_THROW(read_datamall_parking_file(directory_.string()), DataFileError);
}

TEST_F(ParkingDatamallFile, MalformedFileNamesPath) {
  const std::string path = write_file("broken.json", "[{");
  try {
    read_datamall_parking_file(path);
    FAIL() << "expected DataFileError";
  } catch (const DataFileError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(path), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace pitstop
