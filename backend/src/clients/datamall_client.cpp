#include "clients/datamall_client.hpp"

#include <cmath>
#include <numbers>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "clients/service_error.hpp"
#include "geo/errors.hpp"
#include "parking/datamall_reader.hpp"
#include "parking/parking_load.hpp"

namespace pitstop {
namespace {

constexpr const char* kBicycleParkingPath = "/ltaodataservice/BicycleParkingv2";
constexpr double kMinSpacing_m = 100.0;
constexpr double kMaxDistance_m = 50000.0;
constexpr std::size_t kProgressEveryPoints = 50;
constexpr int kMaxSubdivisions = 6;
constexpr double kMetresPerDegreeLat = kEarthRadius_m * std::numbers::pi / 180.0;

void check_grid(const ParkingQueryGrid& grid) {
  const LatLon& low = grid.south_west;
  const LatLon& high = grid.north_east;
  if (!is_valid(low) || !is_valid(high) || !(low.lat < high.lat) || !(low.lon < high.lon)) {
    throw ClientConfigError(fmt::format(
        "invalid parking query box {},{} to {},{}: give the south-west corner then the north-east one, in degrees",
        low.lat, low.lon, high.lat, high.lon));
  }
  if (!(grid.spacing_m >= kMinSpacing_m && grid.spacing_m <= kMaxDistance_m)) {
    throw ClientConfigError(fmt::format("invalid parking query spacing {} m: use {} to {} m", grid.spacing_m,
                                        kMinSpacing_m, kMaxDistance_m));
  }
  const double min_radius_m = grid.spacing_m / std::numbers::sqrt2;
  if (!(grid.radius_m >= min_radius_m && grid.radius_m <= kMaxDistance_m)) {
    throw ClientConfigError(fmt::format(
        "invalid parking query radius {} m: with a spacing of {} m use {:.0f} to {} m, so that the circles cover the "
        "box without gaps",
        grid.radius_m, grid.spacing_m, std::ceil(min_radius_m), kMaxDistance_m));
  }
  if (grid.max_records_per_call == 0) {
    throw ClientConfigError("invalid DataMall record cap 0: use a positive number of records");
  }
  if (grid.max_subdivisions < 0 || grid.max_subdivisions > kMaxSubdivisions) {
    throw ClientConfigError(fmt::format("invalid subdivision count {}: use 0 to {}", grid.max_subdivisions,
                                        kMaxSubdivisions));
  }
}

// A point to query, with the spacing of the cell it stands for.
struct QueryCell {
  LatLon centre;
  double spacing_m = 0.0;
  double radius_m = 0.0;
  int depth = 0;  // 0 for a grid point, n for the n-th subdivision
};

// The four points at the centres of the cell's quarters, with half the
// spacing and radius: a radius of at least half the spacing / sqrt(2) still
// covers each quarter, so the four circles cover the cell.
std::vector<QueryCell> subdivide(const QueryCell& cell) {
  const double offset_m = cell.spacing_m / 4.0;
  const double offset_lat = offset_m / kMetresPerDegreeLat;
  const double offset_lon = offset_m / (kMetresPerDegreeLat * std::cos(cell.centre.lat * std::numbers::pi / 180.0));
  std::vector<QueryCell> quarters;
  for (const double dlat : {-offset_lat, offset_lat}) {
    for (const double dlon : {-offset_lon, offset_lon}) {
      quarters.push_back({{cell.centre.lat + dlat, cell.centre.lon + dlon},
                          cell.spacing_m / 2.0,
                          cell.radius_m / 2.0,
                          cell.depth + 1});
    }
  }
  return quarters;
}

// `count` values from `low` to `high` inclusive, evenly spaced.
std::vector<double> spread(double low, double high, std::size_t count) {
  std::vector<double> values;
  for (std::size_t i = 0; i < count; ++i) {
    values.push_back(count == 1 ? low : low + (high - low) * static_cast<double>(i) / static_cast<double>(count - 1));
  }
  return values;
}

}  // namespace

HttpClientSettings default_datamall_http_settings() {
  HttpClientSettings settings;
  settings.service_name = "datamall";
  settings.connect_timeout = std::chrono::seconds(5);
  settings.total_timeout = std::chrono::seconds(30);
  settings.max_attempts = 5;
  settings.requests_per_second = 2.0;
  settings.burst = 2.0;
  return settings;
}

std::vector<LatLon> make_parking_query_points(const ParkingQueryGrid& grid) {
  check_grid(grid);
  const LatLon& low = grid.south_west;
  const LatLon& high = grid.north_east;
  // A degree of longitude is longest at the latitude nearest the equator, so
  // the columns are spaced for that latitude and are never too far apart.
  const double widest_lat = (low.lat <= 0.0 && high.lat >= 0.0) ? 0.0 : std::min(std::abs(low.lat), std::abs(high.lat));
  const double metres_per_degree_lon = kMetresPerDegreeLat * std::cos(widest_lat * std::numbers::pi / 180.0);

  const double height_m = (high.lat - low.lat) * kMetresPerDegreeLat;
  const double width_m = (high.lon - low.lon) * metres_per_degree_lon;
  const auto rows = static_cast<std::size_t>(std::ceil(height_m / grid.spacing_m)) + 1;
  const auto columns = static_cast<std::size_t>(std::ceil(width_m / grid.spacing_m)) + 1;

  std::vector<LatLon> points;
  points.reserve(rows * columns);
  for (const double lat : spread(low.lat, high.lat, rows)) {
    for (const double lon : spread(low.lon, high.lon, columns)) points.push_back({lat, lon});
  }
  return points;
}

DataMallClient::DataMallClient(DataMallSettings settings)
    : settings_(std::move(settings)), http_(settings_.base_url, "PITSTOP_DATAMALL_BASE_URL", settings_.http) {
  if (settings_.account_key.empty()) {
    throw ClientConfigError(
        "LTA DataMall needs an account key: set PITSTOP_DATAMALL_ACCOUNT_KEY or PITSTOP_DATAMALL_ACCOUNT_KEY_FILE");
  }
}

ParkingLoadResult DataMallClient::fetch_parking_near(LatLon point, double radius_m) const {
  HttpRequest request;
  request.path = kBicycleParkingPath;
  request.query = {{"Lat", fmt::format("{:.6f}", point.lat)},
                   {"Long", fmt::format("{:.6f}", point.lon)},
                   {"Dist", fmt::format("{:.3f}", radius_m / 1000.0)}};
  request.headers = {{"AccountKey", settings_.account_key}};
  const HttpResponse response = http_.send(request);

  if (response.status == 401 || response.status == 403) {
    throw ServiceError(fmt::format("datamall: BicycleParkingv2 was rejected with HTTP {}: check "
                                   "PITSTOP_DATAMALL_ACCOUNT_KEY",
                                   response.status),
                       response.status);
  }
  if (response.status < 200 || response.status > 299) {
    throw ServiceError(fmt::format("datamall: BicycleParkingv2 failed with HTTP {}", response.status),
                       response.status);
  }
  try {
    return read_datamall_parking(response.body, "lta-datamall");
  } catch (const DataFileError& error) {
    throw ServiceError(fmt::format("datamall: the BicycleParkingv2 response cannot be read: {}", error.what()));
  }
}

ParkingFetchResult DataMallClient::fetch_all_parking(const ParkingQueryGrid& grid,
                                                     const std::function<bool()>& cancelled) const {
  const std::vector<LatLon> points = make_parking_query_points(grid);
  spdlog::info("datamall: fetching bicycle parking at {} query points, {:.0f} m apart with a {:.0f} m radius",
               points.size(), grid.spacing_m, grid.radius_m);

  ParkingFetchResult result;
  result.query_points = points.size();
  std::vector<QueryCell> pending;
  for (auto it = points.rbegin(); it != points.rend(); ++it) pending.push_back({*it, grid.spacing_m, grid.radius_m, 0});

  std::vector<ParkingLoadResult> loads;
  std::size_t records = 0;
  while (!pending.empty()) {
    if (cancelled && cancelled()) {
      throw ServiceError(fmt::format("datamall: the fetch was cancelled after {} requests", result.requests), 0);
    }
    const QueryCell cell = pending.back();
    pending.pop_back();
    ++result.requests;
    try {
      loads.push_back(fetch_parking_near(cell.centre, cell.radius_m));
    } catch (const ServiceError& error) {
      throw ServiceError(fmt::format("datamall: request {} for the point {} ({:.0f} m radius) failed: {}",
                                     result.requests, format_lat_lon(cell.centre), cell.radius_m, error.what()),
                         error.http_status());
    }
    const std::size_t answered = loads.back().records_read;
    records += answered;

    if (answered >= grid.max_records_per_call) {
      if (cell.depth < grid.max_subdivisions) {
        ++result.subdivided_responses;
        for (const QueryCell& quarter : subdivide(cell)) pending.push_back(quarter);
      } else {
        ++result.capped_responses;
        spdlog::warn("datamall: the point {} returned {} records, the assumed cap of one response, even at a {:.0f} m "
                     "radius, so some spots may be missing there",
                     format_lat_lon(cell.centre), answered, cell.radius_m);
      }
    }
    if (result.requests % kProgressEveryPoints == 0) {
      spdlog::info("datamall: {} requests made, {} to go, {} records so far", result.requests, pending.size(),
                   records);
    }
  }

  result.load = merge_parking_loads(std::move(loads));
  spdlog::info("datamall: {} records from {} requests ({} capped responses subdivided): {} spots kept, {} duplicates "
               "dropped, {} rejected",
               result.load.records_read, result.requests, result.subdivided_responses, result.load.spots.size(),
               result.load.duplicates_dropped, result.load.rejected.size());
  return result;
}

}  // namespace pitstop
