#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>

#include <array>
#include <atomic>
#include <csignal>
#include <chrono>
#include <future>
#include <iostream>
#include <memory>
#include <mutex>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "server/http_messages.hpp"
#include "server/http_server.hpp"
#include "server/request_id.hpp"

namespace pitstop {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

// Maximum time of one client operation, so that a broken server fails a test instead of hanging it.
constexpr auto kIoTimeout = 5s;
// Maximum time that run() may take to return after stop() in these tests, whose shutdown_grace is 3 s.
constexpr auto kStopTimeout = 10s;

// Size of the padding in the /slow response. It is larger than a loopback
// socket's send buffer, so the server cannot write the response at once and
// must keep the connection open during stop() until the client has read it all.
constexpr std::size_t kSlowResponsePaddingBytes = 8 * 1024 * 1024;

const std::regex kGeneratedIdPattern("[0-9a-f]{16}");

using ClientRequest = http::request<http::string_body>;
using ClientMessage = http::response<http::string_body>;

struct ClientResponse {
  beast::error_code error;
  ClientMessage message;
};

std::string header_value(const ClientMessage& message, std::string_view name) {
  const auto field = message.find(to_beast_view(name));
  if (field == message.end()) return {};
  return std::string(to_std_view(field->value()));
}

bool is_closed_by_peer(const beast::error_code& error) {
  return error == asio::error::eof || error == asio::error::connection_reset || error == asio::error::broken_pipe;
}

// Blocking HTTP client. Each operation runs the client's own io_context until
// it completes, and the tcp_stream deadline bounds each one by kIoTimeout.
class TestClient {
 public:
  explicit TestClient(std::uint16_t port) : stream_(io_context_) {
    stream_.expires_after(kIoTimeout);
    stream_.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                          [this](beast::error_code error) { connect_error_ = error; });
    run();
  }

  beast::error_code connect_error() const { return connect_error_; }

  beast::error_code send_bytes(std::string_view bytes) {
    beast::error_code result;
    stream_.expires_after(kIoTimeout);
    asio::async_write(stream_, asio::buffer(bytes.data(), bytes.size()),
                      [&result](beast::error_code error, std::size_t) { result = error; });
    run();
    return result;
  }

  beast::error_code send_request(ClientRequest request) {
    request.prepare_payload();
    beast::error_code result;
    stream_.expires_after(kIoTimeout);
    http::async_write(stream_, request, [&result](beast::error_code error, std::size_t) { result = error; });
    run();
    return result;
  }

  // Reads one response. For a HEAD response the parser must not expect a body.
  ClientResponse read_response(bool head_request = false) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(2 * kSlowResponsePaddingBytes);
    if (head_request) parser.skip(true);
    ClientResponse response;
    stream_.expires_after(kIoTimeout);
    http::async_read(stream_, buffer_, parser,
                     [&response](beast::error_code error, std::size_t) { response.error = error; });
    run();
    if (!response.error) response.message = parser.release();
    return response;
  }

  ClientResponse request(http::verb method, const std::string& target,
                         const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    ClientRequest request(method, target, 11);
    request.set(http::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) request.set(name, value);
    const beast::error_code send_error = send_request(std::move(request));
    if (send_error) return {send_error, {}};
    return read_response(method == http::verb::head);
  }

  ClientResponse get(const std::string& target, const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return request(http::verb::get, target, headers);
  }

  // Reads until the server closes the connection, and returns the error that
  // ended the read: eof or a reset when the server closed it, timeout otherwise.
  beast::error_code wait_for_close() {
    beast::error_code result;
    for (;;) {
      std::array<char, 4096> discarded{};
      std::size_t bytes_read = 0;
      stream_.expires_after(kIoTimeout);
      stream_.async_read_some(asio::buffer(discarded), [&](beast::error_code error, std::size_t count) {
        result = error;
        bytes_read = count;
      });
      run();
      if (result || bytes_read == 0) return result;
    }
  }

 private:
  void run() {
    io_context_.restart();
    io_context_.run();
  }

  asio::io_context io_context_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  beast::error_code connect_error_;
};

