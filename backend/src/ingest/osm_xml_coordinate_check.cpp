#include "ingest/osm_xml_coordinate_check.hpp"

#include <expat.h>
#include <fcntl.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string_view>
#include <system_error>

#include <osmium/io/any_compression.hpp>
#include <osmium/io/file.hpp>

#include "geo/errors.hpp"

namespace pitstop {
namespace {

constexpr std::size_t kMaxQuotedChars = 40;

// The maximum absolute value of each attribute that libosmium 2.19's XML parser
// (osmium/io/detail/xml_input_format.hpp) reads as a coordinate, or nullopt for
// any other attribute.
std::optional<double> max_abs_degrees(std::string_view element, std::string_view attribute) {
  if (element == "node" || element == "way" || element == "relation" || element == "nd") {
    if (attribute == "lat") return 90.0;
    if (attribute == "lon") return 180.0;
  } else if (element == "bounds") {
    if (attribute == "minlat" || attribute == "maxlat") return 90.0;
    if (attribute == "minlon" || attribute == "maxlon") return 180.0;
  } else if (element == "changeset") {
    if (attribute == "min_lat" || attribute == "max_lat") return 90.0;
    if (attribute == "min_lon" || attribute == "max_lon") return 180.0;
  }
  return std::nullopt;
}

// An optional minus sign, then digits with at most one decimal point, and at
// least one digit: "1", "-1.5", ".5" and "1." pass, "1e5", "+1", " 1", "nan"
// and "0x1p0" do not.
bool is_plain_decimal(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  bool has_digit = false;
  bool has_point = false;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      has_digit = true;
    } else if (c == '.' && !has_point) {
      has_point = true;
    } else {
      return false;
    }
  }
  return has_digit;
}

bool is_within(std::string_view plain_decimal, double max_abs) {
  double value = 0.0;
  const char* end = plain_decimal.data() + plain_decimal.size();
  const auto [stop, error] = std::from_chars(plain_decimal.data(), end, value);
  return error == std::errc() && stop == end && std::abs(value) <= max_abs;
}

// The text cut to kMaxQuotedChars, with every byte outside printable ASCII
// replaced by '?', so that a message stays one short line.
std::string printable(std::string_view text) {
  std::string result;
  for (const char c : text.substr(0, kMaxQuotedChars)) result += c >= 0x20 && c < 0x7f ? c : '?';
  if (text.size() > kMaxQuotedChars) result += "...";
  return result;
}

std::optional<std::string_view> find_attribute(const XML_Char** attributes, std::string_view name) {
  for (const XML_Char** attribute = attributes; *attribute != nullptr; attribute += 2) {
    if (name == attribute[0]) return attribute[1];
  }
  return std::nullopt;
}

// "node 42", "<nd ref="42">" or "<bounds>".
std::string describe_element(std::string_view element, const XML_Char** attributes) {
  if (element == "bounds") return "<bounds>";
  if (element == "nd") {
    const auto ref = find_attribute(attributes, "ref");
    return ref ? "<nd ref=\"" + printable(*ref) + "\">" : "<nd> without a ref";
  }
  const auto id = find_attribute(attributes, "id");
  return std::string(element) + (id ? " " + printable(*id) : " without an id");
}

// An expat parser that stops at the first coordinate attribute that is not a
// plain decimal number in range, and at the first entity declaration.
class CoordinateChecker {
 public:
  explicit CoordinateChecker(const std::string& path)
      : path_(path), parser_(XML_ParserCreate(nullptr), &XML_ParserFree) {
    if (parser_ == nullptr) throw std::bad_alloc();
    XML_SetUserData(parser_.get(), this);
    XML_SetStartElementHandler(parser_.get(), &CoordinateChecker::on_start_element);
    XML_SetEntityDeclHandler(parser_.get(), &CoordinateChecker::on_entity_declaration);
  }

