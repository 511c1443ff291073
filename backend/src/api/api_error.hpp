#pragma once

#include <stdexcept>
#include <string>

namespace pitstop {

// An error that the API returns as {"error": {"code", "message", "parameter"}}.
class ApiError : public std::runtime_error {
 public:
  ApiError(unsigned status, std::string code, const std::string& message, std::string parameter = {})
      : std::runtime_error(message), status_(status), code_(std::move(code)), parameter_(std::move(parameter)) {}

  unsigned status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& parameter() const { return parameter_; }  // empty when no parameter is at fault

 private:
  unsigned status_;
  std::string code_;
  std::string parameter_;
};

// Builds the JSON error response for an ApiError.
struct ApiResponse;
ApiResponse error_response(const ApiError& error);

}  // namespace pitstop
