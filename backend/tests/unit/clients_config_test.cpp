#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "clients/client_config.hpp"
#include "clients/service_error.hpp"

namespace pitstop {
namespace {

using namespace std::chrono_literals;
using Variables = std::map<std::string, std::string>;

EnvironmentLookup lookup(const Variables& variables) {
  return [variables](const std::string& name) -> std::optional<std::string> {
    const auto it = variables.find(name);
    if (it == variables.end()) return std::nullopt;
    return it->second;
  };
}

// A file in a fresh temporary folder, removed with the folder.
class TemporaryFile {
 public:
  explicit TemporaryFile(const std::string& contents) {
    folder_ = std::filesystem::temp_directory_path() / ("pitstop-config-" + std::to_string(::getpid()) + "-" +
                                                        std::to_string(counter_++));
    std::filesystem::create_directories(folder_);
    path_ = (folder_ / "secret").string();
    std::ofstream(path_) << contents;
  }
  ~TemporaryFile() { std::filesystem::remove_all(folder_); }
  const std::string& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::filesystem::path folder_;
  std::string path_;
};

std::string config_error(const Variables& variables) {
  try {
    read_service_clients_config(lookup(variables));
  } catch (const ClientConfigError& error) {
    return error.what();
  }
  return "no error";
}

TEST(ClientsConfig, OffWithoutCredentials) {
  const ServiceClientsConfig config = read_service_clients_config(lookup({}));

  EXPECT_FALSE(config.onemap.has_value());
  EXPECT_FALSE(config.datamall.has_value());
  EXPECT_DOUBLE_EQ(config.parking_grid.spacing_m, 1500.0);
  EXPECT_DOUBLE_EQ(config.parking_grid.radius_m, 1200.0);
  EXPECT_EQ(config.onemap_fallback.cooldown_after_failure, 30s);
}

TEST(ClientsConfig, EmptyVariablesCountAsUnset) {
  const ServiceClientsConfig config = read_service_clients_config(
      lookup({{"PITSTOP_ONEMAP_EMAIL", ""}, {"PITSTOP_ONEMAP_PASSWORD", ""}, {"PITSTOP_DATAMALL_ACCOUNT_KEY", ""}}));

  EXPECT_FALSE(config.onemap.has_value());
  EXPECT_FALSE(config.datamall.has_value());
}

TEST(ClientsConfig, ReadsOneMapSettings) {
  const ServiceClientsConfig config = read_service_clients_config(lookup({{"PITSTOP_ONEMAP_EMAIL", "ops@example.sg"},
                                                                          {"PITSTOP_ONEMAP_PASSWORD", " p w "},
                                                                          {"PITSTOP_ONEMAP_TIMEOUT_S", "2.5"},
                                                                          {"PITSTOP_ONEMAP_CONNECT_TIMEOUT_S", "1"},
                                                                          {"PITSTOP_ONEMAP_MAX_ATTEMPTS", "2"},
                                                                          {"PITSTOP_ONEMAP_RATE_PER_S", "3"},
                                                                          {"PITSTOP_ONEMAP_TOKEN_MARGIN_S", "600"},
                                                                          {"PITSTOP_ONEMAP_SEARCH_COOLDOWN_S", "5"}}));

  ASSERT_TRUE(config.onemap.has_value());
  const OneMapSettings& onemap = *config.onemap;
  EXPECT_EQ(onemap.base_url, "https://www.onemap.gov.sg");
  EXPECT_EQ(onemap.email, "ops@example.sg");
  EXPECT_EQ(onemap.password, " p w ");  // a password is kept exactly as given
  EXPECT_EQ(onemap.http.total_timeout, 2500ms);
  EXPECT_EQ(onemap.http.connect_timeout, 1000ms);
  EXPECT_EQ(onemap.http.max_attempts, 2);
  EXPECT_DOUBLE_EQ(onemap.http.requests_per_second, 3.0);
  EXPECT_EQ(onemap.token_refresh_margin, 600s);
  EXPECT_EQ(config.onemap_fallback.cooldown_after_failure, 5s);
}

TEST(ClientsConfig, ReadsSecretsFromFiles) {
  const TemporaryFile password("file-password\n");
  const TemporaryFile key("file-account-key\r\n");
  const ServiceClientsConfig config = read_service_clients_config(
      lookup({{"PITSTOP_ONEMAP_EMAIL", "ops@example.sg"},
              {"PITSTOP_ONEMAP_PASSWORD_FILE", password.path()},
              {"PITSTOP_DATAMALL_ACCOUNT_KEY_FILE", key.path()},
              {"PITSTOP_DATAMALL_BASE_URL", "http://127.0.0.1:9000/"}}));

  ASSERT_TRUE(config.onemap.has_value());
  EXPECT_EQ(config.onemap->password, "file-password");
  ASSERT_TRUE(config.datamall.has_value());
  EXPECT_EQ(config.datamall->account_key, "file-account-key");
  EXPECT_EQ(config.datamall->base_url, "http://127.0.0.1:9000/");
}

TEST(ClientsConfig, RejectsSecretAndFileTogether) {
  const TemporaryFile key("from-file");
  const std::string message = config_error(
      {{"PITSTOP_DATAMALL_ACCOUNT_KEY", "direct-Secret"}, {"PITSTOP_DATAMALL_ACCOUNT_KEY_FILE", key.path()}});
  EXPECT_NE(message.find("set only one"), std::string::npos) << message;
  EXPECT_EQ(message.find("direct-Secret"), std::string::npos) << message;
}

TEST(ClientsConfig, RejectsUnreadableOrEmptySecretFile) {
  const std::string missing = config_error({{"PITSTOP_ONEMAP_EMAIL", "ops@example.sg"},
                                            {"PITSTOP_ONEMAP_PASSWORD_FILE", "/nonexistent/pitstop-password"}});
  EXPECT_NE(missing.find("failed to open the file"), std::string::npos) << missing;

  const TemporaryFile empty("\n");
  const std::string blank =
      config_error({{"PITSTOP_ONEMAP_EMAIL", "ops@example.sg"}, {"PITSTOP_ONEMAP_PASSWORD_FILE", empty.path()}});
  EXPECT_NE(blank.find("is empty"), std::string::npos) << blank;
}

TEST(ClientsConfig, RejectsHalfOfOneMapAccount) {
  EXPECT_NE(config_error({{"PITSTOP_ONEMAP_EMAIL", "ops@example.sg"}}).find("PITSTOP_ONEMAP_PASSWORD"),
            std::string::npos);
  const std::string message = config_error({{"PITSTOP_ONEMAP_PASSWORD", "lonely-Secret"}});
  EXPECT_NE(message.find("PITSTOP_ONEMAP_EMAIL"), std::string::npos) << message;
  EXPECT_EQ(message.find("lonely-Secret"), std::string::npos) << message;
}

TEST(ClientsConfig, RejectsMalformedNumbers) {
  EXPECT_NE(config_error({{"PITSTOP_ONEMAP_TIMEOUT_S", "fast"}}).find("PITSTOP_ONEMAP_TIMEOUT_S"), std::string::npos);
  EXPECT_NE(config_error({{"PITSTOP_DATAMALL_MAX_ATTEMPTS", "2.5"}}).find("whole number"), std::string::npos);
  EXPECT_NE(config_error({{"PITSTOP_DATAMALL_RATE_PER_S", "0"}}).find("PITSTOP_DATAMALL_RATE_PER_S"),
            std::string::npos);
}

TEST(ClientsConfig, RejectsPlainHttpToRemoteHost) {
  const std::string message = config_error({{"PITSTOP_ONEMAP_BASE_URL", "http://www.onemap.gov.sg"}});
  EXPECT_NE(message.find("PITSTOP_ONEMAP_BASE_URL"), std::string::npos) << message;
  EXPECT_NE(message.find("use https"), std::string::npos) << message;
}

TEST(ClientsConfig, ReadsParkingGrid) {
  const ServiceClientsConfig config =
      read_service_clients_config(lookup({{"PITSTOP_DATAMALL_GRID_BBOX", "1.30, 103.80, 1.35, 103.90"},
                                          {"PITSTOP_DATAMALL_GRID_SPACING_M", "800"},
                                          {"PITSTOP_DATAMALL_GRID_RADIUS_M", "600"},
                                          {"PITSTOP_DATAMALL_MAX_RECORDS_PER_CALL", "200"}}));

  EXPECT_EQ(config.parking_grid.south_west, (LatLon{1.30, 103.80}));
  EXPECT_EQ(config.parking_grid.north_east, (LatLon{1.35, 103.90}));
  EXPECT_DOUBLE_EQ(config.parking_grid.spacing_m, 800.0);
  EXPECT_DOUBLE_EQ(config.parking_grid.radius_m, 600.0);
  EXPECT_EQ(config.parking_grid.max_records_per_call, 200u);
}

TEST(ClientsConfig, RejectsGridWithGaps) {
  EXPECT_NE(config_error({{"PITSTOP_DATAMALL_GRID_RADIUS_M", "500"}}).find("without gaps"), std::string::npos);
  EXPECT_NE(config_error({{"PITSTOP_DATAMALL_GRID_BBOX", "1.3,103.8,1.35"}}).find("SOUTH,WEST,NORTH,EAST"),
            std::string::npos);
}

}  // namespace
}  // namespace pitstop