// Returns whether the peer closed the socket within the timeout. Uses poll, so
// the socket stays usable when the timeout passes.
bool peer_closed_within(tcp::socket& socket, std::chrono::milliseconds timeout) {
  pollfd descriptor{socket.native_handle(), POLLIN, 0};
  if (::poll(&descriptor, 1, static_cast<int>(timeout.count())) <= 0) return false;
  char byte = 0;
  const ssize_t received = ::recv(socket.native_handle(), &byte, 1, MSG_DONTWAIT);
  return received <= 0;
}

// Requests that the tests' handler records, flags set when /slow and /block
// start, and the latch that releases /block.
struct HandlerRecord {
  std::mutex mutex;
  std::vector<ApiRequest> requests;
  std::atomic<bool> slow_request_started{false};
  std::atomic<bool> blocking_request_started{false};
  std::atomic<bool> blocking_request_finished{false};
  std::promise<void> release_blocking_requests;
  std::shared_future<void> blocking_requests_released = release_blocking_requests.get_future().share();
  std::once_flag release_once;

  void release_blocking() {
    std::call_once(release_once, [this] { release_blocking_requests.set_value(); });
  }
};

// Handles the test requests. /slow returns after 300 ms with a large body,
// /block returns once the test releases it (after at most 10 s), /throw throws,
// and every other path returns its method and target as JSON.
ApiHandler make_test_handler(std::shared_ptr<HandlerRecord> record) {
  return [record](const ApiRequest& request) {
    {
      const std::lock_guard lock(record->mutex);
      record->requests.push_back(request);
    }
    const std::string_view path = target_path(request.target);
    if (path == "/throw") throw std::runtime_error("secret-connection-string postgres://admin:hunter2@db");
    if (path == "/block") {
      record->blocking_request_started = true;
      record->blocking_requests_released.wait_for(10s);
      record->blocking_request_finished = true;
    }
    nlohmann::json body{{"method", request.method}, {"target", request.target}};
    if (path == "/slow") {
      record->slow_request_started = true;
      std::this_thread::sleep_for(300ms);
      body["padding"] = std::string(kSlowResponsePaddingBytes, 'p');
    }
    ApiResponse response;
    response.body = body.dump();
    return response;
  };
}

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    previous_logger_ = spdlog::default_logger();
    log_sink_ = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(10000);
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("http_server_test", log_sink_));
  }

  void TearDown() override {
    record_->release_blocking();
    if (server_) stop_server();
    spdlog::set_default_logger(previous_logger_);
    if (HasFailure()) {
      for (const auto& line : log_sink_->last_formatted()) std::cout << "server log: " << line;
    }
  }

  static ServerConfig test_config() {
    ServerConfig config;
    config.bind_address = "127.0.0.1";
    config.port = 0;
    config.worker_threads = 2;
    config.shutdown_grace = 3s;
    return config;
  }

  void start_server(ServerConfig config = test_config(), bool stop_on_signals = false) {
    server_ = std::make_unique<HttpServer>(std::move(config), make_test_handler(record_));
    server_->start();
    if (stop_on_signals) server_->stop_on_signals();
    std::promise<void> finished;
    run_finished_ = finished.get_future();
    run_thread_ = std::thread([server = server_.get(), finished = std::move(finished)]() mutable {
      server->run();
      finished.set_value();
    });
  }

  // Calls stop() and waits up to kStopTimeout for run() to return. If it does
  // not, the test fails and the server and its thread are leaked, not joined.
  bool stop_server() {
    server_->stop();
    if (run_finished_.wait_for(kStopTimeout) != std::future_status::ready) {
      ADD_FAILURE() << "run() did not return within " << kStopTimeout.count() << " s after stop()";
      run_thread_.detach();
      static_cast<void>(server_.release());
      return false;
    }
    run_thread_.join();
    server_.reset();
    return true;
  }

  std::uint16_t port() const { return server_->port(); }

  // Waits up to kStopTimeout for run() to return, without calling stop().
  bool wait_for_run_to_return() {
    if (run_finished_.wait_for(kStopTimeout) != std::future_status::ready) return false;
    run_thread_.join();
    server_.reset();
    return true;
  }

  // Waits up to kIoTimeout for a log line that contains the text.
  bool wait_for_log(std::string_view text) const {
    const auto deadline = std::chrono::steady_clock::now() + kIoTimeout;
    while (!log_contains(text)) {
      if (std::chrono::steady_clock::now() >= deadline) return false;
      std::this_thread::sleep_for(10ms);
    }
    return true;
  }

  std::vector<std::string> log_lines() const { return log_sink_->last_formatted(); }

  bool log_contains(std::string_view text) const {
    for (const auto& line : log_lines()) {
      if (line.find(text) != std::string::npos) return true;
    }
    return false;
  }

  std::size_t recorded_request_count() {
    const std::lock_guard lock(record_->mutex);
    return record_->requests.size();
  }

  ApiRequest last_recorded_request() {
    const std::lock_guard lock(record_->mutex);
    return record_->requests.empty() ? ApiRequest{} : record_->requests.back();
  }

  std::shared_ptr<HandlerRecord> record_ = std::make_shared<HandlerRecord>();
  std::unique_ptr<HttpServer> server_;
  std::thread run_thread_;
  std::future<void> run_finished_;
  std::shared_ptr<spdlog::logger> previous_logger_;
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> log_sink_;
};

