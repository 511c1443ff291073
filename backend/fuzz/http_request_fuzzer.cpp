// Fuzzes one HTTP request end to end without sockets: Beast's request parser
// with the server's size limits, then to_api_request, PitStopApi::handle (every
// endpoint, plans included) and to_http_response. The API runs on a hand-made
// 5 x 5 street grid near 1.30 N 103.80 E with four parking spots, written to a
// temporary folder at start, so that a plan takes microseconds. The contract:
// the handler never throws and never answers 500, because every bad request
// must get a 4xx that names the problem.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/write.hpp>
#include <fmt/format.h>

#include "api/pitstop_api.hpp"
#include "app/pitstop_data.hpp"
#include "fuzz_support.hpp"
#include "server/http_messages.hpp"
#include "server/server_config.hpp"

namespace {

namespace http = boost::beast::http;

constexpr int kGridSize = 5;
constexpr double kStep_deg = 0.002;

pitstop::PitStopData* data = nullptr;
pitstop::PitStopApi* api = nullptr;
const pitstop::ServerConfig server_config;

std::string grid_osm_xml() {
  std::string xml = "<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6' generator='pitstop-fuzz'>\n";
  for (int row = 0; row < kGridSize; ++row) {
    for (int column = 0; column < kGridSize; ++column) {
      xml += fmt::format("  <node id='{}' version='1' lat='{:.6f}' lon='{:.6f}'/>\n", 1 + row * kGridSize + column,
                         1.30 + row * kStep_deg, 103.80 + column * kStep_deg);
    }
  }
  int way_id = 1;
  for (int line = 0; line < kGridSize; ++line) {
    xml += fmt::format("  <way id='{}' version='1'>\n", way_id++);
    for (int column = 0; column < kGridSize; ++column) xml += fmt::format("    <nd ref='{}'/>\n", 1 + line * kGridSize + column);
    xml += fmt::format("    <tag k='highway' v='residential'/>\n    <tag k='name' v='Fuzz Street {}'/>\n  </way>\n", line);
    xml += fmt::format("  <way id='{}' version='1'>\n", way_id++);
    for (int row = 0; row < kGridSize; ++row) xml += fmt::format("    <nd ref='{}'/>\n", 1 + row * kGridSize + line);
    xml += fmt::format("    <tag k='highway' v='cycleway'/>\n    <tag k='name' v='Fuzz Avenue {}'/>\n  </way>\n", line);
  }
  return xml + "</osm>\n";
}

std::string parking_json() {
  std::string json = "[";
  for (int i = 0; i < 4; ++i) {
    if (i > 0) json += ",";
    json += fmt::format(R"({{"Description":"Fuzz Rack {}","Latitude":{:.6f},"Longitude":{:.6f},)"
                        R"("RackType":"HDB_RACKS","RackCount":{},"ShelterIndicator":"{}"}})",
                        i, 1.30 + i * kStep_deg + 0.0001, 103.80 + i * kStep_deg, 4 + i, i % 2 == 0 ? "Y" : "N");
  }
  return json + "]";
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  if (!file) pitstop::fuzz::fail("cannot write the hand-made data files");
}

void check_response(const pitstop::ApiRequest& request, pitstop::ApiResponse response) {
  if (response.status == 500) pitstop::fuzz::fail("the API answered 500 to a request");
  pitstop::ResponseOptions options;
  options.head_request = request.method == "HEAD";
  options.request_id = request.request_id;
  std::ostringstream bytes;
  bytes << pitstop::to_http_response(std::move(response), options);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  pitstop::fuzz::silence_logging();
  const auto folder = std::filesystem::temp_directory_path() / fmt::format("pitstop-fuzz-http-{}", ::getpid());
  std::filesystem::create_directories(folder);
  write_file(folder / "grid.osm", grid_osm_xml());
  write_file(folder / "parking.json", parking_json());

  pitstop::DataPaths paths;
  paths.osm = (folder / "grid.osm").string();
  paths.parking = {(folder / "parking.json").string()};
  paths.stations = (folder / "no-stations.json").string();
  data = pitstop::load_pitstop_data(paths).release();
  api = new pitstop::PitStopApi(*data, pitstop::ApiSettings{.cors_origins = {"https://pitstop.example"}});
  std::filesystem::remove_all(folder);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  http::request_parser<http::string_body> parser;
  parser.eager(true);
  parser.header_limit(static_cast<std::uint32_t>(server_config.max_header_bytes));
  parser.body_limit(server_config.max_body_bytes);

  boost::beast::error_code error;
  parser.put(boost::asio::buffer(bytes, size), error);
  if (error || !parser.is_done()) return 0;

  pitstop::HttpRequest request = parser.release();
  if (request.target().size() > server_config.max_request_line_bytes) return 0;
  const pitstop::ApiRequest api_request = pitstop::to_api_request(std::move(request), "fuzz-request");

  pitstop::ApiResponse response;
  try {
    response = api->handle(api_request);
  } catch (const std::exception& exception) {
    std::fprintf(stderr, "handler threw: %s\n", exception.what());
    pitstop::fuzz::fail("PitStopApi::handle threw");
  }
  check_response(api_request, std::move(response));
  return 0;
}
