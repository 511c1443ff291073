#pragma once

#include <string>
#include <string_view>

namespace pitstop {

// Words for a rider, shared by the text and GPX output so that both read as
// the web app does.

// Turns a DataMall rack type into words: "HDB_RACKS" becomes "HDB racks",
// "NPARKS_RACKS" becomes "NParks racks", and other values get spaces for
// underscores ("Yellow_Box" becomes "Yellow Box"). Empty becomes "Unknown rack type".
std::string rack_type_words(std::string_view rack_type);

// Formats a ride's duration as minutes with one decimal, rounded up, so that
// a ride never reads shorter than it is: 761 s becomes "12.7".
std::string ride_minutes_text(double duration_s);

}  // namespace pitstop
