#include "output/rider_wording.hpp"

#include <algorithm>
#include <array>
#include <cmath>
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

std::string ride_minutes_text(double duration_s) {
  // The small subtraction keeps float noise, such as 762.0000001 s, from adding a whole tenth.
  // std::max turns the -0 that ceil gives for 0 s into 0, which prints without a minus sign.
  const double tenths = std::max(0.0, std::ceil(duration_s / 6.0 - 1e-6));
  return fmt::format("{:.1f}", tenths / 10.0);
}

}  // namespace pitstop
