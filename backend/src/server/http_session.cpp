#include "server/http_session.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <string_view>
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace pitstop {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

// Buffer size of the read that waits for the first byte of a request.
constexpr std::size_t kFirstReadBytes = 8192;

// After an error response to a request that was not read to its end, the client
// may still be sending. Closing a socket with unread input makes the kernel send
// RST, which can make the client drop the error response unread. So the server
// reads and discards input for up to this long, or this many bytes, before it closes.
constexpr std::chrono::seconds kLingerTime{2};
constexpr std::size_t kMaxLingerBytes = 1024 * 1024;

// Longest path written to the access log. Paths of up to max_request_line_bytes
// are accepted, and logging them whole would let one client flood the log.
constexpr std::size_t kMaxLoggedPathBytes = 200;

constexpr const char* kInternalErrorMessage =
    "the server failed to answer this request: retry, and report the X-Request-Id if it keeps failing";

bool is_http_parse_error(const beast::error_code& error) {
  return error.category() == http::make_error_code(http::error::bad_method).category();
}

std::string loggable_path(std::string_view path) {
  if (path.size() <= kMaxLoggedPathBytes) return std::string(path);
  return fmt::format("{}...({} bytes)", path.substr(0, kMaxLoggedPathBytes), path.size());
}

// True when a request has a Transfer-Encoding other than exactly "chunked",
// the only coding the server decodes.
bool has_unsupported_transfer_coding(const HttpRequest& request) {
  const auto [first, last] = request.equal_range(http::field::transfer_encoding);
  if (first == last) return false;
  return std::next(first) != last || !beast::iequals(first->value(), "chunked");
}

}  // namespace

ServerContext::ServerContext(ServerConfig server_config, ApiHandler api_handler)
    : config(std::move(server_config)), handler(std::move(api_handler)) {
  if (config.handler_threads > 0) handler_pool = std::make_unique<asio::thread_pool>(config.handler_threads);
}

void ServerContext::add_session(const std::shared_ptr<HttpSession>& session) {
  const std::lock_guard lock(mutex_);
  sessions_.emplace(session.get(), session);
}

void ServerContext::remove_session(const HttpSession* session) {
  const std::lock_guard lock(mutex_);
  sessions_.erase(session);
  if (sessions_.empty() && stopping.load() && drained_callback_) drained_callback_();
}

std::size_t ServerContext::session_count() const {
  const std::lock_guard lock(mutex_);
  return sessions_.size();
}

std::vector<std::shared_ptr<HttpSession>> ServerContext::live_sessions() const {
  const std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<HttpSession>> live;
  live.reserve(sessions_.size());
  for (const auto& [key, weak_session] : sessions_) {
    if (auto session = weak_session.lock()) live.push_back(std::move(session));
  }
  return live;
}

void ServerContext::set_drained_callback(std::function<void()> callback) {
  const std::lock_guard lock(mutex_);
  drained_callback_ = std::move(callback);
}

HttpSession::HttpSession(asio::ip::tcp::socket socket, std::shared_ptr<ServerContext> context,
                         std::string remote_address)
    : stream_(std::move(socket)), context_(std::move(context)), remote_address_(std::move(remote_address)) {}

HttpSession::~HttpSession() {
  context_->remove_session(this);
}

void HttpSession::start() {
  asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->wait_for_request(); });
}

void HttpSession::close_if_idle() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    if (self->state_ != State::waiting_for_request || self->requests_handled_ == 0) return;
    // Cancel rather than close: a request that already arrived still reaches
    // on_first_bytes and gets a response.
    beast::error_code ignored;
    self->stream_.socket().cancel(ignored);
  });
}

void HttpSession::close_socket_when_stopped() {
  beast::error_code ignored;
  stream_.socket().close(ignored);
}

// Waits up to read_timeout for the first byte of the next request, which is the
// keep-alive idle timeout. The whole request then gets its own read_timeout.
void HttpSession::wait_for_request() {
  state_ = State::waiting_for_request;
  if (context_->stopping.load() && requests_handled_ > 0) {
    close();
    return;
  }
  if (buffer_.size() > 0) {  // the client sent the next request before this response
    request_started_ = Clock::now();
    read_request();
    return;
  }
  stream_.expires_after(context_->config.read_timeout);
  stream_.async_read_some(buffer_.prepare(kFirstReadBytes),
                          beast::bind_front_handler(&HttpSession::on_first_bytes, shared_from_this()));
}

