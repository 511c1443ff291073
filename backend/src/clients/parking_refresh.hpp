#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "clients/datamall_client.hpp"
#include "parking/parking_spot.hpp"

namespace pitstop {

// Returns the spots as a JSON array of DataMall BicycleParkingv2 records
// (Description, Latitude, Longitude, RackType, RackCount, ShelterIndicator),
// which read_datamall_parking_file reads back to the same spots and ids.
std::string parking_spots_to_datamall_json(const std::vector<ParkingSpot>& spots);

// Replaces the file's contents atomically: writes PATH.tmp in the same
// folder, flushes it to disk with fsync, renames it over PATH and syncs the
// folder. On failure it removes PATH.tmp and throws std::runtime_error naming
// the path and the system error, and PATH keeps its old contents.
void write_file_atomically(const std::string& path, std::string_view contents);

// A refresh whose result was too small to replace the old file.
class ParkingRefreshRejected : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ParkingRefreshOptions {
  std::string output_path;
  // The fetch must return at least this share of the old file's spots
  // (0 to 1), so that a partial result never replaces a complete file.
  double min_fraction_of_previous = 0.5;
};

struct ParkingRefreshResult {
  std::size_t spots_written = 0;
  std::optional<std::size_t> previous_spots;  // nothing when there was no readable old file
  ParkingFetchResult fetch;
};

// Calls `fetch` and writes its spots to options.output_path with
// write_file_atomically, keeping the old file as refresh_parking_file
// describes. Checks the options before fetching. `fetch` throws on failure.
ParkingRefreshResult replace_parking_file(const std::function<ParkingLoadResult()>& fetch,
                                          const ParkingRefreshOptions& options);

// Fetches every spot of the grid from DataMall and writes them to
// options.output_path with write_file_atomically. The old file is kept when
// the fetch fails (ServiceError), returns no spot or fewer than
// min_fraction_of_previous of the old file's spots (ParkingRefreshRejected),
// or the write fails (std::runtime_error). An old file that cannot be read as
// DataMall JSON is logged and replaced. Throws ClientConfigError, before any
// request, for a fraction outside 0..1 or an output folder that does not exist.
ParkingRefreshResult refresh_parking_file(const DataMallClient& client, const ParkingQueryGrid& grid,
                                          const ParkingRefreshOptions& options);

}  // namespace pitstop
