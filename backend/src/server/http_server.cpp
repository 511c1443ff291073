#include "server/http_server.hpp"

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/http/write.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "server/http_messages.hpp"
#include "server/http_session.hpp"

namespace pitstop {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

// Pause before the next accept after an accept error such as EMFILE, so that
// the accept loop does not spin while the error lasts.
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};

// Minimum time between two log lines about connections rejected at max_connections.
constexpr std::chrono::seconds kRejectionReportInterval{10};

// File descriptors that the process needs besides one per connection: the
// listening socket, epoll, log files and standard streams. An estimate.
constexpr rlim_t kSpareFileDescriptors = 64;

void validate_config(const ServerConfig& config, const ApiHandler& handler) {
  if (!handler) throw std::invalid_argument("HttpServer needs a handler, but the ApiHandler is empty");
  const auto require_positive = [](auto value, const char* name) {
    if (!(value > 0)) {
      throw std::invalid_argument(fmt::format("ServerConfig::{} is {}: set it to at least 1", name, value));
    }
  };
  require_positive(config.worker_threads, "worker_threads");
  require_positive(config.max_connections, "max_connections");
  require_positive(config.max_request_line_bytes, "max_request_line_bytes");
  require_positive(config.max_header_bytes, "max_header_bytes");
  require_positive(config.read_timeout.count(), "read_timeout");
  require_positive(config.write_timeout.count(), "write_timeout");
}

std::string format_endpoint(const tcp::endpoint& endpoint) {
  std::ostringstream text;
  text << endpoint;  // "127.0.0.1:8000" or "[::1]:8000"
  return text.str();
}

// Returns the bytes of the 503 response sent to a connection over the limit.
std::string make_server_busy_response(const std::string& request_id) {
  ApiResponse response =
      make_error_response(503, "server_busy", "the server has too many open connections: retry in a few seconds");
  response.headers.emplace_back("Retry-After", "5");
  ResponseOptions options;
  options.keep_alive = false;
  options.request_id = request_id;
  std::ostringstream bytes;
  bytes << to_http_response(std::move(response), options);
  return bytes.str();
}

}  // namespace

struct HttpServer::Impl {
  Impl(ServerConfig config, ApiHandler handler);

  void run_worker();
  void accept_next();
  void on_accept(const error_code& error, tcp::socket socket);
  void reject_connection(tcp::socket& socket);
  void open_session(tcp::socket socket);
  void accept_backlog();
  void begin_shutdown();
  void on_drained();
  void on_grace_timer(const error_code& error);
  void warn_if_file_limit_too_low() const;

  // Declared first so that it is destroyed last, after every object that uses it.
  asio::io_context io_context;
  std::shared_ptr<ServerContext> context;
  // Serializes the acceptor, the timers, the signal set and the fields below them.
  asio::strand<asio::io_context::executor_type> strand;
  tcp::acceptor acceptor;
  asio::steady_timer accept_retry_timer;
  asio::steady_timer grace_timer;
  std::optional<asio::signal_set> signals;

  std::atomic<std::uint16_t> bound_port{0};
  std::string listen_address;  // for log lines, e.g. "127.0.0.1:8000"
  bool started = false;
  bool drained = false;
  bool grace_expired = false;
  std::size_t rejected_since_report = 0;
  std::optional<std::chrono::steady_clock::time_point> last_rejection_report;
};

HttpServer::Impl::Impl(ServerConfig config, ApiHandler handler)
    : io_context(static_cast<int>(config.worker_threads)),
      context(std::make_shared<ServerContext>(std::move(config), std::move(handler))),
      strand(asio::make_strand(io_context)),
      acceptor(strand),
      accept_retry_timer(strand),
      grace_timer(strand) {
  context->set_drained_callback([this] { asio::post(strand, [this] { on_drained(); }); });
}

void HttpServer::Impl::run_worker() {
  for (;;) {
    try {
      io_context.run();
      return;
    } catch (const std::exception& error) {
      // Asio allows run() to be called again after a handler has thrown.
      spdlog::error("server: a worker thread caught an exception from a completion handler: {}; continuing",
                    error.what());
    }
  }
}

void HttpServer::Impl::accept_next() {
  if (context->stopping.load() || !acceptor.is_open()) return;
  // Each connection gets its own strand, so that its handlers never run concurrently.
  acceptor.async_accept(asio::make_strand(io_context),
                        [this](const error_code& error, tcp::socket socket) { on_accept(error, std::move(socket)); });
}

