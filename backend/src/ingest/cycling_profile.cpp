#include "ingest/cycling_profile.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <utility>

namespace pitstop {
namespace {

struct HighwayRule {
  std::string_view highway;
  WayType type;
  double speed_factor;
};

constexpr std::array kHighwayRules{
    HighwayRule{"trunk", WayType::Trunk, 1.0},
    HighwayRule{"trunk_link", WayType::Trunk, 1.0},
    HighwayRule{"primary", WayType::Primary, 1.0},
    HighwayRule{"primary_link", WayType::Primary, 1.0},
    HighwayRule{"secondary", WayType::Secondary, 1.0},
    HighwayRule{"secondary_link", WayType::Secondary, 1.0},
    HighwayRule{"tertiary", WayType::Tertiary, 1.0},
    HighwayRule{"tertiary_link", WayType::Tertiary, 1.0},
    HighwayRule{"unclassified", WayType::Residential, 0.95},
    HighwayRule{"residential", WayType::Residential, 0.95},
    HighwayRule{"road", WayType::Residential, 0.95},
    HighwayRule{"living_street", WayType::LivingStreet, 0.7},
    HighwayRule{"service", WayType::Service, 0.85},
    HighwayRule{"track", WayType::Track, 0.7},
    HighwayRule{"cycleway", WayType::Cycleway, 1.15},
    HighwayRule{"path", WayType::Path, 0.9},
    HighwayRule{"footway", WayType::Footway, 0.65},
    HighwayRule{"pedestrian", WayType::Pedestrian, 0.5},
    HighwayRule{"bridleway", WayType::Bridleway, 0.6},
};

constexpr double kParkConnectorFactor = 1.15;
constexpr double kDismountFactor = 0.33;

const HighwayRule* find_highway_rule(std::string_view highway) {
  for (const auto& rule : kHighwayRules) {
    if (rule.highway == highway) return &rule;
  }
  return nullptr;
}

bool is_one_of(std::string_view value, std::initializer_list<std::string_view> options) {
  return std::find(options.begin(), options.end(), value) != options.end();
}

bool contains_case_insensitive(std::string_view text, std::string_view needle) {
  auto it = std::search(text.begin(), text.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
  return it != text.end();
}

double surface_factor(std::string_view surface) {
  if (surface.empty() || is_one_of(surface, {"asphalt", "concrete", "paved", "concrete:plates",
                                             "concrete:lanes", "metal", "wood", "rubber",
                                             "tartan", "chipseal"})) {
    return 1.0;
  }
  if (is_one_of(surface, {"paving_stones", "sett", "cobblestone", "unhewn_cobblestone", "bricks"})) {
    return 0.8;
  }
  if (is_one_of(surface, {"compacted", "fine_gravel"})) return 0.85;
  return 0.6;
}

bool bicycle_overrides_access(std::string_view bicycle) {
  return is_one_of(bicycle, {"yes", "designated", "permissive"});
}

bool is_allowed(const TagLookup& tag) {
  const auto bicycle = tag("bicycle");
  if (is_one_of(bicycle, {"no", "use_sidepath"})) return false;
  if (bicycle_overrides_access(bicycle)) return true;
  return !is_one_of(tag("access"), {"no", "private"}) && tag("vehicle") != "no";
}

// Direction of a oneway tag value: +1 along the way, -1 against it, 0 both.
std::optional<int> oneway_direction(std::string_view value) {
  if (is_one_of(value, {"yes", "true", "1"})) return 1;
  if (is_one_of(value, {"-1", "reverse"})) return -1;
  if (is_one_of(value, {"no", "false", "0"})) return 0;
  return std::nullopt;
}

bool allows_contraflow_cycling(const TagLookup& tag) {
  for (const auto key : {"cycleway", "cycleway:left", "cycleway:right", "cycleway:both"}) {
    if (tag(key).starts_with("opposite")) return true;
  }
  return false;
}

// +1 when bicycles may only ride along the way, -1 only against it, 0 both ways.
int bicycle_direction(const TagLookup& tag) {
  if (auto bicycle_oneway = oneway_direction(tag("oneway:bicycle"))) return *bicycle_oneway;

  int direction = 0;
  if (is_one_of(tag("junction"), {"roundabout", "circular"})) direction = 1;
  if (auto oneway = oneway_direction(tag("oneway"))) direction = *oneway;

  if (direction != 0 && allows_contraflow_cycling(tag)) return 0;
  return direction;
}

}  // namespace

std::string_view to_string(WayType type) {
  switch (type) {
    case WayType::Trunk: return "trunk road";
    case WayType::Primary: return "primary road";
    case WayType::Secondary: return "secondary road";
    case WayType::Tertiary: return "tertiary road";
    case WayType::Residential: return "street";
    case WayType::LivingStreet: return "living street";
    case WayType::Service: return "service road";
    case WayType::Track: return "track";
    case WayType::Cycleway: return "cycleway";
    case WayType::ParkConnector: return "park connector";
    case WayType::Path: return "path";
    case WayType::Footway: return "footpath";
    case WayType::Pedestrian: return "pedestrian street";
    case WayType::Bridleway: return "bridleway";
  }
  return "way";
}

WayRule evaluate_way(const TagLookup& tag) {
  WayRule rule;
  const HighwayRule* highway = find_highway_rule(tag("highway"));
  if (highway == nullptr || !is_allowed(tag)) return rule;

  rule.routable = true;
  rule.type = highway->type;
  rule.speed_factor = highway->speed_factor;
  if (contains_case_insensitive(tag("name"), "park connector") || tag("pcn") == "yes") {
    rule.type = WayType::ParkConnector;
    rule.speed_factor = kParkConnectorFactor;
  }
  rule.speed_factor *= surface_factor(tag("surface"));
  if (tag("bicycle") == "dismount") rule.speed_factor = std::min(rule.speed_factor, kDismountFactor);

  const int direction = bicycle_direction(tag);
  rule.forward = direction >= 0;
  rule.backward = direction <= 0;
  return rule;
}

}  // namespace pitstop
