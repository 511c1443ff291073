#include "search/station_reader.hpp"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "geo/errors.hpp"

namespace pitstop {
namespace {

// Writes text to a file in the system temporary folder and removes it at the end of the test.
class TemporaryFile {
 public:
  TemporaryFile(const std::string& file_name, const std::string& text)
      : path_(std::filesystem::temp_directory_path() / file_name) {
    std::ofstream(path_) << text;
  }
  ~TemporaryFile() { std::filesystem::remove(path_); }

  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// Returns the station with the given name, or nullptr. The reader returns
// stations in key order, which the test does not rely on.
const Place* find_station(const std::vector<Place>& stations, const std::string& name) {
  for (const auto& station : stations) {
    if (station.name == name) return &station;
  }
  return nullptr;
}

constexpr const char* kStationsJson = R"({
  "lastUpdated": 1539273600000,
  "data": {
    "DHOBY GHAUT": {"name": "DHOBY GHAUT", "code": "NS24 NE6 CC1",
                    "latitude": 1.2993, "longitude": 103.8455},
    "ONE-NORTH": {"name": "ONE-NORTH", "code": "CC23", "latitude": 1.2995, "longitude": 103.7874},
    "SENGKANG": {"name": "SENGKANG", "code": "NE16 STC", "latitude": 1.3917, "longitude": 103.8954},
    "COMPASSVALE": {"name": "COMPASSVALE", "code": "SE1", "latitude": 1.3945, "longitude": 103.9005},
    "TENGAH": {"name": "TENGAH", "code": "JS3", "operational": 2}
  }
})";

TEST(StationReader, ReadsStationsWithCoordinates) {
  const TemporaryFile file("pitstop_search_stations_ok.json", kStationsJson);

  const auto stations = read_mrt_stations_file(file.path());

  ASSERT_EQ(stations.size(), 4u);
  const auto* found = find_station(stations, "Dhoby Ghaut MRT Station");
  ASSERT_NE(found, nullptr);
  const auto& dhoby_ghaut = *found;
  EXPECT_EQ(dhoby_ghaut.kind, PlaceKind::Station);
  EXPECT_EQ(dhoby_ghaut.category, "mrt_station");
  EXPECT_EQ(dhoby_ghaut.detail, "NS24 NE6 CC1");
  EXPECT_EQ(dhoby_ghaut.location, (LatLon{1.2993, 103.8455}));
}

TEST(StationReader, TitleCasesHyphenatedName) {
  const TemporaryFile file("pitstop_search_stations_title.json", kStationsJson);

  const auto stations = read_mrt_stations_file(file.path());

  EXPECT_NE(find_station(stations, "One-North MRT Station"), nullptr);
}

TEST(StationReader, NamesLrtOnlyStationsLrt) {
  const TemporaryFile file("pitstop_search_stations_lrt.json", kStationsJson);

  const auto stations = read_mrt_stations_file(file.path());

  EXPECT_NE(find_station(stations, "Sengkang MRT Station"), nullptr);
  const auto* compassvale = find_station(stations, "Compassvale LRT Station");
  ASSERT_NE(compassvale, nullptr);
  EXPECT_EQ(compassvale->category, "lrt_station");
}

TEST(StationReader, RejectsMissingFile) {
  const std::string path = "/nonexistent/pitstop/mrt-stations.json";

  try {
    read_mrt_stations_file(path);
    FAIL() << "expected DataFileError";
  } catch (const DataFileError& error) {
    EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
  }
}

TEST(StationReader, RejectsInvalidJson) {
  const TemporaryFile file("pitstop_search_stations_bad_json.json", R"({"data": {)");

  try {
    read_mrt_stations_file(file.path());
    FAIL() << "expected DataFileError";
  } catch (const DataFileError& error) {
    EXPECT_NE(std::string(error.what()).find(file.path()), std::string::npos) << error.what();
  }
}

TEST(StationReader, RejectsMissingDataObject) {
  const TemporaryFile array_file("pitstop_search_stations_array.json", "[]");
  const TemporaryFile no_data_file("pitstop_search_stations_no_data.json", R"({"stations": {}})");

  EXPECT_THROW(read_mrt_stations_file(array_file.path()), DataFileError);
  EXPECT_THROW(read_mrt_stations_file(no_data_file.path()), DataFileError);
}

TEST(StationReader, RejectsStationWithoutName) {
  const TemporaryFile file("pitstop_search_stations_no_name.json",
                           R"({"data": {"X": {"code": "NS1", "latitude": 1.3, "longitude": 103.8}}})");

  EXPECT_THROW(read_mrt_stations_file(file.path()), DataFileError);
}

TEST(StationReader, RejectsNonNumericCoordinate) {
  const TemporaryFile file(
      "pitstop_search_stations_text_lat.json",
      R"({"data": {"X": {"name": "X", "code": "NS1", "latitude": "1.3", "longitude": 103.8}}})");

  EXPECT_THROW(read_mrt_stations_file(file.path()), DataFileError);
}

}  // namespace
}  // namespace pitstop
