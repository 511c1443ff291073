#pragma once

#include <string>
#include <string_view>

#include "parking/parking_load.hpp"
#include "parking/parking_spot.hpp"

namespace pitstop {

// Reads LTA DataMall BicycleParkingv2 records, either the service's envelope
// {"odata.metadata": ..., "value": [records]} or a bare array of records.
// Records that parse_datamall_record rejects are skipped, listed in `rejected`
// with their 0-based index and logged as warnings (the first 20 one by one,
// then one line with the count of the rest). Exact duplicates are dropped and
// ids assigned as drop_duplicates_and_assign_ids describes. `source` becomes
// each spot's source and takes part in its id. Throws DataFileError when the
// text is not JSON, contains a number beyond the range of double, or its
// top-level value is neither an array nor an object with a "value" array.
ParkingLoadResult read_datamall_parking(std::string_view json_text,
                                        std::string_view source = "lta-datamall");

// Reads a DataMall BicycleParkingv2 JSON file as read_datamall_parking does,
// with source "lta-datamall", and logs one summary line. Throws DataFileError
// naming the path when the file is missing, cannot be read or has the wrong
// shape.
ParkingLoadResult read_datamall_parking_file(const std::string& path);

}  // namespace pitstop