void HttpServer::Impl::on_accept(const error_code& error, tcp::socket socket) {
  if (error) {
    if (context->stopping.load()) return;
    spdlog::error("server: accept failed on {}: {}; retrying in {} ms", listen_address, error.message(),
                  kAcceptRetryDelay.count());
    accept_retry_timer.expires_after(kAcceptRetryDelay);
    accept_retry_timer.async_wait([this](const error_code& wait_error) {
      if (!wait_error) accept_next();
    });
    return;
  }

  // A connection accepted while stopping still gets a response to its first request.
  open_session(std::move(socket));
  accept_next();
}

void HttpServer::Impl::open_session(tcp::socket socket) {
  if (context->session_count() >= context->config.max_connections) {
    reject_connection(socket);
    return;
  }

  error_code option_error;
  socket.set_option(tcp::no_delay(true), option_error);
  if (option_error) spdlog::debug("server: failed to set TCP_NODELAY: {}", option_error.message());
  error_code endpoint_error;
  const tcp::endpoint remote = socket.remote_endpoint(endpoint_error);
  std::string remote_address = endpoint_error ? std::string("unknown") : format_endpoint(remote);

  auto session = std::make_shared<HttpSession>(std::move(socket), context, std::move(remote_address));
  context->add_session(session);
  session->start();
}

// Accepts the connections already waiting in the kernel's backlog, so that
// closing the acceptor does not reset clients whose requests are on their way
// while the worker threads were busy.
void HttpServer::Impl::accept_backlog() {
  error_code error;
  acceptor.non_blocking(true, error);
  if (error) return;
  while (true) {
    tcp::socket socket(asio::make_strand(io_context));
    acceptor.accept(socket, error);
    if (error) break;
    open_session(std::move(socket));
  }
}

// Sends a 503 response and closes the socket at once, so the connection frees its file descriptor.
void HttpServer::Impl::reject_connection(tcp::socket& socket) {
  if (context->config.record_rejection) context->config.record_rejection(503);
  ++rejected_since_report;
  const auto now = std::chrono::steady_clock::now();
  if (!last_rejection_report || now - *last_rejection_report >= kRejectionReportInterval) {
    spdlog::warn("server: max_connections ({}) reached: rejected {} new connections with 503 since the "
                 "last report",
                 context->config.max_connections, rejected_since_report);
    rejected_since_report = 0;
    last_rejection_report = now;
  }

  const std::string response = make_server_busy_response(context->request_ids.next());
  error_code ignored;
  // A new socket's send buffer holds this small response, so the non-blocking
  // send writes all of it without waiting. If not, the client sees only the close.
  socket.non_blocking(true, ignored);
  socket.send(asio::buffer(response), 0, ignored);
  socket.shutdown(tcp::socket::shutdown_send, ignored);
  socket.close(ignored);
}

void HttpServer::Impl::begin_shutdown() {
  if (context->stopping.exchange(true)) return;
  error_code ignored;
  accept_backlog();
  acceptor.close(ignored);
  accept_retry_timer.cancel();
  if (signals) {
    signals->clear(ignored);  // restores the default action of SIGINT and SIGTERM
    signals->cancel(ignored);
  }

  const auto sessions = context->live_sessions();
  spdlog::info("server: stopping: stopped accepting on {}; waiting up to {} s for {} open connections to finish",
               listen_address, context->config.shutdown_grace.count(), sessions.size());
  for (const auto& session : sessions) session->close_if_idle();
  if (sessions.empty()) {
    on_drained();
    return;
  }
  // If the last connection closes before the timer is set, on_drained() runs
  // after this function on the same strand and still cancels the timer.
  grace_timer.expires_after(context->config.shutdown_grace);
  grace_timer.async_wait([this](const error_code& error) { on_grace_timer(error); });
}

void HttpServer::Impl::on_drained() {
  if (drained) return;
  drained = true;
  grace_timer.cancel();
  spdlog::info("server: all connections closed");
}

void HttpServer::Impl::on_grace_timer(const error_code& error) {
  if (error) return;  // cancelled because every connection closed in time
  grace_expired = true;
  spdlog::warn("server: {} connections still open after the shutdown grace of {} s; closing them",
               context->session_count(), context->config.shutdown_grace.count());
  io_context.stop();
}

