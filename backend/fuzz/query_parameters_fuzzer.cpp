// Fuzzes the HTTP API's query-string parsing: split_target, QueryParameters
// and its typed reads of every parameter name the endpoints use. The contract:
// each call returns a value or throws ApiError with status 400.

#include <string>

#include "api/api_error.hpp"
#include "api/query_parameters.hpp"
#include "fuzz_support.hpp"

namespace {

constexpr const char* kParameterNames[] = {
    "from", "to", "fromName", "toName", "rideLimitMin", "marginMin", "speedKmh", "geometry", "format",
    "start", "end", "intervalMins", "searchVal", "pageNum", "returnGeom", "getAddrDetails"};

void check_status(const pitstop::ApiError& error) {
  if (error.status() != 400) pitstop::fuzz::fail("a query-string error is not a 400");
}

void read_every_parameter(const pitstop::QueryParameters& parameters) {
  for (const char* name : kParameterNames) {
    try {
      (void)parameters.text(name);
    } catch (const pitstop::ApiError& error) {
      check_status(error);
    }
    try {
      const auto point = parameters.required_lat_lon(name);
      if (!pitstop::is_valid(point)) pitstop::fuzz::fail("required_lat_lon returned an invalid point");
    } catch (const pitstop::ApiError& error) {
      check_status(error);
    }
    try {
      const double value = parameters.number(name, 1.0, 0.5, 240.0);
      if (!(value >= 0.5 && value <= 240.0)) pitstop::fuzz::fail("number() returned a value out of range");
    } catch (const pitstop::ApiError& error) {
      check_status(error);
    }
    try {
      const long value = parameters.integer(name, 1, 1, 1000);
      if (value < 1 || value > 1000) pitstop::fuzz::fail("integer() returned a value out of range");
    } catch (const pitstop::ApiError& error) {
      check_status(error);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto target = pitstop::fuzz::as_text(data, size);
  const auto [path, query] = pitstop::split_target(target);
  if (path.size() + query.size() > target.size()) pitstop::fuzz::fail("split_target grew the target");

  const auto decoded = pitstop::percent_decode(query, true);
  if (decoded && decoded->size() > query.size()) pitstop::fuzz::fail("percent_decode grew the text");
  (void)pitstop::is_valid_utf8(target);

  try {
    read_every_parameter(pitstop::QueryParameters::parse(query));
  } catch (const pitstop::ApiError& error) {
    check_status(error);
  }
  return 0;
}