void HttpSession::on_first_bytes(beast::error_code error, std::size_t bytes_read) {
  buffer_.commit(bytes_read);
  beast::error_code ignored;
  const bool request_waiting = buffer_.size() > 0 || stream_.socket().available(ignored) > 0;
  if (error == asio::error::operation_aborted && context_->stopping.load() && request_waiting) {
    error = {};  // cancelled by stop() just as the next request arrived, so handle that request
  }
  if (error) {
    if (error == beast::error::timeout) {
      spdlog::debug("http: closed the connection from {} after {} s without a request", remote_address_,
                    context_->config.read_timeout.count());
    } else if (error != asio::error::eof && error != asio::error::operation_aborted) {
      spdlog::debug("http: connection from {} failed while idle: {}", remote_address_, error.message());
    }
    close();
    return;
  }
  request_started_ = Clock::now();
  read_request();
}

void HttpSession::read_request() {
  state_ = State::reading_request;
  const ServerConfig& config = context_->config;
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(
      std::min<std::size_t>(config.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
  parser_->body_limit(static_cast<std::uint64_t>(config.max_body_bytes));

  // The deadline covers every read of this request, so a client that sends
  // a byte at a time is cut off after read_timeout like one that sends nothing.
  // NOTE: the server sends no "100 Continue", so a client that sends "Expect:
  // 100-continue" waits before it sends the body (libcurl waits 1 s by default,
  // see CURLOPT_EXPECT_100_TIMEOUT_MS). A Content-Length over the limit still gets 413 at once.
  stream_.expires_after(config.read_timeout);
  header_bytes_ = 0;
  read_header_part();
}

// Reads the header one part at a time. Beast 1.74's parser drops each complete
// field from its window, so a header that arrives in many reads passes its
// header_limit however long it is; the running total here enforces the limit.
void HttpSession::read_header_part() {
  http::async_read_some(stream_, buffer_, *parser_,
                        [self = shared_from_this()](beast::error_code error, std::size_t bytes_parsed) {
                          self->on_header_part_read(error, bytes_parsed);
                        });
}

void HttpSession::on_header_part_read(beast::error_code error, std::size_t bytes_parsed) {
  header_bytes_ += bytes_parsed;
  if (!error && header_bytes_ > context_->config.max_header_bytes) error = http::error::header_limit;
  if (error) {
    reject_unreadable_request(error);
    return;
  }
  if (!parser_->is_header_done()) {
    read_header_part();
    return;
  }
  if (parser_->is_done()) {
    on_request_read({});
    return;
  }
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code error, std::size_t) {
                     self->on_request_read(error);
                   });
}

void HttpSession::on_request_read(beast::error_code error) {
  if (error) {
    reject_unreadable_request(error);
    return;
  }
  handle_request(parser_->release());
}

