#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "clients/datamall_client.hpp"
#include "clients/parking_refresh.hpp"
#include "clients/service_error.hpp"
#include "parking/datamall_reader.hpp"
#include "real_data/real_data_fixture.hpp"
#include "support/stand_in_server.hpp"

namespace pitstop {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::json_reply;
using testing::ReplyMode;
using testing::StandInReply;
using testing::StandInRequest;
using testing::StandInServer;

constexpr const char* kAccountKey = "test-account-key==";
constexpr const char* kParkingPath = "/ltaodataservice/BicycleParkingv2";
const std::string kParkingFile = "parking/lta-bicycle-parking-central-2026-02.json";

std::string read_text(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// Every field of a spot but the id, whose "-2" suffixes depend on input order.
using SpotFields = std::tuple<std::string, double, double, std::string, int, bool>;

std::multiset<SpotFields> fields_of(const std::vector<ParkingSpot>& spots) {
  std::multiset<SpotFields> fields;
  for (const ParkingSpot& spot : spots) {
    fields.emplace(spot.description, spot.location.lat, spot.location.lon, spot.rack_type, spot.rack_count,
                   spot.sheltered);
  }
  return fields;
}

// A DataMall stand-in over the real parking dump: returns the records within
// Dist km of each point, in the service's {"odata.metadata", "value"} envelope.
class FakeDataMall {
 public:
  FakeDataMall() : records_(json::parse(read_text(testing::data_file(kParkingFile)))) {}

  StandInReply respond(const StandInRequest& request) const {
    if (request.header("accountkey") != kAccountKey) return json_reply(401, R"({"fault": "Invalid AccountKey"})");
    const LatLon point{std::stod(request.query_value("Lat")), std::stod(request.query_value("Long"))};
    const double radius_m = std::stod(request.query_value("Dist")) * 1000.0;
    json value = json::array();
    for (const json& record : records_) {
      const LatLon at{record.at("Latitude").get<double>(), record.at("Longitude").get<double>()};
      if (at.lat >= max_latitude_ || haversine_m(point, at) > radius_m) continue;
      if (value.size() < cap_) value.push_back(record);
    }
    return json_reply(200, json{{"odata.metadata", "http://datamall2.mytransport.sg/ltaodataservice/$metadata"},
                                {"value", value}}
                               .dump());
  }

  // Returns only records south of this latitude.
  void set_max_latitude(double lat) { max_latitude_ = lat; }
  // Returns at most this many records, like a service that caps each response.
  void set_cap(std::size_t cap) { cap_ = cap; }

 private:
  json records_;
  double max_latitude_ = 90.0;
  std::size_t cap_ = 100000;
};

DataMallSettings client_settings(const StandInServer& server) {
  DataMallSettings settings;
  settings.base_url = server.base_url();
  settings.account_key = kAccountKey;
  settings.http.initial_backoff = 5ms;
  settings.http.max_backoff = 10ms;
  settings.http.max_attempts = 3;
  settings.http.requests_per_second = 1000.0;
  settings.http.burst = 1000.0;
  return settings;
}

// The box of the central dump (lat 1.3080-1.3908, lon 103.7761-103.8636), a little wider.
ParkingQueryGrid central_grid() {
  ParkingQueryGrid grid;
  grid.south_west = {1.305, 103.773};
  grid.north_east = {1.394, 103.867};
  return grid;
}

// A fresh folder for output files, removed afterwards.
class ClientsDataMallRefresh : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("pitstop-refresh-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(folder_);
    output_ = (folder_ / "parking.json").string();
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  ParkingRefreshOptions options() const {
    ParkingRefreshOptions options;
    options.output_path = output_;
    return options;
  }

  void write_old_file(const std::string& contents) const { std::ofstream(output_, std::ios::binary) << contents; }

  std::vector<std::string> folder_entries() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder_)) names.push_back(entry.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }

  std::filesystem::path folder_;
  std::string output_;
};

TEST_F(ClientsDataMallRefresh, GridMergeDropsDuplicates) {
  const FakeDataMall datamall;
  StandInServer server([&datamall](const StandInRequest& request) { return datamall.respond(request); });
  const DataMallClient client(client_settings(server));
  const ParkingLoadResult file = read_datamall_parking_file(testing::data_file(kParkingFile));

  const ParkingFetchResult fetched = client.fetch_all_parking(central_grid());

  // 8 rows of 8 points; overlapping circles return most spots more than once.
  EXPECT_EQ(fetched.query_points, 64u);
  EXPECT_EQ(server.hits(kParkingPath), fetched.requests);
  EXPECT_GT(fetched.load.records_read, 2 * file.spots.size());
  EXPECT_EQ(fetched.load.spots.size(), file.spots.size());
  EXPECT_EQ(fields_of(fetched.load.spots), fields_of(file.spots));
  EXPECT_EQ(fetched.capped_responses, 0u);

  const auto request = server.requests().front();
  EXPECT_EQ(request.header("accountkey"), kAccountKey);
  EXPECT_EQ(request.query_value("Dist"), "1.200");
  EXPECT_EQ(request.query_value("Lat"), "1.305000");
  EXPECT_EQ(request.query_value("Long"), "103.773000");
}

