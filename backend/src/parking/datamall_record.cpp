#include "parking/datamall_record.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "geo/lat_lon.hpp"

namespace pitstop {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxQuotedValueChars = 60;

std::string_view trim_whitespace(std::string_view text) {
  constexpr std::string_view kWhitespace = " \t\r\n\f\v";
  const std::size_t first = text.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(kWhitespace);
  return text.substr(first, last - first + 1);
}

// The value as compact JSON, cut to a length that keeps log lines readable.
std::string quote_value(const json& value) {
  // Printing recurses once per nesting level; the reader rejects documents
  // nested deeper than a few dozen levels before they get here.
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > kMaxQuotedValueChars) {
    text.resize(kMaxQuotedValueChars);
    text += "...";
  }
  return text;
}

[[noreturn]] void reject_type(std::string_view field, const json& value,
                              std::string_view expected) {
  throw InvalidParkingRecord(fmt::format("{} {} has type {}, expected {}", field,
                                         quote_value(value), value.type_name(), expected));
}

std::optional<double> parse_decimal(std::string_view text) {
  text = trim_whitespace(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;

  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end) return std::nullopt;
  return value;
}

const json* find_field(const json& record, std::string_view field) {
  const auto it = record.find(field);
  if (it == record.end() || it->is_null()) return nullptr;
  return &*it;
}

// A finite number from a JSON number or a numeric string. Throws when the
// field is missing, has another type or is not a finite number.
double read_required_number(const json& record, std::string_view field) {
  const json* value = find_field(record, field);
  if (value == nullptr) throw InvalidParkingRecord(fmt::format("{} is missing", field));

  std::optional<double> number;
  if (value->is_number()) {
    number = value->get<double>();
  } else if (value->is_string()) {
    number = parse_decimal(value->get_ref<const std::string&>());
    if (!number) {
      throw InvalidParkingRecord(fmt::format("{} {} is not a number", field, quote_value(*value)));
    }
  } else {
    reject_type(field, *value, "a number or a numeric string");
  }

  if (!std::isfinite(*number)) {
    throw InvalidParkingRecord(
        fmt::format("{} {} is not a finite number", field, quote_value(*value)));
  }
  return *number;
}

std::string read_optional_string(const json& record, std::string_view field) {
  const json* value = find_field(record, field);
  if (value == nullptr) return {};
  if (!value->is_string()) reject_type(field, *value, "a string");
  return std::string(trim_whitespace(value->get_ref<const std::string&>()));
}

LatLon read_location(const json& record) {
  const double lat = read_required_number(record, "Latitude");
  const double lon = read_required_number(record, "Longitude");
  if (lat < -90.0 || lat > 90.0) {
    throw InvalidParkingRecord(fmt::format("Latitude {} is out of range -90..90", lat));
  }
  if (lon < -180.0 || lon > 180.0) {
    throw InvalidParkingRecord(fmt::format("Longitude {} is out of range -180..180", lon));
  }
  // (0, 0) is in the Gulf of Guinea, so a record there carries a placeholder
  // rather than a real rack position.
  if (lat == 0.0 && lon == 0.0) {
    throw InvalidParkingRecord("Latitude 0, Longitude 0 is a placeholder for an unknown position");
  }
  return {lat, lon};
}

int read_rack_count(const json& record) {
  const double count = read_required_number(record, "RackCount");
  if (count < 0.0) throw InvalidParkingRecord(fmt::format("RackCount {} is negative", count));
  if (count != std::floor(count)) {
    throw InvalidParkingRecord(fmt::format("RackCount {} is not a whole number", count));
  }
  if (count > std::numeric_limits<int>::max()) {
    throw InvalidParkingRecord(fmt::format("RackCount {} is larger than the maximum {}", count,
                                           std::numeric_limits<int>::max()));
  }
  return static_cast<int>(count);
}

bool read_sheltered(const json& record) {
  const std::string indicator = read_optional_string(record, "ShelterIndicator");
  if (indicator == "Y" || indicator == "y") return true;
  if (indicator == "N" || indicator == "n" || indicator.empty()) return false;
  throw InvalidParkingRecord(fmt::format("ShelterIndicator {} is invalid, expected \"Y\" or \"N\"",
                                         quote_value(json(indicator))));
}

std::string make_default_description(const std::string& rack_type) {
  if (rack_type.empty()) return "Bicycle parking";
  return fmt::format("Bicycle parking ({})", rack_type);
}

}  // namespace

ParkingSpot parse_datamall_record(const json& record, std::string_view source) {
  if (!record.is_object()) reject_type("record", record, "an object");

  ParkingSpot spot;
  spot.source = std::string(source);
  spot.location = read_location(record);
  spot.rack_type = read_optional_string(record, "RackType");
  spot.rack_count = read_rack_count(record);
  spot.sheltered = read_sheltered(record);
  spot.description = read_optional_string(record, "Description");
  spot.source_key = spot.description;
  if (spot.description.empty()) spot.description = make_default_description(spot.rack_type);
  return spot;
}

}  // namespace pitstop
