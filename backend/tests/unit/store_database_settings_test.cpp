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

TEST(StoreDatabaseSettings, UriGetsDefaultsAppended) {
  DatabaseSettings settings;
  settings.url = "postgresql://pitstop@db:5432/pitstop";
  EXPECT_EQ(make_connection_string(settings),
            "postgresql://pitstop@db:5432/pitstop?connect_timeout=5&application_name=pitstop");
}

TEST(StoreDatabaseSettings, UriKeepsOwnParameters) {
  DatabaseSettings settings;
  settings.url = "postgresql://pitstop@db/pitstop?sslmode=require&connect_timeout=2&application_name=mine";
  EXPECT_EQ(make_connection_string(settings), settings.url);
}

TEST(StoreDatabaseSettings, PasswordFileIsPercentEncoded) {
  DatabaseSettings settings;
  settings.url = "postgresql://pitstop@db/pitstop?sslmode=require";
  settings.password_file = temporary_file("pitstop-password", "p@ss w&rd=1\n");
  EXPECT_EQ(make_connection_string(settings),
            "postgresql://pitstop@db/pitstop?sslmode=require&password=p%40ss%20w%26rd%3D1&connect_timeout=5"
            "&application_name=pitstop");
  std::filesystem::remove(settings.password_file);
}

TEST(StoreDatabaseSettings, KeywordFormQuotesPassword) {
  DatabaseSettings settings;
  settings.url = "host=db dbname=pitstop";
  settings.password_file = temporary_file("pitstop-password-keyword", "it's\\x");
  EXPECT_EQ(make_connection_string(settings),
            "host=db dbname=pitstop password='it\\'s\\\\x' connect_timeout='5' application_name='pitstop'");
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
