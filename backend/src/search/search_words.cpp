#include "search/search_words.hpp"

namespace pitstop {
namespace {

bool is_word_byte(unsigned char byte) {
  const bool ascii_letter = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z');
  const bool ascii_digit = byte >= '0' && byte <= '9';
  return ascii_letter || ascii_digit || byte >= 0x80;
}

char to_lower_ascii(unsigned char byte) {
  if (byte >= 'A' && byte <= 'Z') return static_cast<char>(byte - 'A' + 'a');
  return static_cast<char>(byte);
}

}  // namespace

std::vector<std::string> split_search_words(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (is_word_byte(byte)) {
      current.push_back(to_lower_ascii(byte));
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

}  // namespace pitstop
