#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/api_error.hpp"
#include "api/api_handlers.hpp"
#include "geo/errors.hpp"
#include "geo/svy21.hpp"

namespace pitstop {
namespace {

constexpr std::size_t kPageSize = 10;
constexpr long kMaxPage = 1000;

// One result in OneMap's search shape: every field a string, empty when unknown.
nlohmann::ordered_json onemap_result(const Place& place) {
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

  std::vector<SearchResult> results;
  std::size_t total = 0;
  try {
    results = context.data.places.search(text, kPageSize, static_cast<std::size_t>(page - 1) * kPageSize);
    total = context.data.places.count_matches(text);
  } catch (const InputError& error) {
    throw ApiError(400, "invalid_parameter", error.what(), "searchVal");
  }

  nlohmann::ordered_json body = nlohmann::ordered_json::array();
  for (const SearchResult& result : results) body.push_back(onemap_result(result.place));

  ApiResponse response = json_response(200, body.dump());
  response.headers.emplace_back("X-Total-Count", std::to_string(total));
  response.headers.emplace_back("X-Total-Pages", std::to_string((total + kPageSize - 1) / kPageSize));
  return response;
}

}  // namespace pitstop
