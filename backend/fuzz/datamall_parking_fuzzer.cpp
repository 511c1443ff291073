// Fuzzes read_datamall_parking, which reads LTA DataMall BicycleParkingv2 JSON
// from a file or from `pitstop refresh`. The contract: it returns spots with
// valid coordinates and non-negative rack counts, or throws DataFileError.

#include "fuzz_support.hpp"
#include "geo/errors.hpp"
#include "parking/datamall_reader.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  pitstop::fuzz::silence_logging();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  pitstop::ParkingLoadResult result;
  try {
    result = pitstop::read_datamall_parking(pitstop::fuzz::as_text(data, size));
  } catch (const pitstop::DataFileError&) {
    return 0;
  }
  for (const auto& spot : result.spots) {
    if (!pitstop::is_valid(spot.location)) pitstop::fuzz::fail("a parking spot has an invalid location");
    if (spot.rack_count < 0) pitstop::fuzz::fail("a parking spot has a negative rack count");
    if (spot.id.empty()) pitstop::fuzz::fail("a parking spot has no id");
  }
  return 0;
}