  void parse(const std::string& data, bool is_final) {
    const auto status =
        XML_Parse(parser_.get(), data.data(), static_cast<int>(data.size()), is_final ? XML_TRUE : XML_FALSE);
    if (status == XML_STATUS_OK) return;
    if (error_) std::rethrow_exception(error_);
    throw DataFileError("invalid XML in OSM file '" + path_ + "' at line " + line() + ": " +
                        XML_ErrorString(XML_GetErrorCode(parser_.get())) +
                        ". The file is damaged or not OSM XML: download the extract again");
  }

 private:
  using ParserPointer = std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)>;

  static void XMLCALL on_start_element(void* user_data, const XML_Char* element, const XML_Char** attributes) {
    auto& checker = *static_cast<CoordinateChecker*>(user_data);
    try {
      checker.check_element(element, attributes);
    } catch (...) {
      checker.stop(std::current_exception());
    }
  }

  static void XMLCALL on_entity_declaration(void* user_data, const XML_Char* name, int, const XML_Char*, int,
                                            const XML_Char*, const XML_Char*, const XML_Char*, const XML_Char*) {
    auto& checker = *static_cast<CoordinateChecker*>(user_data);
    try {
      checker.reject_entity(name);
    } catch (...) {
      checker.stop(std::current_exception());
    }
  }

  void check_element(std::string_view element, const XML_Char** attributes) {
    for (const XML_Char** attribute = attributes; *attribute != nullptr; attribute += 2) {
      const auto max_abs = max_abs_degrees(element, attribute[0]);
      if (!max_abs) continue;

      const std::string_view value = attribute[1];
      if (!is_plain_decimal(value)) {
        reject(element, attributes, attribute[0], value,
               "which is not a plain decimal number. Write it as a plain decimal number such as 1.3521, "
               "without an exponent, or download the extract again");
      }
      if (!is_within(value, *max_abs)) {
        const std::string range = *max_abs == 90.0 ? "-90 to 90" : "-180 to 180";
        reject(element, attributes, attribute[0], value,
               "which is outside " + range + ". Correct the coordinate or download the extract again");
      }
    }
  }

  [[noreturn]] void reject(std::string_view element, const XML_Char** attributes, std::string_view attribute,
                           std::string_view value, const std::string& reason) {
    throw DataFileError("invalid coordinate in OSM file '" + path_ + "' at line " + line() + ": " +
                        describe_element(element, attributes) + " has " + std::string(attribute) + "=\"" +
                        printable(value) + "\", " + reason);
  }

  [[noreturn]] void reject_entity(std::string_view name) {
    throw DataFileError("invalid XML in OSM file '" + path_ + "' at line " + line() + ": it declares the entity '" +
                        printable(name) + "', but libosmium reads no XML entities: download the extract again");
  }

  void stop(std::exception_ptr error) {
    error_ = std::move(error);
    XML_StopParser(parser_.get(), XML_FALSE);
  }

  std::string line() const { return std::to_string(XML_GetCurrentLineNumber(parser_.get())); }

  std::string path_;
  ParserPointer parser_;
  std::exception_ptr error_;
};

void check_coordinates(const std::string& path) {
  const osmium::io::file_compression compression = osmium::io::File(path).compression();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw DataFileError("cannot open OSM file '" + path + "': " + std::system_category().message(errno));
  }
  // The decompressor owns fd from here on and closes it, also when its constructor throws.
  const auto decompressor = osmium::io::CompressionFactory::instance().create_decompressor(compression, fd);

  CoordinateChecker checker(path);
  for (std::string data = decompressor->read(); !data.empty(); data = decompressor->read()) {
    checker.parse(data, false);
  }
  checker.parse({}, true);
  decompressor->close();
}

}  // namespace

void check_osm_xml_coordinates(const std::string& path) {
  try {
    check_coordinates(path);
  } catch (const DataFileError&) {
    throw;
  } catch (const std::exception& error) {
    throw DataFileError("cannot read OSM file '" + path + "': " + error.what());
  }
}

}  // namespace pitstop
