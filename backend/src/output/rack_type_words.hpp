#pragma once

#include <string>
#include <string_view>

namespace pitstop {

// Turns a DataMall rack type into words for riders, as the web app does: "HDB_RACKS" becomes "HDB racks",
// "NPARKS_RACKS" becomes "NParks racks", and other values get spaces for
// underscores ("Yellow_Box" becomes "Yellow Box"). Empty becomes "Unknown rack type".
std::string rack_type_words(std::string_view rack_type);

}  // namespace pitstop