// Sends a 4xx response to a request that could not be read in full, then
// closes the connection. After a timeout, reset or end of stream it only closes it.
void HttpSession::reject_unreadable_request(beast::error_code error) {
  if (error == asio::error::operation_aborted) {
    close();
    return;
  }
  if (error == beast::error::timeout) {
    spdlog::debug("http: closed the connection from {}: the request did not arrive in full within {} s",
                  remote_address_, context_->config.read_timeout.count());
    close();
    return;
  }
  if (!is_http_parse_error(error) || error == http::error::partial_message ||
      error == http::error::end_of_stream) {
    spdlog::debug("http: connection from {} ended before the request was complete: {}", remote_address_,
                  error.message());
    close();
    return;
  }

  // The request line and some headers may have been parsed before the error.
  const auto& partial_request = parser_->get();
  exchange_ = Exchange{};
  if (!partial_request.target().empty()) {
    exchange_.method = std::string(to_std_view(partial_request.method_string()));
    exchange_.path = std::string(target_path(to_std_view(partial_request.target())));
  }
  exchange_.request_id = choose_request_id(partial_request);
  exchange_.keep_alive = false;
  exchange_.linger_after_write = true;

  const ServerConfig& config = context_->config;
  ApiResponse response;
  if (error == http::error::header_limit && request_target_too_long()) {
    response = make_error_response(
        414, "target_too_long",
        fmt::format("the request target is longer than {} bytes: shorten the path and query string",
                    config.max_request_line_bytes));
  } else if (error == http::error::header_limit) {
    response = make_error_response(
        431, "headers_too_large",
        fmt::format("the request line and headers are larger than {} bytes: send fewer or shorter headers",
                    config.max_header_bytes));
  } else if (error == http::error::body_limit) {
    response = make_error_response(
        413, "body_too_large",
        fmt::format("the request body is larger than {} bytes: send a smaller body", config.max_body_bytes));
  } else {
    response = make_error_response(
        400, "malformed_request",
        fmt::format("the request is not valid HTTP/1.1 ({}): send a well-formed request", error.message()));
  }
  const bool head_request = partial_request.method() == http::verb::head;
  if (config.record_rejection) config.record_rejection(response.status);
  send_response(std::move(response), 11, head_request);
}

// Beast reports one header_limit error for a long request line and for long
// headers. The target decides which of 414 and 431 to send.
bool HttpSession::request_target_too_long() const {
  const std::size_t max_target = context_->config.max_request_line_bytes;
  const auto parsed_target = parser_->get().target();
  if (!parsed_target.empty()) return parsed_target.size() > max_target;

  // The parser stopped inside the request line, which is still at the start of the buffer.
  const auto buffered = buffer_.data();
  const std::string_view data(static_cast<const char*>(buffered.data()), buffered.size());
  const std::string_view request_line = data.substr(0, data.find("\r\n"));
  const std::size_t method_end = request_line.find(' ');
  if (method_end == std::string_view::npos) return false;
  std::string_view target = request_line.substr(method_end + 1);
  target = target.substr(0, target.find(' '));
  return target.size() > max_target;
}

void HttpSession::handle_request(HttpRequest request) {
  state_ = State::handling;
  ++requests_handled_;
  exchange_ = Exchange{};
  exchange_.method = std::string(to_std_view(request.method_string()));
  exchange_.path = std::string(target_path(to_std_view(request.target())));
  exchange_.request_id = choose_request_id(request);
  exchange_.keep_alive = request.keep_alive();

  const unsigned http_version = request.version();
  const bool head_request = request.method() == http::verb::head;
  const std::size_t max_target = context_->config.max_request_line_bytes;

  ApiResponse response;
  if (has_unsupported_transfer_coding(request)) {
    // Without chunked as the only coding the body's end is unknown (RFC 9112, section 6.3), so the
    // connection cannot carry another request. The value is not echoed, because it may not be UTF-8.
    response = make_error_response(
        400, "malformed_request",
        "the request is not valid HTTP/1.1 (a Transfer-Encoding other than chunked): send the body with "
        "Content-Length or Transfer-Encoding: chunked");
    exchange_.keep_alive = false;
    exchange_.linger_after_write = true;
    if (context_->config.record_rejection) context_->config.record_rejection(400);
  } else if (request.target().size() > max_target) {
    response = make_error_response(
        414, "target_too_long",
        fmt::format("the request target is longer than {} bytes: shorten the path and query string", max_target));
    if (context_->config.record_rejection) context_->config.record_rejection(414);
  } else if (!runs_inline(exchange_.path)) {
    handle_on_pool(to_api_request(std::move(request), exchange_.request_id), http_version, head_request);
    return;
  } else {
    response = call_handler(to_api_request(std::move(request), exchange_.request_id));
  }
  send_response(std::move(response), http_version, head_request);
}

