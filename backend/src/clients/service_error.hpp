#pragma once

#include <stdexcept>
#include <string>

#include "geo/errors.hpp"

namespace pitstop {

// A failed call to an outside service (OneMap, LTA DataMall): no connection,
// a timeout, an error status or a body that cannot be read. what() names the
// service, the method and the path, and never a query string, a header, a
// token or a password.
class ServiceError : public std::runtime_error {
 public:
  explicit ServiceError(const std::string& message, long http_status = 0)
      : std::runtime_error(message), http_status_(http_status) {}

  // The HTTP status of the last response, or 0 when none arrived.
  long http_status() const { return http_status_; }

 private:
  long http_status_;
};

// An invalid client setting: a malformed base URL, plain http to a host that
// is not loopback, a missing credential or an unreadable secret file. It is an
// InputError, so the command line exits with status 2.
class ClientConfigError : public InputError {
 public:
  using InputError::InputError;
};

}  // namespace pitstop
