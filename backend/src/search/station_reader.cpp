#include "search/station_reader.hpp"

#include <array>
#include <cctype>
#include <fstream>
#include <sstream>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "geo/errors.hpp"

namespace pitstop {
namespace {

// Line prefixes of the Bukit Panjang, Sengkang and Punggol LRT lines. A
// station is an LRT station only when all of its codes are LRT codes, because
// interchanges such as Sengkang ("NE16 STC") are MRT stations too.
constexpr std::array<std::string_view, 7> kLrtLinePrefixes = {"BP", "SE", "SW", "PE",
                                                              "PW", "STC", "PTC"};

std::string_view line_prefix(std::string_view code) {
  std::size_t length = 0;
  while (length < code.size() && std::isalpha(static_cast<unsigned char>(code[length]))) ++length;
  return code.substr(0, length);
}

bool is_lrt_code(std::string_view code) {
  const auto prefix = line_prefix(code);
  for (const auto lrt_prefix : kLrtLinePrefixes) {
    if (prefix == lrt_prefix) return true;
  }
  return false;
}

bool is_lrt_station(const std::string& codes) {
  std::istringstream stream(codes);
  std::string code;
  bool any_code = false;
  while (stream >> code) {
    if (!is_lrt_code(code)) return false;
    any_code = true;
  }
  return any_code;
}

// "ONE-NORTH" -> "One-North": upper-cases the first letter of each run of
// letters and lower-cases the rest.
std::string to_title_case(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  bool at_word_start = true;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalpha(byte)) {
      result.push_back(static_cast<char>(at_word_start ? std::toupper(byte) : std::tolower(byte)));
      at_word_start = false;
    } else {
      result.push_back(c);
      at_word_start = true;
    }
  }
  return result;
}

nlohmann::json parse_json_file(const std::string& path) {
  std::ifstream file(path);
  if (!file) {
    throw DataFileError(fmt::format("cannot open MRT station file '{}': file is missing or unreadable",
                                    path));
  }
  try {
    return nlohmann::json::parse(file);
  } catch (const nlohmann::json::parse_error& error) {
    throw DataFileError(
        fmt::format("invalid MRT station file '{}': not valid JSON ({})", path, error.what()));
  }
}

bool has_coordinates(const nlohmann::json& station) {
  return station.contains("latitude") && station.contains("longitude");
}

Place to_station_place(const std::string& path, const std::string& key, const nlohmann::json& station) {
  const auto name = station.find("name");
  const auto code = station.find("code");
  const auto& latitude = station.at("latitude");
  const auto& longitude = station.at("longitude");
  if (name == station.end() || !name->is_string() || code == station.end() || !code->is_string() ||
      !latitude.is_number() || !longitude.is_number()) {
    throw DataFileError(fmt::format(
        "invalid MRT station file '{}': station '{}' needs string \"name\" and \"code\" and "
        "numeric \"latitude\" and \"longitude\"",
        path, key));
  }

  const LatLon location{latitude.get<double>(), longitude.get<double>()};
  if (!is_valid(location)) {
    throw DataFileError(fmt::format("invalid MRT station file '{}': station '{}' has coordinate {} "
                                    "out of range",
                                    path, key, format_lat_lon(location)));
  }

  const auto codes = code->get<std::string>();
  const bool lrt = is_lrt_station(codes);
  Place place;
  place.name = to_title_case(name->get<std::string>()) + (lrt ? " LRT Station" : " MRT Station");
  place.kind = PlaceKind::Station;
  place.category = lrt ? "lrt_station" : "mrt_station";
  place.location = location;
  place.detail = codes;
  return place;
}

}  // namespace

std::vector<Place> read_mrt_stations_file(const std::string& path) {
  const auto document = parse_json_file(path);
  const auto data = document.is_object() ? document.find("data") : document.end();
  if (data == document.end() || !data->is_object()) {
    throw DataFileError(fmt::format(
        "invalid MRT station file '{}': expected an object with a \"data\" object of stations", path));
  }

  std::vector<Place> stations;
  std::size_t skipped_without_coordinates = 0;
  for (const auto& [key, station] : data->items()) {
    if (!station.is_object()) {
      throw DataFileError(
          fmt::format("invalid MRT station file '{}': station '{}' is not an object", path, key));
    }
    if (!has_coordinates(station)) {
      ++skipped_without_coordinates;
      continue;
    }
    stations.push_back(to_station_place(path, key, station));
  }

  spdlog::info("read {} MRT/LRT stations from '{}' and skipped {} without coordinates", stations.size(),
               path, skipped_without_coordinates);
  return stations;
}

}  // namespace pitstop
