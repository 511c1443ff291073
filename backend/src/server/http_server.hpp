#pragma once

#include <cstdint>
#include <memory>

#include "api/http_exchange.hpp"
#include "server/server_config.hpp"

namespace pitstop {

// HTTP/1.1 server that passes each request to an ApiHandler. Built on
// Boost.Beast, with keep-alive, size limits, read and write timeouts, a
// connection limit and graceful shutdown.
//
// Use: construct, start(), optionally stop_on_signals(), then run() on one
// thread. run() returns after stop(). The server runs once and cannot be restarted.
class HttpServer {
 public:
  // Throws std::invalid_argument if the handler is empty or if worker_threads,
  // max_connections, max_request_line_bytes, max_header_bytes, read_timeout or
  // write_timeout is not positive.
  HttpServer(ServerConfig config, ApiHandler handler);
  // Call only after run() has returned, or if run() was never called.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens. Throws std::runtime_error naming the address and port
  // if the address cannot be resolved or bound.
  void start();
  // Returns the bound port, which differs from the configured one when that was 0.
  std::uint16_t port() const;
  // Runs the server on worker_threads threads, the caller's among them, until
  // stop() completes. Throws std::logic_error if start() was not called.
  void run();
  // Stops accepting connections, closes idle keep-alive connections and lets
  // requests in flight finish and their responses be written. Connections
  // still open after shutdown_grace are closed, and then run() returns.
  // Safe to call from any thread and more than once, but not from inside a
  // POSIX signal handler: use stop_on_signals() for that.
  void stop();
  // Calls stop() on the first SIGINT or SIGTERM. stop() then restores the
  // default action of both signals, so a second one ends the process.
  // Call before run().
  void stop_on_signals();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pitstop
