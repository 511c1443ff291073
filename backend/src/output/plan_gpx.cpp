#include "output/plan_gpx.hpp"

#include <fmt/format.h>

#include "output/rack_type_words.hpp"
#include "planner/ride_minutes.hpp"

namespace pitstop {
namespace {

std::string escape_xml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 forbids most control characters even when escaped.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out.push_back(c);
    }
  }
  return out;
}

std::string waypoint(const Ride& ride, std::size_t index, bool last) {
  const PlanPlace& place = ride.to;
  std::string description;
  if (place.spot) {
    description = fmt::format("{}, {} {}, {}; ride {} takes {} min", rack_type_words(place.spot->rack_type),
                              place.spot->rack_count, place.spot->rack_count == 1 ? "rack" : "racks",
                              place.spot->sheltered ? "sheltered" : "not sheltered", index + 1,
                              ride_minutes_text(ride.duration_s));
  }
  return fmt::format(
      "  <wpt lat=\"{:.6f}\" lon=\"{:.6f}\">\n    <name>{}</name>\n    <desc>{}</desc>\n"
      "    <type>{}</type>\n  </wpt>\n",
      place.location.lat, place.location.lon, escape_xml(place.name), escape_xml(description),
      last ? "last parking spot" : "pit stop");
}

std::string track(const Ride& ride, std::size_t index) {
  std::string out = fmt::format("  <trk>\n    <name>Ride {}: {} to {}</name>\n    <trkseg>\n", index + 1,
                                escape_xml(ride.from.name), escape_xml(ride.to.name));
  for (const LatLon& point : ride.route.geometry) {
    out += fmt::format("      <trkpt lat=\"{:.6f}\" lon=\"{:.6f}\"/>\n", point.lat, point.lon);
  }
  out += "    </trkseg>\n  </trk>\n";
  return out;
}

}  // namespace

std::string plan_to_gpx(const Plan& plan) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gpx version=\"1.1\" creator=\"PitStop\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n";
  out += fmt::format("  <metadata>\n    <name>{} to {}</name>\n    <desc>{} ride{}, ride limit {:.0f} min, "
                     "margin {:.0f} min{}</desc>\n  </metadata>\n",
                     escape_xml(plan.start.name), escape_xml(plan.destination.name), plan.rides.size(),
                     plan.rides.size() == 1 ? "" : "s",
                     plan.ride_limit_s / 60.0, plan.margin_s / 60.0, plan.feasible ? "" : ", not feasible");
  for (std::size_t i = 0; i < plan.rides.size(); ++i) {
    if (plan.rides[i].to.spot) out += waypoint(plan.rides[i], i, i + 1 == plan.rides.size());
  }
  for (std::size_t i = 0; i < plan.rides.size(); ++i) out += track(plan.rides[i], i);
  out += "</gpx>\n";
  return out;
}

}  // namespace pitstop