TEST_F(ClientsDataMallRefresh, SubdividesCappedAnswers) {
  FakeDataMall datamall;
  datamall.set_cap(100);
  StandInServer server([&datamall](const StandInRequest& request) { return datamall.respond(request); });
  const DataMallClient client(client_settings(server));
  ParkingQueryGrid grid = central_grid();
  grid.max_records_per_call = 100;
  const ParkingLoadResult file = read_datamall_parking_file(testing::data_file(kParkingFile));

  const ParkingFetchResult fetched = client.fetch_all_parking(grid);

  // Every spot is found although most answers of the grid itself were cut short.
  EXPECT_GT(fetched.subdivided_responses, 32u);
  EXPECT_EQ(fetched.requests, fetched.query_points + 4 * fetched.subdivided_responses);
  EXPECT_EQ(fetched.capped_responses, 0u);
  EXPECT_EQ(fields_of(fetched.load.spots), fields_of(file.spots));
}

TEST_F(ClientsDataMallRefresh, CountsCapsLeftAfterSubdivision) {
  FakeDataMall datamall;
  datamall.set_cap(20);
  StandInServer server([&datamall](const StandInRequest& request) { return datamall.respond(request); });
  const DataMallClient client(client_settings(server));
  ParkingQueryGrid grid = central_grid();
  grid.max_records_per_call = 20;
  grid.max_subdivisions = 1;
  const ParkingLoadResult file = read_datamall_parking_file(testing::data_file(kParkingFile));

  const ParkingFetchResult fetched = client.fetch_all_parking(grid);

  EXPECT_GT(fetched.capped_responses, 0u);
  EXPECT_LT(fetched.load.spots.size(), file.spots.size());
}

TEST_F(ClientsDataMallRefresh, WritesDataMallShapedFile) {
  const FakeDataMall datamall;
  StandInServer server([&datamall](const StandInRequest& request) { return datamall.respond(request); });
  const DataMallClient client(client_settings(server));

  const ParkingRefreshResult result = refresh_parking_file(client, central_grid(), options());

  const ParkingLoadResult written = read_datamall_parking_file(output_);
  const ParkingLoadResult original = read_datamall_parking_file(testing::data_file(kParkingFile));
  EXPECT_EQ(result.spots_written, original.spots.size());
  EXPECT_FALSE(result.previous_spots.has_value());
  EXPECT_EQ(written.records_read, original.spots.size());
  EXPECT_EQ(written.rejected.size(), 0u);
  EXPECT_EQ(fields_of(written.spots), fields_of(original.spots));
  const json array = json::parse(read_text(output_));
  ASSERT_TRUE(array.is_array());
  EXPECT_EQ(array.at(0).size(), 6u);
  for (const char* field : {"Description", "Latitude", "Longitude", "RackType", "RackCount", "ShelterIndicator"}) {
    EXPECT_TRUE(array.at(0).contains(field)) << field;
  }
  EXPECT_EQ(folder_entries(), std::vector<std::string>{"parking.json"});
}

TEST_F(ClientsDataMallRefresh, ReplacesOldFileWhenLargeEnough) {
  const FakeDataMall datamall;
  StandInServer server([&datamall](const StandInRequest& request) { return datamall.respond(request); });
  const DataMallClient client(client_settings(server));
  write_old_file(read_text(testing::data_file(kParkingFile)));

  const ParkingRefreshResult result = refresh_parking_file(client, central_grid(), options());

  ASSERT_TRUE(result.previous_spots.has_value());
  EXPECT_EQ(*result.previous_spots, result.spots_written);
  EXPECT_TRUE(read_text(output_) != read_text(testing::data_file(kParkingFile)));  // rewritten in the refresh's format
}

TEST_F(ClientsDataMallRefresh, KeepsOldFileWhenFetchFails) {
  const FakeDataMall datamall;
  std::atomic<int> calls{0};
  StandInServer server([&](const StandInRequest& request) {
    // The 20th query point keeps failing, so retries cannot save the fetch.
    if (++calls >= 20) return json_reply(500, R"({"fault": "internal"})");
    return datamall.respond(request);
  });
  const DataMallClient client(client_settings(server));
  const std::string old_contents = "[{\"Description\": \"OLD\", \"Latitude\": 1.35, \"Longitude\": 103.85, "
                                   "\"RackType\": \"HDB_RACKS\", \"RackCount\": 4, \"ShelterIndicator\": \"N\"}]";
  write_old_file(old_contents);

  try {
    refresh_parking_file(client, central_grid(), options());
    FAIL() << "a failed fetch replaced the file";
  } catch (const ServiceError& error) {
    EXPECT_NE(std::string(error.what()).find("request 20 for the point"), std::string::npos) << error.what();
    EXPECT_EQ(error.http_status(), 500);
  }
  EXPECT_EQ(server.hits(kParkingPath), 22u);  // 19 answers, then 3 attempts at point 20
  EXPECT_EQ(read_text(output_), old_contents);
  EXPECT_EQ(folder_entries(), std::vector<std::string>{"parking.json"});
}