// Checks that a response is the server's JSON error with this code.
void expect_json_error(const ClientMessage& message, const std::string& code) {
  EXPECT_EQ(header_value(message, "Content-Type"), "application/json");
  const auto body = nlohmann::json::parse(message.body(), nullptr, false);
  ASSERT_FALSE(body.is_discarded()) << message.body();
  EXPECT_EQ(body["error"]["code"], code);
  EXPECT_TRUE(body["error"]["message"].is_string());
  EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
  EXPECT_TRUE(body["error"].contains("parameter"));
  EXPECT_TRUE(body["error"]["parameter"].is_null());
}

TEST_F(HttpServerTest, SendsResponseWithRequestId) {
  start_server();
  TestClient client(port());
  ASSERT_FALSE(client.connect_error()) << client.connect_error().message();

  const ClientResponse response = client.get("/hello?x=1", {{"X-Custom-Header", "Value"}});
  ASSERT_FALSE(response.error) << response.error.message();
  EXPECT_EQ(response.message.result_int(), 200u);
  const std::string request_id = header_value(response.message, "X-Request-Id");
  EXPECT_TRUE(std::regex_match(request_id, kGeneratedIdPattern)) << request_id;
  EXPECT_EQ(header_value(response.message, "Server"), "PitStop");
  EXPECT_EQ(header_value(response.message, "Content-Type"), "application/json");
  EXPECT_EQ(header_value(response.message, "Content-Length"), std::to_string(response.message.body().size()));
  EXPECT_EQ(nlohmann::json::parse(response.message.body())["target"], "/hello?x=1");

  const ApiRequest seen = last_recorded_request();
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.target, "/hello?x=1");
  EXPECT_EQ(seen.header("x-custom-header"), "Value");
  EXPECT_EQ(seen.request_id, request_id);
}

TEST_F(HttpServerTest, EchoesValidClientRequestId) {
  start_server();
  TestClient client(port());
  const std::string client_id = "abc.DEF_123-" + std::string(52, 'x');  // 64 characters

  const ClientResponse response = client.get("/hello", {{"X-Request-Id", client_id}});
  ASSERT_FALSE(response.error) << response.error.message();
  EXPECT_EQ(header_value(response.message, "X-Request-Id"), client_id);
  EXPECT_EQ(last_recorded_request().request_id, client_id);
}

