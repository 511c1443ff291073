#include "parking/parking_id.hpp"

#include <fmt/format.h>

namespace pitstop {

std::uint64_t fnv1a_64(std::string_view bytes, std::uint64_t hash) {
  constexpr std::uint64_t kFnv1a64Prime = 0x100000001b3ULL;
  for (const char byte : bytes) {
    hash ^= static_cast<unsigned char>(byte);
    hash *= kFnv1a64Prime;
  }
  return hash;
}

std::string make_parking_base_id(const ParkingSpot& spot) {
  // A 0x1F (unit separator) byte ends each field, so ("ab", "c") and
  // ("a", "bc") hash differently.
  const std::string fields =
      fmt::format("{}\x1f{}\x1f{:.5f}\x1f{:.5f}\x1f{}\x1f", spot.source, spot.description,
                  spot.location.lat, spot.location.lon, spot.rack_type);
  const std::string_view prefix = spot.source == "osm" ? "osm" : "lta";
  return fmt::format("{}-{:016x}", prefix, fnv1a_64(fields));
}

}  // namespace pitstop
