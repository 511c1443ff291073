#pragma once

#include <string>
#include <string_view>

namespace pitstop {

// Connection settings of the PostgreSQL database: its URL and the login password.
struct DatabaseSettings {
  // A libpq connection URI (postgresql://pitstop@db:5432/pitstop) or a
  // key=value string (host=db dbname=pitstop user=pitstop).
  std::string url;
  // File whose contents, without trailing line breaks, are the password.
  // Empty: libpq's own sources apply (a password in the URL, PGPASSWORD,
  // ~/.pgpass).
  std::string password_file;
  // Seconds libpq waits for one connection attempt, unless the URL sets connect_timeout.
  int connect_timeout_s = 5;
  // TCP keepalive probes (libpq keepalives_idle, keepalives_interval and
  // keepalives_count) let the kernel close an idle connection to a host that
  // is gone from the network: after about idle + count * interval = 25 s, or
  // at tcp_user_timeout_ms once a probe is out, when that is shorter (Linux).
  int keepalives_idle_s = 10;
  int keepalives_interval_s = 5;
  int keepalives_count = 3;
  // Milliseconds sent data may stay unacknowledged before the kernel closes
  // the connection (libpq tcp_user_timeout, TCP_USER_TIMEOUT on Linux).
  int tcp_user_timeout_ms = 20000;
};

// Returns the libpq connection string for the settings: the URL with the
// password from password_file, and connect_timeout, keepalives=1, the
// keepalive settings, tcp_user_timeout and application_name=pitstop added
// wherever the URL does not set them. Throws DatabaseError for an empty URL
// or an unreadable or empty password file; the message names the file, never
// its contents.
std::string make_connection_string(const DatabaseSettings& settings);

// Returns the URL with any password removed, for logs and error messages.
std::string redact_database_url(std::string_view url);

}  // namespace pitstop
