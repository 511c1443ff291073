#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/api_error.hpp"
#include "api/api_handlers.hpp"
#include "clients/combined_search.hpp"
#include "geo/errors.hpp"
#include "geo/svy21.hpp"

namespace pitstop {
namespace {

constexpr std::size_t kPageSize = 10;
constexpr long kMaxPage = 1000;

// One result with OneMap's address fields passed through as received.
nlohmann::ordered_json address_result(const Place& place, const PlaceAddress& address) {
  std::string x = address.svy21_x;
  std::string y = address.svy21_y;
  if (x.empty() || y.empty()) {
    const Svy21Point svy21 = to_svy21(place.location);
    x = fmt::format("{:.4f}", svy21.x_m);
    y = fmt::format("{:.4f}", svy21.y_m);
  }
  return {{"SEARCHVAL", place.name},
          {"BLK_NO", address.block_number},
          {"ROAD_NAME", address.road_name},
          {"BUILDING", address.building},
          {"ADDRESS", address.full_address.empty() ? place.name : address.full_address},
          {"POSTAL", address.postal_code},
          {"X", x},
          {"Y", y},
          {"LATITUDE", fmt::format("{:.7f}", place.location.lat)},
          {"LONGITUDE", fmt::format("{:.7f}", place.location.lon)},
          {"KIND", std::string(to_string(place.kind))}};
}

// One result in OneMap's search shape: every field a string, empty when unknown.
nlohmann::ordered_json onemap_result(const Place& place) {
  if (place.address) return address_result(place, *place.address);
  const Svy21Point svy21 = to_svy21(place.location);
  const bool is_street = place.kind == PlaceKind::Street;
  return {{"SEARCHVAL", place.name},
          {"BLK_NO", ""},
          {"ROAD_NAME", is_street ? place.name : ""},
          {"BUILDING", is_street ? "" : place.name},
          {"ADDRESS", place.detail.empty() ? place.name : fmt::format("{} ({})", place.name, place.detail)},
          {"POSTAL", ""},
          {"X", fmt::format("{:.4f}", svy21.x_m)},
          {"Y", fmt::format("{:.4f}", svy21.y_m)},
          {"LATITUDE", fmt::format("{:.7f}", place.location.lat)},
          {"LONGITUDE", fmt::format("{:.7f}", place.location.lon)},
          {"KIND", std::string(to_string(place.kind))}};
}

}  // namespace

ApiResponse handle_v1_search(const HandlerContext& context, const QueryParameters& query) {
  const std::string text = query.required_text("searchVal");
  const long page = query.integer("pageNum", 1, 1, kMaxPage);
  // OneMap's options, checked but not used: every result carries coordinates and address fields.
  query.choice("returnGeom", {"Y", "N"});
  query.choice("getAddrDetails", {"Y", "N"});

  const auto parking = current_parking(context);
  CombinedSearchPage results;
  try {
    results = search_offline_and_onemap(parking->places, context.settings.onemap_search.get(), text,
                                        static_cast<std::size_t>(page), kPageSize);
  } catch (const InputError& error) {
    throw ApiError(400, "invalid_parameter", error.what(), "searchVal");
  }
  const std::size_t total = results.total_count;

  nlohmann::ordered_json body = nlohmann::ordered_json::array();
  for (const Place& place : results.places) body.push_back(onemap_result(place));

  ApiResponse response = json_response(200, body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  response.headers.emplace_back("X-Total-Count", std::to_string(total));
  response.headers.emplace_back("X-Total-Pages", std::to_string((total + kPageSize - 1) / kPageSize));
  return response;
}

}  // namespace pitstop
