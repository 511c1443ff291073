#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/cycling_profile.hpp"

namespace pitstop {
namespace {

using Tags = std::map<std::string, std::string, std::less<>>;

WayRule evaluate(const Tags& tags) {
  return evaluate_way([&tags](std::string_view key) -> std::string_view {
    const auto found = tags.find(key);
    if (found == tags.end()) return {};
    return found->second;
  });
}

std::string describe(const Tags& tags) {
  std::string text;
  for (const auto& [key, value] : tags) text += key + "=" + value + " ";
  return text;
}

// Speed factor of a plain residential street, the reference for "faster" and "slower".
double residential_factor() { return evaluate({{"highway", "residential"}}).speed_factor; }

TEST(CyclingProfile, AllowedHighwaysRoutable) {
  struct Case {
    std::string highway;
    WayType type;
  };
  const std::vector<Case> cases{
      {"trunk", WayType::Trunk},           {"trunk_link", WayType::Trunk},
      {"primary", WayType::Primary},       {"primary_link", WayType::Primary},
      {"secondary", WayType::Secondary},   {"secondary_link", WayType::Secondary},
      {"tertiary", WayType::Tertiary},     {"tertiary_link", WayType::Tertiary},
      {"unclassified", WayType::Residential}, {"residential", WayType::Residential},
      {"road", WayType::Residential},      {"living_street", WayType::LivingStreet},
      {"service", WayType::Service},       {"track", WayType::Track},
      {"cycleway", WayType::Cycleway},     {"path", WayType::Path},
      {"footway", WayType::Footway},       {"pedestrian", WayType::Pedestrian},
      {"bridleway", WayType::Bridleway},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE("highway=" + c.highway);
    const WayRule rule = evaluate({{"highway", c.highway}});
    EXPECT_TRUE(rule.routable);
    EXPECT_TRUE(rule.forward);
    EXPECT_TRUE(rule.backward);
    EXPECT_EQ(rule.type, c.type);
    EXPECT_GT(rule.speed_factor, 0.0);
  }
}

TEST(CyclingProfile, ExcludedHighwaysNotRoutable) {
  for (const std::string highway : {"motorway", "motorway_link", "steps", "construction", "proposed",
                                    "bus_guideway", "raceway", "platform", "elevator", ""}) {
    SCOPED_TRACE("highway=" + highway);
    EXPECT_FALSE(evaluate({{"highway", highway}}).routable);
  }
}

TEST(CyclingProfile, NoHighwayNotRoutable) {
  EXPECT_FALSE(evaluate({}).routable);
  EXPECT_FALSE(evaluate({{"name", "Orchard Road"}, {"bicycle", "yes"}}).routable);
  EXPECT_FALSE(evaluate({{"railway", "rail"}}).routable);
}

TEST(CyclingProfile, BicycleNoExcluded) {
  EXPECT_FALSE(evaluate({{"highway", "residential"}, {"bicycle", "no"}}).routable);
  EXPECT_FALSE(evaluate({{"highway", "cycleway"}, {"bicycle", "no"}}).routable);
}

TEST(CyclingProfile, BicycleUseSidepathExcluded) {
  EXPECT_FALSE(evaluate({{"highway", "primary"}, {"bicycle", "use_sidepath"}}).routable);
}

TEST(CyclingProfile, AccessRestrictionsExclude) {
  const std::vector<Tags> restrictions{{{"access", "no"}}, {{"access", "private"}}, {{"vehicle", "no"}}};
  for (Tags tags : restrictions) {
    tags["highway"] = "service";
    SCOPED_TRACE(describe(tags));
    EXPECT_FALSE(evaluate(tags).routable);
  }
}

TEST(CyclingProfile, BicycleTagOverridesAccess) {
  const std::vector<Tags> restrictions{{{"access", "no"}}, {{"access", "private"}}, {{"vehicle", "no"}}};
  for (const std::string bicycle : {"yes", "designated", "permissive"}) {
    for (Tags tags : restrictions) {
      tags["highway"] = "service";
      tags["bicycle"] = bicycle;
      SCOPED_TRACE(describe(tags));
      EXPECT_TRUE(evaluate(tags).routable);
    }
  }
}

TEST(CyclingProfile, OtherBicycleValuesKeepAccessBan) {
  EXPECT_FALSE(evaluate({{"highway", "service"}, {"access", "private"}, {"bicycle", "dismount"}}).routable);
  EXPECT_FALSE(evaluate({{"highway", "service"}, {"access", "no"}, {"bicycle", "destination"}}).routable);
}

TEST(CyclingProfile, PublicAccessValuesRoutable) {
  EXPECT_TRUE(evaluate({{"highway", "service"}, {"access", "yes"}}).routable);
  EXPECT_TRUE(evaluate({{"highway", "service"}, {"access", "permissive"}}).routable);
  EXPECT_TRUE(evaluate({{"highway", "service"}, {"vehicle", "yes"}}).routable);
}

TEST(CyclingProfile, OnewayForwardOnly) {
  for (const std::string value : {"yes", "true", "1"}) {
    SCOPED_TRACE("oneway=" + value);
    const WayRule rule = evaluate({{"highway", "residential"}, {"oneway", value}});
    EXPECT_TRUE(rule.routable);
    EXPECT_TRUE(rule.forward);
    EXPECT_FALSE(rule.backward);
  }
}

TEST(CyclingProfile, OnewayReverseBackwardOnly) {
  for (const std::string value : {"-1", "reverse"}) {
    SCOPED_TRACE("oneway=" + value);
    const WayRule rule = evaluate({{"highway", "residential"}, {"oneway", value}});
    EXPECT_TRUE(rule.routable);
    EXPECT_FALSE(rule.forward);
    EXPECT_TRUE(rule.backward);
  }
}

TEST(CyclingProfile, OnewayNoBothWays) {
  for (const std::string value : {"no", "false", "0"}) {
    SCOPED_TRACE("oneway=" + value);
    const WayRule rule = evaluate({{"highway", "residential"}, {"oneway", value}});
    EXPECT_TRUE(rule.forward);
    EXPECT_TRUE(rule.backward);
  }
}

TEST(CyclingProfile, RoundaboutIsOneway) {
  for (const std::string junction : {"roundabout", "circular"}) {
    SCOPED_TRACE("junction=" + junction);
    const WayRule rule = evaluate({{"highway", "tertiary"}, {"junction", junction}});
    EXPECT_TRUE(rule.routable);
    EXPECT_TRUE(rule.forward);
    EXPECT_FALSE(rule.backward);
  }
}

TEST(CyclingProfile, RoundaboutOnewayNoBothWays) {
  const WayRule rule = evaluate({{"highway", "tertiary"}, {"junction", "roundabout"}, {"oneway", "no"}});
  EXPECT_TRUE(rule.forward);
  EXPECT_TRUE(rule.backward);
}

TEST(CyclingProfile, OnewayBicycleNoOverridesOneway) {
  const WayRule rule = evaluate({{"highway", "residential"}, {"oneway", "yes"}, {"oneway:bicycle", "no"}});
  EXPECT_TRUE(rule.forward);
  EXPECT_TRUE(rule.backward);
}

TEST(CyclingProfile, OnewayBicycleNoOverridesRoundabout) {
  const WayRule rule =
      evaluate({{"highway", "tertiary"}, {"junction", "roundabout"}, {"oneway:bicycle", "no"}});
  EXPECT_TRUE(rule.forward);
  EXPECT_TRUE(rule.backward);
}

TEST(CyclingProfile, OnewayBicycleYesOnTwoWayRoad) {
  const WayRule rule = evaluate({{"highway", "residential"}, {"oneway:bicycle", "yes"}});
  EXPECT_TRUE(rule.routable);
  EXPECT_TRUE(rule.forward);
  EXPECT_FALSE(rule.backward);
}

TEST(CyclingProfile, OnewayBicycleReverseOnTwoWayRoad) {
  const WayRule rule = evaluate({{"highway", "residential"}, {"oneway:bicycle", "-1"}});
  EXPECT_FALSE(rule.forward);
  EXPECT_TRUE(rule.backward);
}

TEST(CyclingProfile, OppositeCyclewayAllowsContraflow) {
  const std::vector<std::pair<std::string, std::string>> contraflow_tags{
      {"cycleway", "opposite"},
      {"cycleway", "opposite_lane"},
      {"cycleway", "opposite_track"},
      {"cycleway:left", "opposite_track"},
      {"cycleway:right", "opposite_lane"},
      {"cycleway:both", "opposite"},
  };
  for (const auto& [key, value] : contraflow_tags) {
    SCOPED_TRACE(key + "=" + value);
    const WayRule rule = evaluate({{"highway", "residential"}, {"oneway", "yes"}, {key, value}});
    EXPECT_TRUE(rule.routable);
    EXPECT_TRUE(rule.forward);
    EXPECT_TRUE(rule.backward);
  }
}

TEST(CyclingProfile, PlainCyclewayKeepsOneway) {
  const WayRule rule = evaluate({{"highway", "residential"}, {"oneway", "yes"}, {"cycleway", "lane"}});
  EXPECT_TRUE(rule.forward);
  EXPECT_FALSE(rule.backward);
}

TEST(CyclingProfile, CyclewayFasterThanResidential) {
  EXPECT_GT(evaluate({{"highway", "cycleway"}}).speed_factor, residential_factor());
}

TEST(CyclingProfile, FootwaySlowerThanResidential) {
  EXPECT_LT(evaluate({{"highway", "footway"}}).speed_factor, residential_factor());
}

TEST(CyclingProfile, PedestrianSlowerThanResidential) {
  EXPECT_LT(evaluate({{"highway", "pedestrian"}}).speed_factor, residential_factor());
}

TEST(CyclingProfile, SpeedFactorsMatchTable) {
  const std::vector<std::pair<std::string, double>> factors{
      {"cycleway", 1.15},  {"trunk", 1.0},        {"primary", 1.0},  {"secondary", 1.0},
      {"tertiary", 1.0},   {"residential", 0.95}, {"service", 0.85}, {"path", 0.9},
      {"living_street", 0.7}, {"track", 0.7},     {"bridleway", 0.6}, {"footway", 0.65},
      {"pedestrian", 0.5},
  };
  for (const auto& [highway, factor] : factors) {
    SCOPED_TRACE("highway=" + highway);
    EXPECT_DOUBLE_EQ(evaluate({{"highway", highway}}).speed_factor, factor);
  }
}

TEST(CyclingProfile, ParkConnectorByName) {
  for (const std::string name : {"Ulu Pandan Park Connector", "KALLANG PARK CONNECTOR",
                                 "park connector loop", "Eastern Coastal Park CoNNector"}) {
    SCOPED_TRACE("name=" + name);
    const WayRule rule = evaluate({{"highway", "footway"}, {"name", name}});
    EXPECT_TRUE(rule.routable);
    EXPECT_EQ(rule.type, WayType::ParkConnector);
    EXPECT_DOUBLE_EQ(rule.speed_factor, 1.15);
  }
}

TEST(CyclingProfile, ParkConnectorByPcnTag) {
  const WayRule rule = evaluate({{"highway", "footway"}, {"pcn", "yes"}});
  EXPECT_EQ(rule.type, WayType::ParkConnector);
  EXPECT_DOUBLE_EQ(rule.speed_factor, 1.15);
}

TEST(CyclingProfile, OtherNamesNotParkConnector) {
  const WayRule rule = evaluate({{"highway", "footway"}, {"name", "Connector Road Park"}});
  EXPECT_EQ(rule.type, WayType::Footway);
  EXPECT_DOUBLE_EQ(rule.speed_factor, 0.65);
}

TEST(CyclingProfile, UnpavedSurfaceSlower) {
  const double paved = evaluate({{"highway", "track"}, {"surface", "asphalt"}}).speed_factor;
  for (const std::string surface : {"gravel", "dirt", "ground", "grass", "sand", "mud", "unpaved"}) {
    SCOPED_TRACE("surface=" + surface);
    const double unpaved = evaluate({{"highway", "track"}, {"surface", surface}}).speed_factor;
    EXPECT_LT(unpaved, paved);
    EXPECT_DOUBLE_EQ(unpaved, 0.7 * 0.6);
  }
}

TEST(CyclingProfile, SurfaceFactorsMatchTable) {
  const std::vector<std::pair<std::string, double>> factors{
      {"asphalt", 1.0},       {"concrete", 1.0}, {"paving_stones", 0.8}, {"sett", 0.8},
      {"cobblestone", 0.8},   {"compacted", 0.85}, {"fine_gravel", 0.85}, {"gravel", 0.6},
  };
  for (const auto& [surface, factor] : factors) {
    SCOPED_TRACE("surface=" + surface);
    EXPECT_DOUBLE_EQ(evaluate({{"highway", "cycleway"}, {"surface", surface}}).speed_factor, 1.15 * factor);
  }
}

TEST(CyclingProfile, DismountCapsSpeed) {
  const WayRule rule = evaluate({{"highway", "cycleway"}, {"bicycle", "dismount"}});
  EXPECT_TRUE(rule.routable);
  EXPECT_DOUBLE_EQ(rule.speed_factor, 0.33);
}

TEST(CyclingProfile, DismountKeepsSlowerFactor) {
  // Pedestrian street on gravel: 0.5 * 0.6 = 0.3 is already below the cap.
  const WayRule rule = evaluate({{"highway", "pedestrian"}, {"surface", "gravel"}, {"bicycle", "dismount"}});
  EXPECT_DOUBLE_EQ(rule.speed_factor, 0.5 * 0.6);
}

}  // namespace
}  // namespace pitstop
