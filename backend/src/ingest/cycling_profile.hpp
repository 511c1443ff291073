#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

namespace pitstop {

// Kind of way, as far as riding speed, turn instructions and output care.
enum class WayType {
  Trunk,
  Primary,
  Secondary,
  Tertiary,
  Residential,  // also unclassified and road
  LivingStreet,
  Service,
  Track,
  Cycleway,
  ParkConnector,  // a named Park Connector Network path
  Path,
  Footway,
  Pedestrian,
  Bridleway,
};

std::string_view to_string(WayType type);

// Returns the value of an OSM tag, or an empty view when the way lacks it.
using TagLookup = std::function<std::string_view(std::string_view key)>;

// What the profile decides for one OSM way.
struct WayRule {
  bool routable = false;
  bool forward = false;   // rideable in the direction of the way's nodes
  bool backward = false;  // rideable against it
  WayType type = WayType::Residential;
  // Speed as a multiple of the profile's base speed: way type times surface.
  double speed_factor = 1.0;
};

// Singapore's cycling rules in one place.
//
// Allowed: trunk roads and everything below them, service roads, tracks,
// cycleways, paths, Park Connectors, pedestrian streets and footways (cycling on
// footpaths is legal in Singapore). Not allowed: expressways (motorway,
// motorway_link), steps, anything else not listed, and ways tagged bicycle=no or
// bicycle=use_sidepath. access=no/private and vehicle=no exclude a way unless
// bicycle=yes/designated/permissive overrides.
//
// Direction: oneway=yes/true/1/-1/reverse and junction=roundabout/circular apply
// to bicycles unless oneway:bicycle=no or cycleway[:left|:right|:both]=opposite*
// allows riding against them; oneway:bicycle=yes/-1 applies to bicycles alone.
//
// Speed factors (times the base speed, 15 km/h by default): cycleway 1.15, Park
// Connector 1.15, trunk to tertiary 1.0, residential 0.95, service 0.85, path
// 0.9, living street 0.7, track 0.7, bridleway 0.6, footway 0.65 (shared with
// pedestrians), pedestrian street 0.5. Surface factors: paved 1.0, paving
// stones/sett/cobblestone 0.8, compacted/fine gravel 0.85, other unpaved
// (gravel, dirt, ground, grass, sand, mud, …) 0.6. bicycle=dismount means
// walking the bike, so its factor is capped at 0.33 (about 5 km/h).
WayRule evaluate_way(const TagLookup& tag);

// Profile constants shared by ingest and the planner.
struct CyclingProfile {
  // Riding speed on a plain paved road, km/h. Graph durations use this speed;
  // a plan for another speed scales them.
  static constexpr double kBaseSpeed_kmh = 15.0;
  // Pace of walking, with or without the bike, m/s (4.3 km/h).
  static constexpr double kWalkingSpeed_mps = 1.2;
  // Version of the rules and speeds above and in evaluate_way. Raise it with
  // every change to them, so that caches built from the old graph, such as
  // the contraction hierarchy's file, are rebuilt.
  static constexpr std::uint32_t kVersion = 1;
};

}  // namespace pitstop
