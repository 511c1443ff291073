#include "store/database_settings.hpp"

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <libpq-fe.h>

#include "store/database_error.hpp"

namespace pitstop {
namespace {

bool is_uri(std::string_view url) { return url.starts_with("postgresql://") || url.starts_with("postgres://"); }

std::string read_password_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file || !std::filesystem::is_regular_file(path)) {
    throw DatabaseError(fmt::format("cannot read the database password file {}: check that it exists and is "
                                    "readable by this user",
                                    path));
  }
  std::ostringstream contents;
  contents << file.rdbuf();
  std::string password = contents.str();
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) password.pop_back();
  if (password.empty()) {
    throw DatabaseError(fmt::format("the database password file {} is empty: write the password into it", path));
  }
  return password;
}

// Percent-encodes everything but unreserved URI characters (RFC 3986).
std::string percent_encode(std::string_view text) {
  std::string encoded;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      encoded += c;
    } else {
      encoded += fmt::format("%{:02X}", byte);
    }
  }
  return encoded;
}

// Quotes a value for a key=value connection string: single quotes, with
// backslashes and quotes escaped.
std::string quote_keyword_value(std::string_view text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\\' || c == '\'') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

// Replaces every "quoted" fragment of a libpq message, which may echo part of a password.
std::string drop_quoted_fragments(const std::string& message) {
  return one_line(std::regex_replace(message, std::regex(R"("[^"]*")"), "\"...\""));
}

// Checks the string with libpq's own parser, without connecting.
void check_connection_string(const std::string& connection) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(connection.c_str(), &error);
  if (options != nullptr) {
    PQconninfoFree(options);
    return;
  }
  const std::string reason = error != nullptr ? drop_quoted_fragments(error) : "out of memory";
  PQfreemem(error);
  throw DatabaseError(fmt::format("the database URL is invalid ({}): use postgresql://USER@HOST:PORT/DATABASE, "
                                  "percent-encode special characters in a password, or put the password in "
                                  "--database-password-file",
                                  reason));
}

bool has_parameter(std::string_view url, std::string_view name) {
  const std::regex pattern(fmt::format(R"((^|[?&\s]){}\s*=)", name));
  return std::regex_search(url.begin(), url.end(), pattern);
}

}  // namespace

std::string make_connection_string(const DatabaseSettings& settings) {
  if (settings.url.empty()) {
    throw DatabaseError("no database URL given: set --database or PITSTOP_DATABASE_URL, e.g. "
                        "postgresql://pitstop@127.0.0.1:5432/pitstop");
  }

  std::vector<std::pair<std::string, std::string>> extra;
  if (!settings.password_file.empty()) extra.emplace_back("password", read_password_file(settings.password_file));
  const std::pair<const char*, std::string> defaults[] = {
      {"connect_timeout", std::to_string(settings.connect_timeout_s)},
      {"keepalives", "1"},
      {"keepalives_idle", std::to_string(settings.keepalives_idle_s)},
      {"keepalives_interval", std::to_string(settings.keepalives_interval_s)},
      {"keepalives_count", std::to_string(settings.keepalives_count)},
      {"tcp_user_timeout", std::to_string(settings.tcp_user_timeout_ms)},
      {"application_name", "pitstop"},
  };
  for (const auto& [name, value] : defaults) {
    if (!has_parameter(settings.url, name)) extra.emplace_back(name, value);
  }

  std::string connection = settings.url;
  if (is_uri(settings.url)) {
    char separator = connection.find('?') == std::string::npos ? '?' : '&';
    for (const auto& [name, value] : extra) {
      connection += fmt::format("{}{}={}", separator, name, percent_encode(value));
      separator = '&';
    }
  } else {
    for (const auto& [name, value] : extra) connection += fmt::format(" {}={}", name, quote_keyword_value(value));
  }
  check_connection_string(connection);
  return connection;
}

std::string redact_database_url(std::string_view url) {
  std::string text(url);
  if (is_uri(url)) {
    // postgresql://user:secret@host -> postgresql://user@host. The last '@'
    // ends the user part, so an unencoded '@', '/' or '?' in the password is
    // removed too.
    const std::size_t start = text.find("://") + 3;
    const std::size_t at = text.rfind('@');
    if (at != std::string::npos && at > start) {
      const std::size_t colon = text.find(':', start);
      if (colon != std::string::npos && colon < at) text.erase(colon, at - colon);
    }
    return std::regex_replace(text, std::regex(R"(([?&])password=[^&]*)"), "$1password=***");
  }
  if (text.find("://") != std::string::npos) {
    return "(a URL that is not postgresql://: not shown, because it may contain a password)";
  }
  // Everything after "password=" up to the next keyword (a word followed by '='), so
  // that an unquoted password with spaces is removed whole.
  return std::regex_replace(
      text, std::regex(R"(password\s*=\s*('([^'\\]|\\.)*'|.*?(?=\s+[A-Za-z_]+\s*=|$)))"), "password=***");
}

}  // namespace pitstop
