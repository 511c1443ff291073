#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "store/database_error.hpp"
#include "store/database_settings.hpp"

namespace pitstop {
namespace {

std::string temporary_file(const std::string& name, const std::string& contents) {
  const auto path = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
  std::ofstream(path, std::ios::binary) << contents;
  return path.string();
}

// The parameters make_connection_string appends to a URL that sets none of them.
constexpr const char* kDefaultUriParameters =
    "connect_timeout=5&keepalives=1&keepalives_idle=10&keepalives_interval=5&keepalives_count=3"
    "&tcp_user_timeout=20000&application_name=pitstop";

TEST(StoreDatabaseSettings, UriGetsDefaultsAppended) {
  DatabaseSettings settings;
  settings.url = "postgresql://pitstop@db:5432/pitstop";
  EXPECT_EQ(make_connection_string(settings), std::string("postgresql://pitstop@db:5432/pitstop?") + kDefaultUriParameters);
}

TEST(StoreDatabaseSettings, UriKeepsOwnParameters) {
  DatabaseSettings settings;
  settings.url =
      "postgresql://pitstop@db/pitstop?sslmode=require&connect_timeout=2&keepalives=0&keepalives_idle=60"
      "&keepalives_interval=20&keepalives_count=9&tcp_user_timeout=0&application_name=mine";
  EXPECT_EQ(make_connection_string(settings), settings.url);
}

TEST(StoreDatabaseSettings, UriKeepsEachOwnParameter) {
  // Each parameter the URL sets stays as it is, and only the missing ones are added.
  DatabaseSettings settings;
  settings.url = "postgresql://pitstop@db/pitstop?keepalives_idle=60&tcp_user_timeout=9000";
  EXPECT_EQ(make_connection_string(settings),
            "postgresql://pitstop@db/pitstop?keepalives_idle=60&tcp_user_timeout=9000&connect_timeout=5"
            "&keepalives=1&keepalives_interval=5&keepalives_count=3&application_name=pitstop");
}

TEST(StoreDatabaseSettings, KeepaliveSettingsApplied) {
  DatabaseSettings settings;
  settings.url = "host=db dbname=pitstop";
  settings.connect_timeout_s = 3;
  settings.keepalives_idle_s = 7;
  settings.keepalives_interval_s = 2;
  settings.keepalives_count = 4;
  settings.tcp_user_timeout_ms = 15000;
  EXPECT_EQ(make_connection_string(settings),
            "host=db dbname=pitstop connect_timeout='3' keepalives='1' keepalives_idle='7' keepalives_interval='2' "
            "keepalives_count='4' tcp_user_timeout='15000' application_name='pitstop'");
}

TEST(StoreDatabaseSettings, KeywordFormKeepsOwnKeepalives) {
  DatabaseSettings settings;
  settings.url = "host=db keepalives = 0 tcp_user_timeout=0";
  EXPECT_EQ(make_connection_string(settings),
            "host=db keepalives = 0 tcp_user_timeout=0 connect_timeout='5' keepalives_idle='10' "
            "keepalives_interval='5' keepalives_count='3' application_name='pitstop'");
}

TEST(StoreDatabaseSettings, DefaultsDetectDeadPeerWithin30Seconds) {
  const DatabaseSettings settings;
  EXPECT_LE(settings.keepalives_idle_s + settings.keepalives_count * settings.keepalives_interval_s, 30);
  EXPECT_GT(settings.tcp_user_timeout_ms, 0);
  EXPECT_LE(settings.tcp_user_timeout_ms, 30000);
}

TEST(StoreDatabaseSettings, PasswordFileIsPercentEncoded) {
  DatabaseSettings settings;
  settings.url = "postgresql://pitstop@db/pitstop?sslmode=require";
  settings.password_file = temporary_file("pitstop-password", "p@ss w&rd=1\n");
  EXPECT_EQ(make_connection_string(settings),
            std::string("postgresql://pitstop@db/pitstop?sslmode=require&password=p%40ss%20w%26rd%3D1&") +
                kDefaultUriParameters);
  std::filesystem::remove(settings.password_file);
}

TEST(StoreDatabaseSettings, KeywordFormQuotesPassword) {
  DatabaseSettings settings;
  settings.url = "host=db dbname=pitstop";
  settings.password_file = temporary_file("pitstop-password-keyword", "it's\\x");
  EXPECT_EQ(make_connection_string(settings),
            "host=db dbname=pitstop password='it\\'s\\\\x' connect_timeout='5' keepalives='1' keepalives_idle='10' "
            "keepalives_interval='5' keepalives_count='3' tcp_user_timeout='20000' application_name='pitstop'");
  std::filesystem::remove(settings.password_file);
}

TEST(StoreDatabaseSettings, EmptyUrlRejected) {
  EXPECT_THROW(make_connection_string(DatabaseSettings{}), DatabaseError);
}

TEST(StoreDatabaseSettings, EmptyPasswordFileRejected) {
  DatabaseSettings settings;
  settings.url = "postgresql://pitstop@db/pitstop";
  settings.password_file = temporary_file("pitstop-password-empty", "\n");
  try {
    make_connection_string(settings);
    FAIL() << "accepted an empty password file";
  } catch (const DatabaseError& error) {
    EXPECT_NE(std::string(error.what()).find("is empty"), std::string::npos) << error.what();
  }
  std::filesystem::remove(settings.password_file);
}

TEST(StoreDatabaseSettings, RedactsUriPassword) {
  EXPECT_EQ(redact_database_url("postgresql://pitstop:secret@db:5432/pitstop"), "postgresql://pitstop@db:5432/pitstop");
  EXPECT_EQ(redact_database_url("postgres://u:p%40ss@db/x?password=other&sslmode=require"),
            "postgres://u@db/x?password=***&sslmode=require");
  EXPECT_EQ(redact_database_url("postgresql://db/x"), "postgresql://db/x");
}

TEST(StoreDatabaseSettings, RedactsKeywordPassword) {
  EXPECT_EQ(redact_database_url("host=db password=secret dbname=x"), "host=db password=*** dbname=x");
  EXPECT_EQ(redact_database_url("host=db password = 'se cret' dbname=x"), "host=db password=*** dbname=x");
}

TEST(StoreDatabaseSettings, RedactsUnencodedPasswordCharacters) {
  EXPECT_EQ(redact_database_url("postgresql://u:se/cr@t?x@db:5432/x"), "postgresql://u@db:5432/x");
  EXPECT_EQ(redact_database_url("host=db password=SEC RETPW dbname=x"), "host=db password=*** dbname=x");
  EXPECT_EQ(redact_database_url("mysql://u:SECRET@db/x").find("SECRET"), std::string::npos);
}

TEST(StoreDatabaseSettings, InvalidUrlMessageHidesPassword) {
  DatabaseSettings settings;
  settings.url = "postgresql://u:SECRETPW@[::1/pitstop";
  try {
    make_connection_string(settings);
    FAIL() << "accepted an invalid URL";
  } catch (const DatabaseError& error) {
    EXPECT_EQ(std::string(error.what()).find("SECRETPW"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("the database URL is invalid"), std::string::npos) << error.what();
  }
}

TEST(StoreDatabaseSettings, PasswordFileFolderRejected) {
  DatabaseSettings settings;
  settings.url = "postgresql://pitstop@db/pitstop";
  settings.password_file = std::filesystem::temp_directory_path().string();
  try {
    make_connection_string(settings);
    FAIL() << "accepted a folder as password file";
  } catch (const DatabaseError& error) {
    EXPECT_NE(std::string(error.what()).find("cannot read the database password file"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace pitstop
