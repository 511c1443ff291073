#pragma once

#include <stdexcept>
#include <string>

namespace pitstop {

// Bad input from a user: a malformed value or one out of range. The CLI exits
// with 2 and the API returns 400 for these.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A coordinate text or value that is malformed or out of range.
class InvalidCoordinateError : public InputError {
 public:
  using InputError::InputError;
};

// A start or destination that cannot be placed on the cycling network, or a
// pair with no route between them.
class SnapError : public InputError {
 public:
  enum class TripEnd { Start, Destination, Both };

  SnapError(const std::string& message, TripEnd end = TripEnd::Both) : InputError(message), end_(end) {}

  // Which end of the trip is at fault.
  TripEnd end() const { return end_; }

 private:
  TripEnd end_;
};

// A data file that cannot be read or has the wrong overall shape.
class DataFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace pitstop
