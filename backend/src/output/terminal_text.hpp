#pragma once

#include <string>
#include <string_view>

namespace pitstop {

// Returns text that is safe to print on a terminal: each control character
// (C0 including newline and tab, DEL, and C1 such as U+009B, the one-character
// CSI) and each byte that is not part of valid UTF-8 becomes U+FFFD. Names in
// OSM and DataMall data are outside input, and an escape sequence in one could
// otherwise rewrite or hide terminal output.
std::string terminal_safe(std::string_view text);

}  // namespace pitstop
