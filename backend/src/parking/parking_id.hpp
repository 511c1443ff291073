#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "parking/parking_spot.hpp"

namespace pitstop {

// 64-bit FNV-1a hash of `bytes`, continuing from `hash` so that several
// fields can be hashed in sequence.
constexpr std::uint64_t kFnv1a64OffsetBasis = 0xcbf29ce484222325ULL;
std::uint64_t fnv1a_64(std::string_view bytes, std::uint64_t hash = kFnv1a64OffsetBasis);

// Returns a prefix for the source ("osm-" for source "osm", else "lta-")
// followed by 16 hex digits of FNV-1a 64 over the spot's source,
// description, latitude and longitude (each formatted with 5 decimals, about
// 1 m) and rack type. Rack count, shelter and the current id do not take part,
// so two distinct spots can get the same base id and the loader then adds a
// "-2", "-3" suffix.
std::string make_parking_base_id(const ParkingSpot& spot);

}  // namespace pitstop
