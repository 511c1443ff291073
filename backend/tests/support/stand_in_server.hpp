#pragma once

// A stand-in HTTP server on 127.0.0.1 for the OneMap and DataMall client
// tests. A handler picks each reply, which can also come slowly or cut short,
// and every request is recorded with its query decoded as a real server would.

#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <fmt/format.h>

#include "api/query_parameters.hpp"

namespace pitstop::testing {

struct StandInRequest {
  std::string method;
  std::string target;  // as received, query included
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;    // names and values decoded
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;

  // Returns the decoded value of the first parameter with this name, or "".
  std::string query_value(std::string_view name) const {
    for (const auto& [key, value] : query) {
      if (key == name) return value;
    }
    return {};
  }

  // Returns the value of the first header with this lower-case name, or "".
  std::string header(std::string_view lower_case_name) const {
    for (const auto& [key, value] : headers) {
      if (key == lower_case_name) return value;
    }
    return {};
  }
};

enum class ReplyMode {
  Complete,
  SlowBody,    // sends the headers and half the body, waits body_delay, then sends the rest
  CutOffBody,  // announces 100 bytes more than it sends, then closes the connection
};

struct StandInReply {
  unsigned status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  ReplyMode mode = ReplyMode::Complete;
  std::chrono::milliseconds body_delay{0};
};

inline StandInReply json_reply(unsigned status, std::string body) {
  StandInReply reply;
  reply.status = status;
  reply.body = std::move(body);
  return reply;
}

class StandInServer {
 public:
  using Handler = std::function<StandInReply(const StandInRequest&)>;

  explicit StandInServer(Handler handler)
      : handler_(std::move(handler)),
        acceptor_(io_context_, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0)) {
    port_ = acceptor_.local_endpoint().port();
    accept_thread_ = std::thread([this] { accept_loop(); });
  }

  ~StandInServer() { stop(); }
  StandInServer(const StandInServer&) = delete;
  StandInServer& operator=(const StandInServer&) = delete;

  std::uint16_t port() const { return port_; }
  std::string base_url() const { return fmt::format("http://127.0.0.1:{}", port_); }

  std::vector<StandInRequest> requests() const {
    const std::lock_guard lock(mutex_);
    return requests_;
  }

  // Returns the number of requests received for this path.
  std::size_t hits(std::string_view path) const {
    const std::lock_guard lock(mutex_);
    return static_cast<std::size_t>(std::count_if(requests_.begin(), requests_.end(),
                                                  [path](const StandInRequest& r) { return r.path == path; }));
  }

  void clear_requests() {
    const std::lock_guard lock(mutex_);
    requests_.clear();
  }

  // Stops accepting, wakes slow replies and waits for every connection to end.
  void stop() {
    if (stopping_.exchange(true)) return;
    {
      // A connection to ourselves wakes the blocking accept().
      boost::system::error_code ignored;
      boost::asio::ip::tcp::socket waker(io_context_);
      waker.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ignored);
    }
    if (accept_thread_.joinable()) accept_thread_.join();
    wake_.notify_all();
    std::vector<std::thread> connections;
    {
      const std::lock_guard lock(mutex_);
      connections.swap(connection_threads_);
    }
    for (std::thread& connection : connections) connection.join();
  }

 private:
  void accept_loop() {
    while (!stopping_) {
      boost::asio::ip::tcp::socket socket(io_context_);
      boost::system::error_code error;
      acceptor_.accept(socket, error);
      if (error || stopping_) continue;
      const std::lock_guard lock(mutex_);
      connection_threads_.emplace_back([this, s = std::move(socket)]() mutable { serve(std::move(s)); });
    }
  }

  static std::vector<std::pair<std::string, std::string>> decode_query(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> parameters;
    while (!text.empty()) {
      const auto end = text.find('&');
      const std::string_view part = text.substr(0, end);
      const auto equals = part.find('=');
      const auto name = percent_decode(part.substr(0, equals), true);
      const auto value = equals == std::string_view::npos ? std::optional<std::string>("")
                                                          : percent_decode(part.substr(equals + 1), true);
      parameters.emplace_back(name.value_or("<malformed>"), value.value_or("<malformed>"));
      if (end == std::string_view::npos) break;
      text.remove_prefix(end + 1);
    }
    return parameters;
  }

  static const char* reason_phrase(unsigned status) {
    switch (status) {
      case 200: return "OK";
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 429: return "Too Many Requests";
      case 500: return "Internal Server Error";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      default: return "Status";
    }
  }

  void serve(boost::asio::ip::tcp::socket socket) {
    namespace http = boost::beast::http;
    // A client that never finishes its request must not keep the server from stopping.
    const timeval receive_timeout{5, 0};
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &receive_timeout, sizeof receive_timeout);

    boost::beast::flat_buffer buffer;
    http::request_parser<http::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    boost::system::error_code error;
    http::read(socket, buffer, parser, error);
    if (error) return;
    const auto& message = parser.get();

    StandInRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    const auto mark = request.target.find('?');
    request.path = request.target.substr(0, mark);
    if (mark != std::string::npos) request.query = decode_query(std::string_view(request.target).substr(mark + 1));
    for (const auto& field : message) {
      std::string name(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request.body = message.body();
    {
      const std::lock_guard lock(mutex_);
      requests_.push_back(request);
    }

    const StandInReply reply = handler_(request);
    const std::size_t announced = reply.body.size() + (reply.mode == ReplyMode::CutOffBody ? 100 : 0);
    std::string head = fmt::format("HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
                                   reply.status, reason_phrase(reply.status), reply.content_type, announced);
    for (const auto& [name, value] : reply.headers) head += fmt::format("{}: {}\r\n", name, value);
    head += "\r\n";

    if (reply.mode == ReplyMode::SlowBody) {
      const std::size_t half = reply.body.size() / 2;
      boost::asio::write(socket, boost::asio::buffer(head + reply.body.substr(0, half)), error);
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, reply.body_delay, [this] { return stopping_.load(); });
      lock.unlock();
      if (!error) boost::asio::write(socket, boost::asio::buffer(reply.body.substr(half)), error);
    } else {
      boost::asio::write(socket, boost::asio::buffer(head + reply.body), error);
    }
    socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, error);
    socket.close(error);
  }

  Handler handler_;
  boost::asio::io_context io_context_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread accept_thread_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<std::thread> connection_threads_;
  std::vector<StandInRequest> requests_;
};

}  // namespace pitstop::testing
