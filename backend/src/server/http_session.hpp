#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>

#include "api/http_exchange.hpp"
#include "server/http_messages.hpp"
#include "server/request_id.hpp"
#include "server/server_config.hpp"

namespace pitstop {

class HttpSession;

// State that an HttpServer shares with its connections. Each connection owns
// a shared_ptr to it, so it outlives the connections that the io_context
// destroys while the server is destroyed.
class ServerContext {
 public:
  ServerContext(ServerConfig config, ApiHandler handler);

  const ServerConfig config;
  const ApiHandler handler;
  // Runs the handlers of requests outside config.inline_paths; null when
  // config.handler_threads is 0.
  std::unique_ptr<boost::asio::thread_pool> handler_pool;
  RequestIdGenerator request_ids;
  std::atomic<bool> stopping{false};  // set once by stop(), never cleared

  void add_session(const std::shared_ptr<HttpSession>& session);
  // Called by ~HttpSession. Calls the drained callback when stopping and this was the last session.
  void remove_session(const HttpSession* session);
  std::size_t session_count() const;
  std::vector<std::shared_ptr<HttpSession>> live_sessions() const;
  // Sets the callback, or clears it with nullptr. It runs with the registry
  // lock held, so it must only post work, never call back into this class.
  void set_drained_callback(std::function<void()> callback);

 private:
  mutable std::mutex mutex_;
  std::unordered_map<const HttpSession*, std::weak_ptr<HttpSession>> sessions_;
  std::function<void()> drained_callback_;
};

// One HTTP/1.1 connection. It reads requests one at a time, calls the handler
// and writes each response before it reads the next request. Everything after
// start() runs on the strand of the socket's executor.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket socket, std::shared_ptr<ServerContext> context,
              std::string remote_address);
  ~HttpSession();
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  // Starts reading requests. Thread-safe.
  void start();
  // Closes the connection if it waits for a new request after earlier ones, and
  // otherwise lets the request in flight (or a new connection's first request)
  // finish. Called by stop(). Thread-safe.
  void close_if_idle();
  // Closes the socket directly, off the strand. Only for when no thread runs the io_context.
  void close_socket_when_stopped();

 private:
  enum class State { waiting_for_request, reading_request, handling, writing, lingering };
  using Clock = std::chrono::steady_clock;

  // Access-log fields of the request in flight.
  struct Exchange {
    std::string method = "-";
    std::string path = "-";
    std::string request_id;
    unsigned status = 0;
    bool keep_alive = false;
    bool linger_after_write = false;
  };

  void wait_for_request();
  void on_first_bytes(boost::beast::error_code error, std::size_t bytes_read);
  void read_request();
  void read_header_part();
  void on_header_part_read(boost::beast::error_code error, std::size_t bytes_parsed);
  void on_request_read(boost::beast::error_code error);
  void reject_unreadable_request(boost::beast::error_code error);
  bool request_target_too_long() const;
  void handle_request(HttpRequest request);
  bool runs_inline(const std::string& path) const;
  // Calls the handler on the handler pool, then sends the response from this connection's strand.
  void handle_on_pool(ApiRequest request, unsigned http_version, bool head_request);
  ApiResponse call_handler(const ApiRequest& request);
  void send_response(ApiResponse response, unsigned http_version, bool head_request);
  void on_response_written(boost::beast::error_code error, std::size_t bytes_written);
  void log_exchange(std::size_t bytes_written) const;
  void linger_then_close();
  void on_linger_read(boost::beast::error_code error, std::size_t bytes_read);
  void close();
  std::string choose_request_id(const HttpRequest::header_type& header);

  boost::beast::tcp_stream stream_;
  std::shared_ptr<ServerContext> context_;
  const std::string remote_address_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::optional<HttpResponse> response_;
  State state_ = State::waiting_for_request;
  Exchange exchange_;
  Clock::time_point request_started_{};
  // Bytes of the request line and headers parsed so far. Beast 1.74 applies
  // header_limit to each read, not to the whole header, so the session sums them.
  std::size_t header_bytes_ = 0;
  std::size_t lingered_bytes_ = 0;
  std::size_t requests_handled_ = 0;
  std::array<char, 4096> linger_buffer_{};
};

}  // namespace pitstop