TEST_F(ClientsDataMallRefresh, KeepsOldFileWhenBodyIsBroken) {
  for (const ReplyMode mode : {ReplyMode::Complete, ReplyMode::CutOffBody}) {
    StandInServer server([mode](const StandInRequest&) {
      StandInReply reply = json_reply(200, R"({"value": [{"Description": "X", )");
      reply.mode = mode;
      return reply;
    });
    const DataMallClient client(client_settings(server));
    write_old_file("[]");

    EXPECT_THROW(refresh_parking_file(client, central_grid(), options()), ServiceError);
    EXPECT_EQ(read_text(output_), "[]");
    EXPECT_EQ(folder_entries(), std::vector<std::string>{"parking.json"});
  }
}

TEST_F(ClientsDataMallRefresh, KeepsOldFileWhenResultTooSmall) {
  FakeDataMall datamall;
  datamall.set_max_latitude(1.34);  // 731 of the 2542 records
  StandInServer server([&datamall](const StandInRequest& request) { return datamall.respond(request); });
  const DataMallClient client(client_settings(server));
  const std::string old_contents = read_text(testing::data_file(kParkingFile));
  write_old_file(old_contents);

  try {
    refresh_parking_file(client, central_grid(), options());
    FAIL() << "a result of 29% of the old spots replaced the file";
  } catch (const ParkingRefreshRejected& error) {
    EXPECT_NE(std::string(error.what()).find("fewer than 50%"), std::string::npos) << error.what();
  }
  EXPECT_TRUE(read_text(output_) == old_contents);
  EXPECT_EQ(folder_entries(), std::vector<std::string>{"parking.json"});

  ParkingRefreshOptions lenient = options();
  lenient.min_fraction_of_previous = 0.25;
  EXPECT_NO_THROW(refresh_parking_file(client, central_grid(), lenient));
  EXPECT_TRUE(read_text(output_) != old_contents);
}

TEST_F(ClientsDataMallRefresh, RejectsEmptyResult) {
  StandInServer server([](const StandInRequest&) { return json_reply(200, R"({"value": []})"); });
  const DataMallClient client(client_settings(server));

  EXPECT_THROW(refresh_parking_file(client, central_grid(), options()), ParkingRefreshRejected);
  EXPECT_TRUE(folder_entries().empty());
}

TEST_F(ClientsDataMallRefresh, ReplacesUnreadableOldFile) {
  const FakeDataMall datamall;
  StandInServer server([&datamall](const StandInRequest& request) { return datamall.respond(request); });
  const DataMallClient client(client_settings(server));
  write_old_file("not json");

  const ParkingRefreshResult result = refresh_parking_file(client, central_grid(), options());

  EXPECT_FALSE(result.previous_spots.has_value());
  EXPECT_GT(result.spots_written, 2000u);
}

TEST_F(ClientsDataMallRefresh, MissingFolderRejectedBeforeFetch) {
  const FakeDataMall datamall;
  StandInServer server([&datamall](const StandInRequest& request) { return datamall.respond(request); });
  const DataMallClient client(client_settings(server));
  ParkingRefreshOptions missing = options();
  missing.output_path = (folder_ / "no-such-folder" / "parking.json").string();

  EXPECT_THROW(refresh_parking_file(client, central_grid(), missing), ClientConfigError);
  EXPECT_EQ(server.hits(kParkingPath), 0u);
}

TEST_F(ClientsDataMallRefresh, WrongAccountKeyFailsFast) {
  const FakeDataMall datamall;
  StandInServer server([&datamall](const StandInRequest& request) { return datamall.respond(request); });
  DataMallSettings settings = client_settings(server);
  settings.account_key = "wrong-key";
  const DataMallClient client(settings);
  write_old_file("[]");

  try {
    refresh_parking_file(client, central_grid(), options());
    FAIL() << "a wrong account key was accepted";
  } catch (const ServiceError& error) {
    EXPECT_NE(std::string(error.what()).find("PITSTOP_DATAMALL_ACCOUNT_KEY"), std::string::npos) << error.what();
  }
  EXPECT_EQ(server.hits(kParkingPath), 1u);
  EXPECT_EQ(read_text(output_), "[]");
}

}  // namespace
}  // namespace pitstop
