#pragma once

#include <stdexcept>
#include <string>

namespace pitstop {

// Bad input from a user: a malformed value or one out of range. The CLI exits
// with 2 and the API answers 400 for these.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A coordinate text or value that is malformed or out of range.
class InvalidCoordinateError : public InputError {
 public:
  using InputError::InputError;
};

// A start or destination that cannot be placed on the cycling network.
class SnapError : public InputError {
 public:
  using InputError::InputError;
};

// A data file that cannot be read or has the wrong overall shape.
class DataFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace pitstop
