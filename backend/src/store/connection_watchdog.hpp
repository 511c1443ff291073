#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include <pqxx/pqxx>

namespace pitstop {

// Puts a client-side deadline on the blocking libpq calls of one connection.
//
// libpq waits for the server's response without any limit of its own. A
// server whose processes are stopped (SIGSTOP, a hung host whose kernel still
// acknowledges TCP) keeps its connections open, so neither statement_timeout
// (enforced by the stopped server) nor TCP keepalives (acknowledged by the
// kernel) end that wait. When an armed deadline passes, a background thread
// shuts the connection's socket down. The blocked call then fails at once with
// pqxx::broken_connection, and the connection cannot be used again.
class ConnectionWatchdog {
 public:
  // `cancelled` (optional) is checked every 200 ms while armed. Once it
  // returns true, the armed step gets at most 2 s more, so that a stopping
  // server still finishes a step on a working database but does not wait for
  // a frozen one.
  explicit ConnectionWatchdog(std::function<bool()> cancelled = {});
  ~ConnectionWatchdog();
  ConnectionWatchdog(const ConnectionWatchdog&) = delete;
  ConnectionWatchdog& operator=(const ConnectionWatchdog&) = delete;

  // Starts a deadline of `timeout` for `step` (a noun phrase for logs, e.g.
  // "the parking spot read"), replacing any armed one. Does nothing when the
  // connection has no socket, because libpq calls on it fail at once.
  void arm(const pqxx::connection_base& connection, std::chrono::milliseconds timeout, std::string_view step);
  // Ends the armed deadline, if any. Call it before the connection closes.
  void disarm();
  // Whether the watchdog shut the connection down since the last arm().
  bool expired() const;

 private:
  void run();
  // Shuts the socket down; called with mutex_ held.
  void fire(std::string_view reason);
  void close_socket_copy();

  std::function<bool()> cancelled_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  // A duplicate of the connection's socket while armed, -1 otherwise. libpq
  // closes its own descriptor when a call fails, and the number may then be
  // reused by an unrelated file. The duplicate keeps the socket itself open,
  // so shutdown() can only reach this connection.
  int socket_copy_ = -1;
  std::chrono::steady_clock::time_point deadline_;
  std::chrono::milliseconds timeout_{0};
  std::string step_;
  bool expired_ = false;
  bool cancelling_ = false;  // cancelled_ returned true since the last arm()
  std::thread thread_;
};

// Arms a watchdog for one scope and disarms it when the scope ends, also
// when an exception leaves it.
class ArmedDeadline {
 public:
  ArmedDeadline(ConnectionWatchdog& watchdog, const pqxx::connection_base& connection,
                std::chrono::milliseconds timeout, std::string_view step)
      : watchdog_(watchdog) {
    watchdog_.arm(connection, timeout, step);
  }
  ~ArmedDeadline() { watchdog_.disarm(); }
  ArmedDeadline(const ArmedDeadline&) = delete;
  ArmedDeadline& operator=(const ArmedDeadline&) = delete;

 private:
  ConnectionWatchdog& watchdog_;
};

}  // namespace pitstop
