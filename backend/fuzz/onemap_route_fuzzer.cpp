// Fuzzes parse_onemap_route, which reads OneMap's routing responses. The first
// byte selects the polyline precision (5 or 6, as OneMap sends), the rest is
// the response body. The contract: it returns routes whose geometry holds
// valid coordinates, or throws ServiceError.

#include "clients/onemap_responses.hpp"
#include "clients/service_error.hpp"
#include "fuzz_support.hpp"

namespace {

void check_route(const pitstop::OneMapRoute& route) {
  for (const auto& point : route.geometry) {
    if (!pitstop::is_valid(point)) pitstop::fuzz::fail("a OneMap route has an invalid coordinate");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  pitstop::fuzz::silence_logging();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const int precision = data[0] % 2 == 0 ? 5 : 6;
  pitstop::OneMapRouteResult result;
  try {
    result = pitstop::parse_onemap_route(pitstop::fuzz::as_text(data + 1, size - 1), precision);
  } catch (const pitstop::ServiceError&) {
    return 0;
  }
  check_route(result.route);
  for (const auto& alternative : result.alternatives) check_route(alternative);
  return 0;
}
