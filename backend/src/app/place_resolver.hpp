#pragma once

#include <string_view>

#include "search/place_index.hpp"

namespace pitstop {

// Turns user text into a place: "LAT,LON" as a coordinate, anything else as
// the best match of a place search. Throws InputError naming the text when it
// looks like a coordinate but is malformed, or when nothing matches.
Place resolve_place(const PlaceIndex& places, std::string_view text, std::string_view role);

}  // namespace pitstop