void HttpServer::Impl::warn_if_file_limit_too_low() const {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return;
  const auto needed = static_cast<rlim_t>(context->config.max_connections) + kSpareFileDescriptors;
  if (needed <= limit.rlim_cur) return;
  spdlog::warn("server: max_connections {} plus about {} other descriptors exceeds the open file limit {}, so "
               "accept may fail with 'too many open files': raise the limit (ulimit -n) or lower max_connections",
               context->config.max_connections, kSpareFileDescriptors, limit.rlim_cur);
}

HttpServer::HttpServer(ServerConfig config, ApiHandler handler) {
  validate_config(config, handler);
  impl_ = std::make_unique<Impl>(std::move(config), std::move(handler));
}

HttpServer::~HttpServer() {
  // Destroying the io_context destroys the sessions that its pending handlers
  // own, and their destructors must not post to the strand being destroyed.
  impl_->context->set_drained_callback(nullptr);
}

void HttpServer::start() {
  if (impl_->started) throw std::logic_error("HttpServer::start() was called twice");
  const ServerConfig& config = impl_->context->config;
  const std::string requested = fmt::format("{}:{}", config.bind_address, config.port);

  error_code error;
  tcp::resolver resolver(impl_->io_context);
  const auto endpoints = resolver.resolve(config.bind_address, std::to_string(config.port),
                                          tcp::resolver::passive | tcp::resolver::numeric_service, error);
  if (error || endpoints.empty()) {
    throw std::runtime_error(fmt::format("failed to listen on {}: cannot resolve the address ({}); use a numeric "
                                         "address such as 127.0.0.1 or 0.0.0.0",
                                         requested, error ? error.message() : "no results"));
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();

  const auto fail = [&](const char* step) {
    error_code ignored;
    impl_->acceptor.close(ignored);
    throw std::runtime_error(fmt::format("failed to listen on {}: {} failed: {}; check that the address belongs "
                                         "to this machine and that no other process uses the port",
                                         requested, step, error.message()));
  };
  impl_->acceptor.open(endpoint.protocol(), error);
  if (error) fail("open");
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true), error);
  if (error) fail("setting SO_REUSEADDR");
  impl_->acceptor.bind(endpoint, error);
  if (error) fail("bind");
  impl_->acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) fail("listen");

  const tcp::endpoint local = impl_->acceptor.local_endpoint(error);
  if (error) fail("reading the bound address");
  impl_->bound_port = local.port();
  impl_->listen_address = format_endpoint(local);
  impl_->started = true;

  impl_->warn_if_file_limit_too_low();
  spdlog::info("server: listening on {} with {} I/O threads and {} handler threads", impl_->listen_address,
               config.worker_threads, config.handler_threads);
  asio::post(impl_->strand, [impl = impl_.get()] { impl->accept_next(); });
}

std::uint16_t HttpServer::port() const {
  return impl_->bound_port.load();
}

void HttpServer::run() {
  if (!impl_->started) throw std::logic_error("HttpServer::run() needs a successful start() first");
  std::vector<std::thread> extra_workers;
  for (std::size_t i = 1; i < impl_->context->config.worker_threads; ++i) {
    extra_workers.emplace_back([impl = impl_.get()] { impl->run_worker(); });
  }
  impl_->run_worker();
  for (auto& worker : extra_workers) worker.join();
  // Handlers still running after the grace period finish before the sockets close.
  if (impl_->context->handler_pool) impl_->context->handler_pool->join();

  // No thread runs the io_context now, so the sockets of connections left open
  // after the grace period can be closed directly.
  if (impl_->grace_expired) {
    for (const auto& session : impl_->context->live_sessions()) session->close_socket_when_stopped();
  }
}

void HttpServer::stop() {
  asio::post(impl_->strand, [impl = impl_.get()] { impl->begin_shutdown(); });
}

void HttpServer::stop_on_signals() {
  // This runs on the caller's thread, not on the strand, which is safe only
  // before run() starts the worker threads.
  if (impl_->signals) return;
  impl_->signals.emplace(impl_->strand, SIGINT, SIGTERM);
  impl_->signals->async_wait([impl = impl_.get()](const error_code& error, int signal_number) {
    if (error) return;  // cancelled by stop()
    spdlog::info("server: received {}; stopping", signal_number == SIGINT ? "SIGINT" : "SIGTERM");
    impl->begin_shutdown();
  });
}

}  // namespace pitstop
