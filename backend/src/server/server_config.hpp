#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace pitstop {

// Settings of the HTTP server. Sizes are in bytes.
struct ServerConfig {
  std::string bind_address = "127.0.0.1";  // numeric address or host name
  std::uint16_t port = 8000;               // 0 lets the system pick a free port
  std::size_t worker_threads = 2;  // threads for network I/O and the handlers of inline_paths
  // Threads that run the handler of every other request, so that slow
  // requests never hold up the I/O threads. 0 runs every handler on the I/O threads.
  std::size_t handler_threads = 2;
  // Paths (without the query) whose handler is quick and runs on an I/O
  // thread, such as health checks, which then respond while every handler
  // thread is busy.
  std::vector<std::string> inline_paths;
  std::size_t max_connections = 2048;  // further connections get 503 and are closed

  // Maximum length of the request target (path and query). Longer targets get 414.
  std::size_t max_request_line_bytes = 8192;
  // Largest request header including the request line; larger headers get 431.
  std::size_t max_header_bytes = 16384;
  // Largest request body; larger bodies get 413.
  std::size_t max_body_bytes = 65536;

  // Time allowed to receive a whole request once its first byte has arrived,
  // and time a keep-alive connection may stay idle between requests.
  std::chrono::seconds read_timeout{10};
  // Time allowed to write one response.
  std::chrono::seconds write_timeout{30};
  // Time that stop() gives requests in flight before it closes their connections.
  std::chrono::seconds shutdown_grace{20};

  // Called with the status for every response the server sends without the
  // handler (400, 413, 414, 431 and the 503 above max_connections), so that
  // metrics count them too. Must be thread-safe; may be empty.
  std::function<void(unsigned status)> record_rejection;
};

}  // namespace pitstop
