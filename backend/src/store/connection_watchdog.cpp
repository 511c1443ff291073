#include "store/connection_watchdog.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace pitstop {
namespace {

constexpr std::chrono::milliseconds kCancelCheckInterval{200};
constexpr std::chrono::seconds kCancelGrace{2};

}  // namespace

ConnectionWatchdog::ConnectionWatchdog(std::function<bool()> cancelled)
    : cancelled_(std::move(cancelled)), thread_([this] { run(); }) {}

ConnectionWatchdog::~ConnectionWatchdog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    close_socket_copy();
  }
  wake_.notify_all();
  thread_.join();
}

void ConnectionWatchdog::arm(const pqxx::connection_base& connection, std::chrono::milliseconds timeout,
                             std::string_view step) {
  std::lock_guard lock(mutex_);
  close_socket_copy();
  expired_ = false;
  cancelling_ = false;
  const int socket = connection.sock();
  if (socket < 0) return;
  socket_copy_ = ::fcntl(socket, F_DUPFD_CLOEXEC, 0);
  if (socket_copy_ < 0) {
    // Without a copy the deadline cannot be enforced; the call may then
    // block until TCP keepalives or tcp_user_timeout end it.
    spdlog::warn("database: no deadline for {}: duplicating the socket failed: {}", step, std::strerror(errno));
    return;
  }
  timeout_ = timeout;
  deadline_ = std::chrono::steady_clock::now() + timeout;
  step_ = step;
  wake_.notify_all();
}

void ConnectionWatchdog::disarm() {
  std::lock_guard lock(mutex_);
  close_socket_copy();
}

bool ConnectionWatchdog::expired() const {
  std::lock_guard lock(mutex_);
  return expired_;
}

void ConnectionWatchdog::close_socket_copy() {
  if (socket_copy_ >= 0) ::close(socket_copy_);
  socket_copy_ = -1;
}

void ConnectionWatchdog::fire(std::string_view reason) {
  spdlog::warn("database: {} {}; closing the connection", step_, reason);
  if (::shutdown(socket_copy_, SHUT_RDWR) != 0 && errno != ENOTCONN) {
    spdlog::error("database: closing the connection after {} failed: {}", step_, std::strerror(errno));
  }
  expired_ = true;
  close_socket_copy();
}

void ConnectionWatchdog::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (socket_copy_ < 0) {
      wake_.wait(lock, [this] { return stopping_ || socket_copy_ >= 0; });
      continue;
    }
    const auto now = std::chrono::steady_clock::now();
    if (!cancelling_ && cancelled_ && cancelled_()) {
      cancelling_ = true;
      deadline_ = std::min(deadline_, now + kCancelGrace);
    }
    if (now >= deadline_) {
      if (cancelling_) {
        fire("was cancelled, because the process is stopping");
      } else {
        fire(fmt::format("timed out after {:.1f} s without a response",
                         std::chrono::duration<double>(timeout_).count()));
      }
      continue;
    }
    // arm() notifies, so a new deadline is picked up at once.
    const bool check_cancel = cancelled_ && !cancelling_;
    wake_.wait_until(lock, check_cancel ? std::min(deadline_, now + kCancelCheckInterval) : deadline_);
  }
}

}  // namespace pitstop
