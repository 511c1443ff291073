// Fuzzes parse_onemap_search, which reads OneMap's search responses. The
// contract: it returns places with valid coordinates or throws ServiceError.

#include "clients/onemap_responses.hpp"
#include "clients/service_error.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  pitstop::fuzz::silence_logging();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  pitstop::OneMapSearchPage page;
  try {
    page = pitstop::parse_onemap_search(pitstop::fuzz::as_text(data, size));
  } catch (const pitstop::ServiceError&) {
    return 0;
  }
  for (const auto& place : page.places) {
    if (!pitstop::is_valid(place.location)) pitstop::fuzz::fail("a OneMap search result has an invalid location");
    if (place.address == nullptr) pitstop::fuzz::fail("a OneMap search result has no address fields");
  }
  return 0;
}
