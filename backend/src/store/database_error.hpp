#pragma once

#include <stdexcept>
#include <string>

namespace pitstop {

// A database operation failed: the server cannot be reached, the schema is
// wrong or a statement failed. The message never contains a password.
class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Returns libpq's message on one line: it often spans several, with tabs.
inline std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace pitstop
