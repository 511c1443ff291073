#include "app/place_resolver.hpp"

#include <cctype>
#include <string>

#include <fmt/format.h>

#include "geo/errors.hpp"

namespace pitstop {
namespace {

// Text that starts like a number and has a comma is meant as LAT,LON, so a
// typo in it is reported as such rather than searched for as a name.
bool looks_like_coordinate(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  if (text.empty() || text.find(',') == std::string_view::npos) return false;
  const char first = text.front();
  if (std::isdigit(static_cast<unsigned char>(first)) || first == '-' || first == '+' || first == '.') {
    return true;
  }
  // "nan,…" and "inf,…" are broken coordinates, not names to search for.
  std::string head;
  for (char c : text.substr(0, text.find(','))) head.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return head == "nan" || head == "inf" || head == "infinity";
}

}  // namespace

Place resolve_place(const PlaceIndex& places, std::string_view text, std::string_view role) {
  if (looks_like_coordinate(text)) {
    const LatLon location = parse_lat_lon(text);
    return Place{format_lat_lon(location), PlaceKind::Coordinate, "coordinate", location, ""};
  }
  const auto results = places.search(text, 1);
  if (results.empty()) {
    throw InputError(fmt::format("no place matches {} '{}': try a street, MRT station or parking spot "
                                 "name, or give LAT,LON such as 1.3521,103.8198",
                                 role, text));
  }
  return results.front().place;
}

}  // namespace pitstop
