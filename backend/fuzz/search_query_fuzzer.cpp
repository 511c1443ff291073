// Fuzzes search text: parse_search_query and PlaceIndex::search, as
// /api/v1/search and `pitstop search` run them. The index contains the MRT
// stations of PITSTOP_FUZZ_STATIONS when that variable names the station list,
// else a few hand-made places. The contract: a search returns at most `limit`
// results with valid locations, or throws InputError.

#include <cstdlib>

#include "fuzz_support.hpp"
#include "geo/errors.hpp"
#include "search/place_index.hpp"
#include "search/search_query.hpp"
#include "search/station_reader.hpp"

namespace {

pitstop::PlaceIndex* place_index = nullptr;

void add_hand_made_places(pitstop::PlaceIndex& places) {
  places.add({"Bishan MRT Station", pitstop::PlaceKind::Station, "mrt_station", {1.3511, 103.8485}, "NS17 CC15"});
  places.add({"Bishan Street 22", pitstop::PlaceKind::Street, "residential", {1.3580, 103.8455}, ""});
  places.add({"Toa Payoh Lorong 1", pitstop::PlaceKind::Street, "residential", {1.3390, 103.8450}, ""});
  places.add({"Holland Village", pitstop::PlaceKind::Place, "suburb", {1.3112, 103.7962}, ""});
  places.add({"Café Ünïcode 咖啡", pitstop::PlaceKind::Amenity, "cafe", {1.3000, 103.8000}, ""});
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  pitstop::fuzz::silence_logging();
  place_index = new pitstop::PlaceIndex();
  const char* stations = std::getenv("PITSTOP_FUZZ_STATIONS");
  if (stations != nullptr && *stations != '\0') {
    for (auto& place : pitstop::read_mrt_stations_file(stations)) place_index->add(std::move(place));
  }
  add_hand_made_places(*place_index);
  place_index->build();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = pitstop::fuzz::as_text(data, size);
  try {
    (void)pitstop::parse_search_query(text);
  } catch (const pitstop::InputError&) {
  }

  constexpr std::size_t kLimit = 10;
  try {
    const auto results = place_index->search(text, kLimit, size % 3);
    if (results.size() > kLimit) pitstop::fuzz::fail("search returned more results than the limit");
    for (const auto& result : results) {
      if (!pitstop::is_valid(result.place.location)) pitstop::fuzz::fail("a search result has an invalid location");
    }
    (void)place_index->count_matches(text);
  } catch (const pitstop::InputError&) {
  }
  return 0;
}
