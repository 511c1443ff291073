#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pitstop {

// Splits text into lower-case search words. A word is a run of ASCII letters,
// ASCII digits or non-ASCII bytes, so UTF-8 letters stay inside words while
// ASCII punctuation and spaces separate them. Only ASCII letters are lower-cased.
std::vector<std::string> split_search_words(std::string_view text);

}  // namespace pitstop
