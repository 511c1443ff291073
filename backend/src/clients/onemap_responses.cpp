#include "clients/onemap_responses.hpp"

#include <charconv>
#include <cmath>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "clients/service_error.hpp"
#include "geo/errors.hpp"
#include "geo/polyline.hpp"

namespace pitstop {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxQuotedMessageChars = 200;

json parse_json(std::string_view json_text, std::string_view operation) {
  try {
    return json::parse(json_text);
  } catch (const json::parse_error& error) {
    // error.what() quotes the text near the fault, so only the position is reported.
    throw ServiceError(
        fmt::format("onemap: the {} response is not valid JSON (error at byte {})", operation, error.byte));
  } catch (const json::exception&) {
    throw ServiceError(fmt::format("onemap: the {} response is not valid JSON", operation));
  }
}

// A number from a JSON number or a numeric string; nothing otherwise.
std::optional<double> read_number(const json& value) {
  if (value.is_number()) return value.get<double>();
  if (!value.is_string()) return std::nullopt;
  const auto& text = value.get_ref<const std::string&>();
  double number = 0.0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, number);
  if (text.empty() || error != std::errc() || stop != end || !std::isfinite(number)) return std::nullopt;
  return number;
}

std::optional<double> read_number_field(const json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end()) return std::nullopt;
  return read_number(*it);
}

// A string field as text: numbers are written out, anything else is "".
std::string read_text_field(const json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return {};
}

std::string shorten(std::string text) {
  if (text.size() > kMaxQuotedMessageChars) {
    text.resize(kMaxQuotedMessageChars);
    text += "...";
  }
  return text;
}

void reject_error_response(const json& document, std::string_view operation) {
  if (!document.is_object()) return;
  const auto error = document.find("error");
  if (error == document.end()) return;
  const std::string message = error->is_string() ? error->get<std::string>() : error->dump();
  throw ServiceError(fmt::format("onemap: the {} request failed: {}", operation, shorten(message)));
}

std::optional<Place> read_search_result(const json& result) {
  if (!result.is_object()) return std::nullopt;
  const auto lat = read_number_field(result, "LATITUDE");
  const auto lon = read_number_field(result, "LONGITUDE");
  if (!lat || !lon || !is_valid({*lat, *lon})) return std::nullopt;

  auto address = std::make_shared<PlaceAddress>();
  address->block_number = read_text_field(result, "BLK_NO");
  address->road_name = read_text_field(result, "ROAD_NAME");
  address->building = read_text_field(result, "BUILDING");
  address->full_address = read_text_field(result, "ADDRESS");
  address->postal_code = read_text_field(result, "POSTAL");
  address->svy21_x = read_text_field(result, "X");
  address->svy21_y = read_text_field(result, "Y");

  Place place;
  place.name = read_text_field(result, "SEARCHVAL");
  if (place.name.empty()) place.name = address->full_address;
  if (place.name.empty()) return std::nullopt;
  place.kind = PlaceKind::Address;
  place.category = "onemap";
  place.location = {*lat, *lon};
  place.detail = address->full_address;
  place.address = std::move(address);
  return place;
}

// Reads one route object. Throws ServiceError naming `label` on a fault.
OneMapRoute read_route(const json& object, int polyline_precision, std::string_view label) {
  if (!object.is_object()) throw ServiceError(fmt::format("onemap: the {} is not a JSON object", label));

  const auto geometry = object.find("route_geometry");
  if (geometry == object.end() || !geometry->is_string() || geometry->get_ref<const std::string&>().empty()) {
    const std::string status = read_text_field(object, "status_message");
    throw ServiceError(fmt::format("onemap: the {} has no route_geometry{}", label,
                                   status.empty() ? "" : ": " + shorten(status)));
  }

  OneMapRoute route;
  route.encoded_geometry = geometry->get<std::string>();
  try {
    route.geometry = decode_polyline(route.encoded_geometry, polyline_precision);
  } catch (const InputError& error) {
    throw ServiceError(fmt::format("onemap: the {} geometry is not an encoded polyline: {}", label, error.what()));
  }
  for (const LatLon& point : route.geometry) {
    if (!is_valid(point)) {
      throw ServiceError(fmt::format(
          "onemap: the {} geometry decodes to the out-of-range coordinate {:.6f},{:.6f} at polyline precision {}: "
          "check the precision",
          label, point.lat, point.lon, polyline_precision));
    }
  }

  const auto summary = object.find("route_summary");
  if (summary == object.end() || !summary->is_object()) {
    throw ServiceError(fmt::format("onemap: the {} has no route_summary", label));
  }
  const auto time_s = read_number_field(*summary, "total_time");
  const auto distance_m = read_number_field(*summary, "total_distance");
  if (!time_s || !distance_m) {
    throw ServiceError(fmt::format("onemap: the {} summary lacks a numeric total_time or total_distance", label));
  }
  route.summary.total_time_s = *time_s;
  route.summary.total_distance_m = *distance_m;
  route.summary.start_point = read_text_field(*summary, "start_point");
  route.summary.end_point = read_text_field(*summary, "end_point");

  const auto instructions = object.find("route_instructions");
  if (instructions != object.end() && instructions->is_array()) route.instructions = *instructions;
  route.subtitle = read_text_field(object, "subtitle");
  return route;
}

void add_alternative(OneMapRouteResult& answer, const json& object, int polyline_precision, std::string_view label) {
  try {
    answer.alternatives.push_back(read_route(object, polyline_precision, label));
  } catch (const ServiceError&) {
    ++answer.alternatives_skipped;
  }
}

}  // namespace

OneMapSearchPage parse_onemap_search(std::string_view json_text) {
  const json document = parse_json(json_text, "search");
  reject_error_response(document, "search");
  const auto results = document.is_object() ? document.find("results") : document.end();
  if (!document.is_object() || results == document.end() || !results->is_array()) {
    throw ServiceError("onemap: the search response has no \"results\" array");
  }

  OneMapSearchPage page;
  page.found = static_cast<long>(read_number_field(document, "found").value_or(0.0));
  page.total_pages = static_cast<long>(read_number_field(document, "totalNumPages").value_or(0.0));
  page.page_number = static_cast<long>(read_number_field(document, "pageNum").value_or(0.0));
  for (const json& result : *results) {
    auto place = read_search_result(result);
    if (place) page.places.push_back(std::move(*place));
    else ++page.results_skipped;
  }
  return page;
}

OneMapRouteResult parse_onemap_route(std::string_view json_text, int polyline_precision) {
  const json document = parse_json(json_text, "route");
  reject_error_response(document, "route");

  OneMapRouteResult answer;
  answer.route = read_route(document, polyline_precision, "route");

  const auto alternatives = document.find("alternativeroute");
  if (alternatives != document.end() && alternatives->is_array()) {
    for (const json& alternative : *alternatives) add_alternative(answer, alternative, polyline_precision, "alternative route");
  }
  const auto physical = document.find("phyroute");
  if (physical != document.end()) add_alternative(answer, *physical, polyline_precision, "phyroute");
  return answer;
}

}  // namespace pitstop
