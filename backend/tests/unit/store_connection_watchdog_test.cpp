#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "store/connection_watchdog.hpp"

namespace pitstop {
namespace {

using namespace std::chrono_literals;

// A PostgreSQL stand-in on 127.0.0.1 that completes the startup handshake
// for one client and then never responds, like a server whose processes are
// stopped. It keeps the connection open until the client closes it.
class SilentPostgres {
 public:
  SilentPostgres() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(listener_, 1) != 0 || ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("the PostgreSQL stand-in could not listen on 127.0.0.1");
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }

  ~SilentPostgres() {
    ::shutdown(listener_, SHUT_RDWR);
    thread_.join();
    ::close(listener_);
  }

  std::string connection_string() const {
    return fmt::format("host=127.0.0.1 port={} user=pitstop dbname=pitstop sslmode=disable gssencmode=disable "
                       "connect_timeout=5",
                       port_);
  }

 private:
  static void append_int32(std::string& message, std::uint32_t value) {
    const std::uint32_t network = htonl(value);
    message.append(reinterpret_cast<const char*>(&network), sizeof(network));
  }

  static void append_message(std::string& out, char type, const std::string& body) {
    out += type;
    append_int32(out, static_cast<std::uint32_t>(body.size() + 4));
    out += body;
  }

  void serve() {
    const int client = ::accept(listener_, nullptr, nullptr);
    if (client < 0) return;
    // The startup packet: an int32 length that counts itself, then the parameters.
    char buffer[4096];
    std::uint32_t length = 0;
    if (::recv(client, &length, sizeof(length), MSG_WAITALL) == sizeof(length)) {
      std::size_t remaining = ntohl(length) - sizeof(length);
      while (remaining > 0) {
        const ssize_t got = ::recv(client, buffer, std::min(remaining, sizeof(buffer)), 0);
        if (got <= 0) break;
        remaining -= static_cast<std::size_t>(got);
      }

      std::string reply;
      std::string authentication_ok;
      append_int32(authentication_ok, 0);
      append_message(reply, 'R', authentication_ok);
      append_message(reply, 'S', std::string("server_version\0" "15.0\0", 20));
      append_message(reply, 'S', std::string("client_encoding\0" "UTF8\0", 21));
      append_message(reply, 'Z', "I");
      ::send(client, reply.data(), reply.size(), MSG_NOSIGNAL);
    }
    // Reads and ignores every query until the client closes the connection.
    while (::recv(client, buffer, sizeof(buffer), 0) > 0) {
    }
    ::close(client);
  }

  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(StoreConnectionWatchdog, DeadlineEndsBlockedQuery) {
  SilentPostgres server;
  pqxx::connection connection(server.connection_string());
  ConnectionWatchdog watchdog;

  const auto start = std::chrono::steady_clock::now();
  {
    ArmedDeadline deadline(watchdog, connection, 300ms, "the test query");
    pqxx::nontransaction statement(connection);
    EXPECT_THROW(statement.exec("SELECT 1"), pqxx::broken_connection);
  }
  EXPECT_GE(seconds_since(start), 0.25);
  EXPECT_LT(seconds_since(start), 5.0);
  EXPECT_TRUE(watchdog.expired());
  EXPECT_FALSE(connection.is_open());
}

TEST(StoreConnectionWatchdog, CancellationEndsBlockedQuery) {
  SilentPostgres server;
  pqxx::connection connection(server.connection_string());
  std::atomic<bool> cancelled{false};
  ConnectionWatchdog watchdog([&cancelled] { return cancelled.load(); });

  const auto start = std::chrono::steady_clock::now();
  std::thread canceller([&cancelled] {
    std::this_thread::sleep_for(300ms);
    cancelled = true;
  });
  {
    ArmedDeadline deadline(watchdog, connection, 60s, "the test query");
    pqxx::nontransaction statement(connection);
    EXPECT_THROW(statement.exec("SELECT 1"), pqxx::broken_connection);
  }
  canceller.join();
  // The cancelled step gets 2 s more, after the cancellation at 0.3 s.
  EXPECT_GE(seconds_since(start), 2.2);
  EXPECT_LT(seconds_since(start), 5.0);
  EXPECT_TRUE(watchdog.expired());
}

TEST(StoreConnectionWatchdog, DisarmedDeadlineKeepsConnection) {
  SilentPostgres server;
  pqxx::connection connection(server.connection_string());
  ConnectionWatchdog watchdog;

  watchdog.arm(connection, 200ms, "the test step");
  watchdog.disarm();
  std::this_thread::sleep_for(500ms);
  EXPECT_FALSE(watchdog.expired());
  EXPECT_TRUE(connection.is_open());
}

TEST(StoreConnectionWatchdog, RearmReplacesDeadline) {
  SilentPostgres server;
  pqxx::connection connection(server.connection_string());
  ConnectionWatchdog watchdog;

  watchdog.arm(connection, 200ms, "the first step");
  watchdog.arm(connection, 60s, "the second step");
  std::this_thread::sleep_for(500ms);
  EXPECT_FALSE(watchdog.expired());
  EXPECT_TRUE(connection.is_open());
  watchdog.disarm();
}

}  // namespace
}  // namespace pitstop
