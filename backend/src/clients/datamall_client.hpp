#pragma once

#include <functional>

#include <cstddef>
#include <string>
#include <vector>

#include "clients/http_client.hpp"
#include "geo/lat_lon.hpp"
#include "parking/parking_spot.hpp"

namespace pitstop {

// HTTP settings for LTA DataMall: service name "datamall", 5 s to connect,
// 30 s per attempt, 5 attempts and 2 requests a second (burst 2). Only the
// batch refresh calls DataMall, so waiting longer is acceptable.
HttpClientSettings default_datamall_http_settings();

struct DataMallSettings {
  std::string base_url = "https://datamall2.mytransport.sg";
  std::string account_key;  // sent in the AccountKey header, never logged
  HttpClientSettings http = default_datamall_http_settings();
};

// Query points for BicycleParkingv2, which returns the spots within a radius
// of one point. The points form a square grid over the box with at most
// spacing_m between neighbours. Every point of the box then lies within
// spacing_m / sqrt(2) of a grid point, so a radius of at least that covers the
// box without gaps. The defaults cover Singapore: 1.22..1.47 N, 103.60..104.05 E,
// 1.5 km apart with a 1.2 km radius (700 points).
struct ParkingQueryGrid {
  LatLon south_west{1.22, 103.60};
  LatLon north_east{1.47, 104.05};
  double spacing_m = 1500.0;
  double radius_m = 1200.0;
  // NOTE: DataMall is assumed to return at most 500 records in one response
  // (its usual page size); this is not confirmed for BicycleParkingv2. A
  // response that reaches the cap may be cut short, so its grid cell is
  // queried again as four points at half the spacing and radius, up to
  // max_subdivisions times. Dense HDB estates reach 500 records within 1.2 km.
  std::size_t max_records_per_call = 500;
  int max_subdivisions = 3;
};

// Returns the grid's query points, south to north and west to east. Throws
// ClientConfigError for an empty or inverted box, a spacing outside
// 100 m..50 km, a radius below spacing_m / sqrt(2) (gaps) or above 50 km, a
// record cap of 0 or a subdivision count outside 0..6.
std::vector<LatLon> make_parking_query_points(const ParkingQueryGrid& grid);

// Result of a grid fetch.
struct ParkingFetchResult {
  ParkingLoadResult load;             // merged over all points, duplicates dropped
  std::size_t query_points = 0;       // points of the grid itself
  std::size_t requests = 0;           // grid points and subdivision points
  std::size_t subdivided_responses = 0;  // capped responses whose cell was queried again at finer spacing
  std::size_t capped_responses = 0;      // capped responses after the last subdivision: spots may be missing
};

// Client of LTA DataMall's BicycleParkingv2 service. Safe to call from
// several threads at once.
class DataMallClient {
 public:
  // Throws ClientConfigError for an invalid base URL or settings, or an empty
  // account key.
  explicit DataMallClient(DataMallSettings settings);

  // GET /ltaodataservice/BicycleParkingv2 for the spots within radius_m of
  // the point, read with read_datamall_parking (source "lta-datamall", so ids
  // match those of a saved file). Throws ServiceError when DataMall cannot be
  // reached, returns an error status or sends a body of the wrong shape.
  ParkingLoadResult fetch_parking_near(LatLon point, double radius_m) const;

  // Fetches every query point of the grid in turn, subdividing the cells of
  // capped responses as ParkingQueryGrid describes, and merges the spots with
  // merge_parking_loads, which drops the spots that overlapping circles
  // return twice. Throws ServiceError naming the point at the first failure,
  // so a partial result is never returned. `cancelled`, when set, is checked
  // before each request; once it returns true the fetch throws ServiceError.
  ParkingFetchResult fetch_all_parking(const ParkingQueryGrid& grid,
                                       const std::function<bool()>& cancelled = {}) const;

 private:
  DataMallSettings settings_;
  HttpClient http_;
};

}  // namespace pitstop
