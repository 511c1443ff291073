#include "clients/parking_refresh.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "clients/service_error.hpp"
#include "geo/errors.hpp"
#include "parking/datamall_reader.hpp"

namespace pitstop {
namespace {

std::runtime_error system_error(std::string_view action, const std::string& path) {
  return std::runtime_error(fmt::format("failed to {} {}: {}", action, path, std::strerror(errno)));
}

// Closes the descriptor when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int descriptor) : descriptor_(descriptor) {}
  ~FileDescriptor() {
    if (descriptor_ >= 0) ::close(descriptor_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;

  int get() const { return descriptor_; }
  // Closes now, so that a failing close is reported.
  int close() {
    const int result = ::close(descriptor_);
    descriptor_ = -1;
    return result;
  }

 private:
  int descriptor_;
};

void write_all(int descriptor, std::string_view contents, const std::string& path) {
  while (!contents.empty()) {
    const ssize_t written = ::write(descriptor, contents.data(), contents.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      throw system_error("write", path);
    }
    contents.remove_prefix(static_cast<std::size_t>(written));
  }
}

void write_and_sync(const std::string& path, std::string_view contents) {
  FileDescriptor file(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (file.get() < 0) throw system_error("create", path);
  write_all(file.get(), contents, path);
  if (::fsync(file.get()) != 0) throw system_error("sync", path);
  if (file.close() != 0) throw system_error("close", path);
}

void sync_folder(const std::filesystem::path& folder) {
  FileDescriptor directory(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (directory.get() < 0) throw system_error("open the folder", folder.string());
  if (::fsync(directory.get()) != 0) throw system_error("sync the folder", folder.string());
}

std::filesystem::path folder_of(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::filesystem::path(".") : parent;
}

// The number of spots in the old file, or nothing when there is no readable one.
std::optional<std::size_t> count_previous_spots(const std::string& path) {
  if (!std::filesystem::exists(path)) return std::nullopt;
  try {
    return read_datamall_parking_file(path).spots.size();
  } catch (const DataFileError& error) {
    spdlog::warn("refresh: the old parking file cannot be read, so any complete fetch replaces it: {}", error.what());
    return std::nullopt;
  }
}

void check_options(const ParkingRefreshOptions& options) {
  if (!(options.min_fraction_of_previous >= 0.0 && options.min_fraction_of_previous <= 1.0)) {
    throw ClientConfigError(fmt::format("invalid minimum fraction {}: use a share from 0 to 1",
                                        options.min_fraction_of_previous));
  }
  if (options.output_path.empty()) throw ClientConfigError("no output file given: set --output FILE");
  const std::filesystem::path folder = folder_of(options.output_path);
  if (!std::filesystem::is_directory(folder)) {
    throw ClientConfigError(fmt::format("the folder {} of the output file does not exist: create it first",
                                        folder.string()));
  }
}

}  // namespace

std::string parking_spots_to_datamall_json(const std::vector<ParkingSpot>& spots) {
  nlohmann::ordered_json records = nlohmann::ordered_json::array();
  for (const ParkingSpot& spot : spots) {
    records.push_back({{"Description", spot.description},
                       {"Latitude", spot.location.lat},
                       {"Longitude", spot.location.lon},
                       {"RackType", spot.rack_type},
                       {"RackCount", spot.rack_count},
                       {"ShelterIndicator", spot.sheltered ? "Y" : "N"}});
  }
  return records.dump(2) + "\n";
}

void write_file_atomically(const std::string& path, std::string_view contents) {
  const std::string temporary = path + ".tmp";
  try {
    write_and_sync(temporary, contents);
    if (std::rename(temporary.c_str(), path.c_str()) != 0) throw system_error("rename " + temporary + " to", path);
  } catch (...) {
    ::unlink(temporary.c_str());
    throw;
  }
  sync_folder(folder_of(path));
}

ParkingRefreshResult refresh_parking_file(const DataMallClient& client, const ParkingQueryGrid& grid,
                                          const ParkingRefreshOptions& options) {
  check_options(options);
  make_parking_query_points(grid);  // rejects a bad grid before the old file is read

  ParkingFetchResult fetch;
  ParkingRefreshResult result = replace_parking_file(
      [&] {
        fetch = client.fetch_all_parking(grid);
        return fetch.load;
      },
      options);
  result.fetch = std::move(fetch);
  return result;
}

ParkingRefreshResult replace_parking_file(const std::function<ParkingLoadResult()>& fetch,
                                          const ParkingRefreshOptions& options) {
  check_options(options);

  ParkingRefreshResult result;
  result.previous_spots = count_previous_spots(options.output_path);
  result.fetch.load = fetch();
  const std::size_t fetched = result.fetch.load.spots.size();

  if (fetched == 0) {
    throw ParkingRefreshRejected(
        fmt::format("the sources returned no parking spot, so {} was not replaced", options.output_path));
  }
  if (result.previous_spots) {
    const double minimum = options.min_fraction_of_previous * static_cast<double>(*result.previous_spots);
    if (static_cast<double>(fetched) < minimum) {
      throw ParkingRefreshRejected(fmt::format(
          "the sources returned {} spots, fewer than {:.0f}% of the {} in {}, so the old file was kept (lower "
          "--min-fraction to accept a smaller result)",
          fetched, options.min_fraction_of_previous * 100.0, *result.previous_spots, options.output_path));
    }
  }

  write_file_atomically(options.output_path, parking_spots_to_datamall_json(result.fetch.load.spots));
  result.spots_written = fetched;
  spdlog::info("refresh: wrote {} parking spots to {}{}", fetched, options.output_path,
               result.previous_spots ? fmt::format(" (the old file had {})", *result.previous_spots) : "");
  return result;
}

}  // namespace pitstop