TEST_F(HttpServerTest, ReplacesInvalidClientRequestId) {
  start_server();
  TestClient client(port());
  const std::vector<std::string> invalid_ids{"has space", std::string(65, 'a'), "semi;colon", "quote\"", "ü"};
  for (const auto& invalid_id : invalid_ids) {
    SCOPED_TRACE("X-Request-Id: " + invalid_id);
    const ClientResponse response = client.get("/hello", {{"X-Request-Id", invalid_id}});
    ASSERT_FALSE(response.error) << response.error.message();
    const std::string request_id = header_value(response.message, "X-Request-Id");
    EXPECT_TRUE(std::regex_match(request_id, kGeneratedIdPattern)) << request_id;
  }
}

TEST_F(HttpServerTest, KeepAliveServes50Requests) {
  start_server();
  TestClient client(port());
  ASSERT_FALSE(client.connect_error()) << client.connect_error().message();

  for (int i = 0; i < 50; ++i) {
    SCOPED_TRACE("request " + std::to_string(i));
    const std::string target = "/item/" + std::to_string(i);
    const ClientResponse response = client.get(target);
    ASSERT_FALSE(response.error) << response.error.message();
    ASSERT_EQ(response.message.result_int(), 200u);
    ASSERT_TRUE(response.message.keep_alive());
    EXPECT_EQ(nlohmann::json::parse(response.message.body())["target"], target);
  }
  EXPECT_EQ(recorded_request_count(), 50u);
}

TEST_F(HttpServerTest, RejectsLongTargetWith414) {
  start_server();
  // 10 kB fits in max_header_bytes, so it is parsed and then rejected. 20 kB
  // exceeds max_header_bytes too and is rejected while being parsed.
  for (const std::size_t target_bytes : {std::size_t{10'000}, std::size_t{20'000}}) {
    SCOPED_TRACE("target of " + std::to_string(target_bytes) + " bytes");
    TestClient client(port());
    const ClientResponse response = client.get("/" + std::string(target_bytes - 1, 'a'));
    ASSERT_FALSE(response.error) << response.error.message();
    EXPECT_EQ(response.message.result_int(), 414u);
    expect_json_error(response.message, "target_too_long");
  }
  EXPECT_EQ(recorded_request_count(), 0u);
}

