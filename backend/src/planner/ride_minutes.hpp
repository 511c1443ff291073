#pragma once

#include <string>

namespace pitstop {

// Formats a ride's duration as minutes with one decimal, rounded up, so that
// a ride never reads shorter than it is: 761 s becomes "12.7". Plan warnings,
// the text and GPX output and the web app all round this way.
std::string ride_minutes_text(double duration_s);

}  // namespace pitstop