bool HttpSession::runs_inline(const std::string& path) const {
  if (!context_->handler_pool) return true;
  const auto& paths = context_->config.inline_paths;
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

void HttpSession::handle_on_pool(ApiRequest request, unsigned http_version, bool head_request) {
  // The work guard keeps the I/O threads running until the response is
  // posted back, even while stopping with no other work left.
  auto work = asio::make_work_guard(stream_.get_executor());
  asio::post(*context_->handler_pool, [self = shared_from_this(), request = std::move(request), http_version,
                                       head_request, work = std::move(work)]() mutable {
    ApiResponse response = self->call_handler(request);
    asio::post(self->stream_.get_executor(),
               [self, response = std::move(response), http_version, head_request]() mutable {
                 self->send_response(std::move(response), http_version, head_request);
               });
    work.reset();
  });
}

ApiResponse HttpSession::call_handler(const ApiRequest& request) {
  try {
    return context_->handler(request);
  } catch (const std::exception& error) {
    spdlog::error("http: request {} ({} {}) failed in the handler: {}", exchange_.request_id, exchange_.method,
                  loggable_path(exchange_.path), error.what());
  } catch (...) {
    spdlog::error("http: request {} ({} {}) failed in the handler with an exception of unknown type",
                  exchange_.request_id, exchange_.method, loggable_path(exchange_.path));
  }
  // The exception text may contain internals, so the client only gets the request id.
  return make_error_response(500, "internal_error", kInternalErrorMessage);
}

void HttpSession::send_response(ApiResponse response, unsigned http_version, bool head_request) {
  state_ = State::writing;
  if (context_->stopping.load()) exchange_.keep_alive = false;

  ResponseOptions options;
  options.http_version = http_version;
  options.keep_alive = exchange_.keep_alive;
  options.head_request = head_request;
  options.request_id = exchange_.request_id;
  response_.emplace(to_http_response(std::move(response), options));
  exchange_.status = response_->result_int();

  stream_.expires_after(context_->config.write_timeout);
  http::async_write(stream_, *response_,
                    beast::bind_front_handler(&HttpSession::on_response_written, shared_from_this()));
}

void HttpSession::on_response_written(beast::error_code error, std::size_t bytes_written) {
  response_.reset();
  log_exchange(bytes_written);
  if (error) {
    spdlog::debug("http: failed to send the response to request {} to {}: {}", exchange_.request_id,
                  remote_address_, error.message());
    close();
    return;
  }
  if (exchange_.linger_after_write) {
    linger_then_close();
    return;
  }
  if (!exchange_.keep_alive || context_->stopping.load()) {
    close();
    return;
  }
  wait_for_request();
}

// Writes the access-log line. The latency runs from the first byte of the
// request to the last byte of the response handed to the kernel, and the byte
// count includes the response headers. The query string is left out because it
// may contain the user's locations.
void HttpSession::log_exchange(std::size_t bytes_written) const {
  const double latency_ms = std::chrono::duration<double, std::milli>(Clock::now() - request_started_).count();
  // Methods are client text too, so they are cut like paths.
  constexpr std::size_t kMaxLoggedMethodBytes = 20;
  spdlog::info("http: {} {} {} {:.1f} ms {} bytes id={} from {}",
               std::string_view(exchange_.method).substr(0, kMaxLoggedMethodBytes), loggable_path(exchange_.path),
               exchange_.status, latency_ms, bytes_written, exchange_.request_id, remote_address_);
}

void HttpSession::linger_then_close() {
  state_ = State::lingering;
  beast::error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  lingered_bytes_ = 0;
  stream_.expires_after(kLingerTime);
  stream_.async_read_some(asio::buffer(linger_buffer_),
                          beast::bind_front_handler(&HttpSession::on_linger_read, shared_from_this()));
}

void HttpSession::on_linger_read(beast::error_code error, std::size_t bytes_read) {
  lingered_bytes_ += bytes_read;
  if (error || lingered_bytes_ > kMaxLingerBytes) {
    close();
    return;
  }
  stream_.async_read_some(asio::buffer(linger_buffer_),
                          beast::bind_front_handler(&HttpSession::on_linger_read, shared_from_this()));
}

void HttpSession::close() {
  beast::error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  stream_.close();
}

std::string HttpSession::choose_request_id(const HttpRequest::header_type& header) {
  const auto field = header.find("X-Request-Id");
  if (field != header.end() && is_valid_request_id(to_std_view(field->value()))) {
    return std::string(to_std_view(field->value()));
  }
  return context_->request_ids.next();
}

}  // namespace pitstop