TEST_F(HttpServerTest, RejectsHugeHeaderWith431) {
  start_server();
  TestClient client(port());

  const ClientResponse response = client.get("/hello", {{"X-Big", std::string(20'000, 'b')}});
  ASSERT_FALSE(response.error) << response.error.message();
  EXPECT_EQ(response.message.result_int(), 431u);
  expect_json_error(response.message, "headers_too_large");
  EXPECT_FALSE(response.message.keep_alive());
  EXPECT_TRUE(is_closed_by_peer(client.wait_for_close()));
  EXPECT_EQ(recorded_request_count(), 0u);
}

TEST_F(HttpServerTest, RejectsLargeBodyWith413) {
  start_server();
  const std::string body(100'000, 'x');

  {
    SCOPED_TRACE("Content-Length body");
    TestClient client(port());
    const std::string head = "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                             "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    ASSERT_FALSE(client.send_bytes(head + body));
    const ClientResponse response = client.read_response();
    ASSERT_FALSE(response.error) << response.error.message();
    EXPECT_EQ(response.message.result_int(), 413u);
    expect_json_error(response.message, "body_too_large");
    EXPECT_TRUE(is_closed_by_peer(client.wait_for_close()));
  }
  {
    SCOPED_TRACE("chunked body");
    TestClient client(port());
    std::string request = "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (std::size_t sent = 0; sent < body.size(); sent += 10'000) {
      request += "2710\r\n" + body.substr(0, 10'000) + "\r\n";  // 0x2710 = 10000 bytes per chunk
    }
    request += "0\r\n\r\n";
    ASSERT_FALSE(client.send_bytes(request));
    const ClientResponse response = client.read_response();
    ASSERT_FALSE(response.error) << response.error.message();
    EXPECT_EQ(response.message.result_int(), 413u);
    expect_json_error(response.message, "body_too_large");
  }
  EXPECT_EQ(recorded_request_count(), 0u);
}

TEST_F(HttpServerTest, RejectsMalformedRequestWith400) {
  start_server();
  TestClient client(port());

  ASSERT_FALSE(client.send_bytes("THIS IS NOT HTTP\r\n\r\n"));
  const ClientResponse response = client.read_response();
  ASSERT_FALSE(response.error) << response.error.message();
  EXPECT_EQ(response.message.result_int(), 400u);
  expect_json_error(response.message, "malformed_request");
  EXPECT_TRUE(is_closed_by_peer(client.wait_for_close()));
  EXPECT_EQ(recorded_request_count(), 0u);
}

TEST_F(HttpServerTest, DisconnectsSlowClientAfterReadTimeout) {
  ServerConfig config = test_config();
  config.read_timeout = 1s;
  start_server(config);

  // The slow client sends one header byte every 200 ms. Its 43 bytes would take
  // over 8 s, so only the server's read timeout can end the connection in time.
  auto slow_client = std::async(std::launch::async, [port = port()] {
    asio::io_context io_context;
    tcp::socket socket(io_context);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    const std::string request = "GET /slow-loris HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    const auto first_byte_sent = std::chrono::steady_clock::now();
    for (const char byte : request) {
      beast::error_code error;
      socket.send(asio::buffer(&byte, 1), 0, error);
      if (error || peer_closed_within(socket, 200ms)) return std::chrono::steady_clock::now() - first_byte_sent;
    }
    return std::chrono::steady_clock::duration::max();
  });

  // Another client is served while the slow one is connected.
  for (int i = 0; i < 8; ++i) {
    SCOPED_TRACE("request " + std::to_string(i));
    TestClient client(port());
    const ClientResponse response = client.get("/ping");
    ASSERT_FALSE(response.error) << response.error.message();
    EXPECT_EQ(response.message.result_int(), 200u);
    std::this_thread::sleep_for(100ms);
  }

  ASSERT_EQ(slow_client.wait_for(15s), std::future_status::ready);
  const auto time_to_close = slow_client.get();
  ASSERT_NE(time_to_close, std::chrono::steady_clock::duration::max()) << "the server never closed the connection";
  EXPECT_GE(time_to_close, 900ms);
  EXPECT_LE(time_to_close, 4s);
}

TEST_F(HttpServerTest, StopDeliversInFlightResponse) {
  start_server();
  TestClient client(port());
  ClientRequest request(http::verb::get, "/slow", 11);
  request.set(http::field::host, "127.0.0.1");
  ASSERT_FALSE(client.send_request(request));

  const auto deadline = std::chrono::steady_clock::now() + kIoTimeout;
  while (!record_->slow_request_started && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);
  }
  ASSERT_TRUE(record_->slow_request_started);
  server_->stop();

  const ClientResponse response = client.read_response();
  ASSERT_FALSE(response.error) << response.error.message();
  EXPECT_EQ(response.message.result_int(), 200u);
  const auto body = nlohmann::json::parse(response.message.body());
  EXPECT_EQ(body["target"], "/slow");
  EXPECT_EQ(body["padding"].get<std::string>().size(), kSlowResponsePaddingBytes);
  EXPECT_FALSE(response.message.keep_alive());
  EXPECT_TRUE(is_closed_by_peer(client.wait_for_close()));

  ASSERT_TRUE(stop_server());
  EXPECT_TRUE(log_contains("http: GET /slow 200"));
  EXPECT_TRUE(log_contains("server: all connections closed"));
}

TEST_F(HttpServerTest, InlinePathAnswersWhileHandlerThreadsAreBusy) {
  ServerConfig config = test_config();
  config.worker_threads = 1;
  config.handler_threads = 1;
  config.inline_paths = {"/health"};
  start_server(config);

  // /block holds the only handler thread until released.
  TestClient blocked(port());
  ClientRequest block(http::verb::get, "/block", 11);
  block.set(http::field::host, "127.0.0.1");
  ASSERT_FALSE(blocked.send_request(block));
  const auto deadline = std::chrono::steady_clock::now() + kIoTimeout;
  while (!record_->blocking_request_started && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);
  }
  ASSERT_TRUE(record_->blocking_request_started);

  // /health runs on the I/O thread and responds while /block still holds the handler thread.
  TestClient health(port());
  const ClientResponse health_response = health.get("/health");
  ASSERT_FALSE(health_response.error) << health_response.error.message();
  EXPECT_EQ(health_response.message.result_int(), 200u);
  EXPECT_EQ(nlohmann::json::parse(health_response.message.body())["target"], "/health");
  EXPECT_FALSE(record_->blocking_request_finished);

  record_->release_blocking();
  const ClientResponse block_response = blocked.read_response();
  ASSERT_FALSE(block_response.error) << block_response.error.message();
  EXPECT_EQ(block_response.message.result_int(), 200u);
}

TEST_F(HttpServerTest, StopClosesIdleConnections) {
  start_server();
  TestClient client(port());
  const ClientResponse response = client.get("/hello");
  ASSERT_FALSE(response.error) << response.error.message();
  ASSERT_TRUE(response.message.keep_alive());

  server_->stop();
  EXPECT_TRUE(is_closed_by_peer(client.wait_for_close()));
  ASSERT_TRUE(stop_server());
  EXPECT_TRUE(log_contains("server: all connections closed"));
  EXPECT_FALSE(log_contains("still open after the shutdown grace"));
}

TEST_F(HttpServerTest, StopClosesBusyConnectionsAfterGrace) {
  ServerConfig config = test_config();
  config.shutdown_grace = 1s;
  start_server(config);
  TestClient client(port());
  ClientRequest request(http::verb::get, "/block", 11);
  request.set(http::field::host, "127.0.0.1");
  ASSERT_FALSE(client.send_request(request));

  const auto deadline = std::chrono::steady_clock::now() + kIoTimeout;
  while (!record_->blocking_request_started && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);
  }
  ASSERT_TRUE(record_->blocking_request_started);
  server_->stop();
  EXPECT_TRUE(wait_for_log("1 connections still open after the shutdown grace of 1 s"));

  // run() returns once the worker thread leaves the handler, and then closes the connection.
  record_->release_blocking();
  ASSERT_TRUE(wait_for_run_to_return());
  EXPECT_TRUE(is_closed_by_peer(client.wait_for_close()));
}

TEST_F(HttpServerTest, StopOnSignalsStopsOnSigterm) {
  start_server(test_config(), true);
  TestClient client(port());
  ASSERT_EQ(client.get("/hello").message.result_int(), 200u);

  // The server's signal set catches this SIGTERM. Without it, the default action ends the test process.
  ASSERT_EQ(std::raise(SIGTERM), 0);
  ASSERT_TRUE(wait_for_run_to_return());
  EXPECT_TRUE(log_contains("server: received SIGTERM; stopping"));
  EXPECT_TRUE(is_closed_by_peer(client.wait_for_close()));
}

TEST_F(HttpServerTest, ClosesIdleKeepAliveConnection) {
  ServerConfig config = test_config();
  config.read_timeout = 1s;
  start_server(config);
  TestClient client(port());
  const ClientResponse response = client.get("/hello");
  ASSERT_FALSE(response.error) << response.error.message();
  ASSERT_TRUE(response.message.keep_alive());

  // The client waits up to kIoTimeout (5 s), so only the server's 1 s idle timeout closes the connection.
  EXPECT_TRUE(is_closed_by_peer(client.wait_for_close()));
}

TEST_F(HttpServerTest, ServesPipelinedRequestsInOrder) {
  start_server();
  TestClient client(port());
  ASSERT_FALSE(client.send_bytes("GET /first HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                                 "GET /second HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  for (const std::string target : {"/first", "/second"}) {
    SCOPED_TRACE(target);
    const ClientResponse response = client.read_response();
    ASSERT_FALSE(response.error) << response.error.message();
    EXPECT_EQ(response.message.result_int(), 200u);
    EXPECT_EQ(nlohmann::json::parse(response.message.body())["target"], target);
  }
}

TEST_F(HttpServerTest, HeadResponseHasNoBody) {
  start_server();
  TestClient client(port());
  const ClientResponse get_response = client.get("/hello");
  ASSERT_FALSE(get_response.error) << get_response.error.message();

  const ClientResponse head_response = client.request(http::verb::head, "/hello");
  ASSERT_FALSE(head_response.error) << head_response.error.message();
  EXPECT_EQ(head_response.message.result_int(), 200u);
  EXPECT_TRUE(head_response.message.body().empty());
  EXPECT_EQ(header_value(head_response.message, "Content-Length"),
            std::to_string(nlohmann::json{{"method", "HEAD"}, {"target", "/hello"}}.dump().size()));
  EXPECT_EQ(header_value(head_response.message, "Content-Type"), "application/json");
  EXPECT_TRUE(std::regex_match(header_value(head_response.message, "X-Request-Id"), kGeneratedIdPattern));

  // Body bytes after the HEAD response would corrupt the next response on the connection.
  const ClientResponse next_response = client.get("/after-head");
  ASSERT_FALSE(next_response.error) << next_response.error.message();
  EXPECT_EQ(next_response.message.result_int(), 200u);
  EXPECT_EQ(nlohmann::json::parse(next_response.message.body())["target"], "/after-head");
}

TEST_F(HttpServerTest, HandlerExceptionGives500) {
  start_server();
  TestClient client(port());

  const ClientResponse response = client.get("/throw");
  ASSERT_FALSE(response.error) << response.error.message();
  EXPECT_EQ(response.message.result_int(), 500u);
  expect_json_error(response.message, "internal_error");
  EXPECT_EQ(response.message.body().find("secret"), std::string::npos) << response.message.body();
  EXPECT_EQ(response.message.body().find("hunter2"), std::string::npos) << response.message.body();
  const std::string request_id = header_value(response.message, "X-Request-Id");
  EXPECT_TRUE(std::regex_match(request_id, kGeneratedIdPattern));

  const ClientResponse next_response = client.get("/hello");
  ASSERT_FALSE(next_response.error) << next_response.error.message();
  EXPECT_EQ(next_response.message.result_int(), 200u);

  ASSERT_TRUE(stop_server());
  EXPECT_TRUE(log_contains("request " + request_id + " (GET /throw) failed in the handler: secret"));
}

TEST_F(HttpServerTest, RejectsConnectionsAboveMax) {
  ServerConfig config = test_config();
  config.max_connections = 2;
  start_server(config);

  auto first = std::make_unique<TestClient>(port());
  TestClient second(port());
  ASSERT_EQ(first->get("/one").message.result_int(), 200u);
  ASSERT_EQ(second.get("/two").message.result_int(), 200u);

  TestClient third(port());
  const ClientResponse rejected = third.read_response();
  ASSERT_FALSE(rejected.error) << rejected.error.message();
  EXPECT_EQ(rejected.message.result_int(), 503u);
  expect_json_error(rejected.message, "server_busy");
  EXPECT_EQ(header_value(rejected.message, "Retry-After"), "5");
  EXPECT_TRUE(is_closed_by_peer(third.wait_for_close()));

  // Once a connection closes, a new one is accepted again.
  first.reset();
  unsigned status = 0;
  const auto deadline = std::chrono::steady_clock::now() + kIoTimeout;
  while (status != 200 && std::chrono::steady_clock::now() < deadline) {
    TestClient retry(port());
    status = retry.get("/three").message.result_int();
    if (status != 200) std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(status, 200u);
  ASSERT_TRUE(stop_server());
  EXPECT_TRUE(log_contains("server: max_connections (2) reached: rejected 1 new connections with 503"));
}

TEST_F(HttpServerTest, AccessLogOmitsQueryString) {
  start_server();
  TestClient client(port());
  const ClientResponse response = client.get("/api/v1/search?searchVal=1+Bishan+Street+13");
  ASSERT_FALSE(response.error) << response.error.message();
  const std::string request_id = header_value(response.message, "X-Request-Id");
  ASSERT_TRUE(stop_server());

  const std::regex access_line("http: GET /api/v1/search 200 [0-9]+\\.[0-9] ms [0-9]+ bytes id=" + request_id +
                               " from 127\\.0\\.0\\.1:[0-9]+");
  bool found = false;
  for (const auto& line : log_lines()) {
    EXPECT_EQ(line.find("Bishan"), std::string::npos) << line;
    if (std::regex_search(line, access_line)) found = true;
  }
  EXPECT_TRUE(found);
  EXPECT_TRUE(log_contains("server: listening on 127.0.0.1:"));
  EXPECT_TRUE(log_contains("server: stopping"));
}

TEST_F(HttpServerTest, StartNamesAddressWhenPortInUse) {
  start_server();
  ServerConfig config = test_config();
  config.port = port();
  HttpServer second(config, make_test_handler(record_));
  try {
    second.start();
    FAIL() << "start() succeeded on a port that is in use";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("127.0.0.1:" + std::to_string(port())), std::string::npos)
        << error.what();
  }
}

TEST_F(HttpServerTest, ConstructorRejectsInvalidConfig) {
  ServerConfig no_threads = test_config();
  no_threads.worker_threads = 0;
  EXPECT_THROW(HttpServer(no_threads, make_test_handler(record_)), std::invalid_argument);
  EXPECT_THROW(HttpServer(test_config(), ApiHandler{}), std::invalid_argument);
}

TEST(HttpServerRequestId, ValidatesClientIds) {
  EXPECT_TRUE(is_valid_request_id("a"));
  EXPECT_TRUE(is_valid_request_id("Az09._-"));
  EXPECT_TRUE(is_valid_request_id(std::string(64, 'x')));
  EXPECT_FALSE(is_valid_request_id(""));
  EXPECT_FALSE(is_valid_request_id(std::string(65, 'x')));
  EXPECT_FALSE(is_valid_request_id("a b"));
  EXPECT_FALSE(is_valid_request_id("a\r\nb"));
  EXPECT_FALSE(is_valid_request_id("a/b"));
}

TEST(HttpServerRequestId, GeneratesUniqueHexIds) {
  RequestIdGenerator generator;
  std::set<std::string> seen;
  for (int i = 0; i < 10'000; ++i) {
    const std::string id = generator.next();
    ASSERT_TRUE(std::regex_match(id, kGeneratedIdPattern)) << id;
    ASSERT_TRUE(seen.insert(id).second) << "repeated id " << id;
  }
}

TEST(HttpServerMessages, ResponseDropsUnsafeAndManagedHeaders) {
  ApiResponse response;
  response.body = "{}";
  response.headers = {{"Allow", "GET, HEAD"},
                      {"X-Injected", "a\r\nSet-Cookie: b"},
                      {"Bad Name", "c"},
                      {"Content-Length", "999"},
                      {"Server", "other/1.0"}};
  ResponseOptions options;
  options.request_id = "0123456789abcdef";
  const HttpResponse message = to_http_response(std::move(response), options);

  EXPECT_EQ(header_value(message, "Allow"), "GET, HEAD");
  EXPECT_EQ(message.count("X-Injected"), 0u);
  EXPECT_EQ(message.count("Set-Cookie"), 0u);
  EXPECT_EQ(message.count("Bad Name"), 0u);
  EXPECT_EQ(header_value(message, "Content-Length"), "2");
  EXPECT_EQ(header_value(message, "Server"), "PitStop");
  EXPECT_EQ(header_value(message, "X-Request-Id"), "0123456789abcdef");
}

TEST(HttpServerMessages, InvalidStatusBecomes500) {
  ApiResponse response;
  response.status = 1000;
  ResponseOptions options;
  options.request_id = "0123456789abcdef";
  const HttpResponse message = to_http_response(std::move(response), options);
  EXPECT_EQ(message.result_int(), 500u);
}

TEST(HttpServerMessages, TargetPathDropsQueryAndFragment) {
  EXPECT_EQ(target_path("/api/v1/search?searchVal=bishan"), "/api/v1/search");
  EXPECT_EQ(target_path("/a#b"), "/a");
  EXPECT_EQ(target_path("/plain"), "/plain");
  EXPECT_EQ(target_path(""), "");
}

}  // namespace
}  // namespace pitstop
