#include "output/rack_type_words.hpp"

#include <array>
#include <utility>

#include <fmt/format.h>

namespace pitstop {
namespace {

// Owners whose DataMall abbreviation reads badly in upper case.
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kOwnerNames{{
    {"NPARKS", "NParks"},
    {"SPORTSG", "SportSG"},
    {"NANYANG POLY", "Nanyang Poly"},
}};

// True for an owner part such as "HDB" or "NANYANG POLY": capitals and spaces, starting with a capital.
bool is_owner_code(std::string_view owner) {
  if (owner.empty() || owner.front() < 'A' || owner.front() > 'Z') return false;
  for (const char c : owner) {
    if (c != ' ' && (c < 'A' || c > 'Z')) return false;
  }
  return true;
}

}  // namespace

std::string rack_type_words(std::string_view rack_type) {
  if (rack_type.empty()) return "Unknown rack type";

  constexpr std::string_view kSuffix = "_RACKS";
  if (rack_type.ends_with(kSuffix)) {
    const std::string_view owner = rack_type.substr(0, rack_type.size() - kSuffix.size());
    if (is_owner_code(owner)) {
      for (const auto& [code, name] : kOwnerNames) {
        if (owner == code) return fmt::format("{} racks", name);
      }
      return fmt::format("{} racks", owner);
    }
  }

  std::string words(rack_type);
  for (char& c : words) {
    if (c == '_') c = ' ';
  }
  return words;
}

}  // namespace pitstop
