#include "parking/datamall_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "geo/errors.hpp"
#include "parking/datamall_record.hpp"

namespace pitstop {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxRejectedRecordsLogged = 20;
// Island-wide DataMall data is a few MB; anything this large is not a parking file.
constexpr std::uintmax_t kMaxParkingFileBytes = 256ull * 1024 * 1024;

constexpr std::string_view kExpectedShape =
    "Expected a DataMall BicycleParkingv2 JSON array of records or an object with a \"value\" "
    "array.";

// DataMall records nest three levels deep. Deeper input is rejected before
// parsing, because nlohmann-json's parser and serializer recurse once per
// level and a document nested 100,000 deep overflows the stack.
constexpr std::size_t kMaxJsonDepth = 64;

std::size_t max_nesting_depth(std::string_view text) {
  std::size_t depth = 0;
  std::size_t max_depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') max_depth = std::max(max_depth, ++depth);
    else if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return max_depth;
}

json parse_json_text(std::string_view json_text, std::string_view input_name) {
  if (max_nesting_depth(json_text) > kMaxJsonDepth) {
    throw DataFileError(fmt::format("invalid parking input {}: JSON nested more than {} levels deep. {}",
                                    input_name, kMaxJsonDepth, kExpectedShape));
  }
  try {
    return json::parse(json_text);
  } catch (const json::exception& error) {
    // parse_error for bad syntax, out_of_range for a number beyond the range of double.
    throw DataFileError(fmt::format("invalid JSON in parking input {}: {}. {}", input_name,
                                    error.what(), kExpectedShape));
  }
}

const json& find_record_array(const json& document, std::string_view input_name) {
  if (document.is_array()) return document;

  if (document.is_object()) {
    const auto value = document.find("value");
    if (value != document.end() && value->is_array()) return *value;
    throw DataFileError(
        fmt::format("parking input {} has a top-level object without a \"value\" array. {}",
                    input_name, kExpectedShape));
  }

  throw DataFileError(fmt::format("parking input {} has a top-level JSON value of type {}. {}",
                                  input_name, document.type_name(), kExpectedShape));
}

void log_rejected_records(const std::vector<RejectedParkingRecord>& rejected,
                          std::string_view input_name) {
  const std::size_t logged_count = std::min(rejected.size(), kMaxRejectedRecordsLogged);
  for (std::size_t i = 0; i < logged_count; ++i) {
    spdlog::warn("Skipped parking record {} in {}: {}", rejected[i].record_index, input_name,
                 rejected[i].reason);
  }
  if (rejected.size() > logged_count) {
    spdlog::warn("Skipped {} more invalid parking records in {} without logging each",
                 rejected.size() - logged_count, input_name);
  }
}

ParkingLoadResult read_records(std::string_view json_text, std::string_view source,
                               std::string_view input_name) {
  const json document = parse_json_text(json_text, input_name);
  const json& records = find_record_array(document, input_name);

  ParkingLoadResult result;
  result.records_read = records.size();
  for (std::size_t index = 0; index < records.size(); ++index) {
    try {
      result.spots.push_back(parse_datamall_record(records[index], source));
    } catch (const InvalidParkingRecord& error) {
      result.rejected.push_back({index, error.what(), std::string(input_name)});
    }
  }

  result.duplicates_dropped = drop_duplicates_and_assign_ids(result.spots);
  log_rejected_records(result.rejected, input_name);
  return result;
}

std::string read_file_text(const std::string& path) {
  std::error_code status_error;
  const std::filesystem::file_status status = std::filesystem::status(path, status_error);
  if (status.type() == std::filesystem::file_type::not_found) {
    throw DataFileError(
        fmt::format("parking file {} not found: set --parking or PITSTOP_PARKING to a DataMall "
                    "BicycleParkingv2 JSON file",
                    path));
  }
  if (status_error) {
    throw DataFileError(
        fmt::format("failed to access parking file {}: {}", path, status_error.message()));
  }
  if (std::filesystem::is_directory(status)) {
    throw DataFileError(fmt::format(
        "parking file {} is a directory: set --parking or PITSTOP_PARKING to a DataMall "
        "BicycleParkingv2 JSON file",
        path));
  }
  if (!std::filesystem::is_regular_file(status)) {
    throw DataFileError(fmt::format(
        "parking file {} is not a regular file: set --parking or PITSTOP_PARKING to a DataMall "
        "BicycleParkingv2 JSON file",
        path));
  }
  const auto size_bytes = std::filesystem::file_size(path, status_error);
  if (!status_error && size_bytes > kMaxParkingFileBytes) {
    throw DataFileError(fmt::format("parking file {} is {} bytes, more than the {} allowed: check that it is "
                                    "a DataMall BicycleParkingv2 JSON file",
                                    path, size_bytes, kMaxParkingFileBytes));
  }

  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw DataFileError(
        fmt::format("failed to open parking file {}: {}", path, std::strerror(errno)));
  }
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) {
    throw DataFileError(
        fmt::format("failed to read parking file {}: {}", path, std::strerror(errno)));
  }
  return std::move(text).str();
}

}  // namespace

ParkingLoadResult read_datamall_parking(std::string_view json_text, std::string_view source) {
  return read_records(json_text, source, source);
}

ParkingLoadResult read_datamall_parking_file(const std::string& path) {
  const std::string text = read_file_text(path);
  ParkingLoadResult result = read_records(text, "lta-datamall", path);

  spdlog::info(
      "Loaded parking file {}: {} records read, {} spots kept, {} duplicates dropped, "
      "{} rejected",
      path, result.records_read, result.spots.size(), result.duplicates_dropped,
      result.rejected.size());
  return result;
}

}  // namespace pitstop
