#include "search/place_index.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "geo/errors.hpp"
#include "search/search_query.hpp"

namespace pitstop {
namespace {

// About 111 m per 0.001 degree of latitude.
constexpr LatLon kBishan{1.3510, 103.8485};

Place make_place(std::string name, PlaceKind kind, LatLon location = kBishan) {
  return {std::move(name), kind, "test", location, ""};
}

LatLon north_of(LatLon origin, double degrees) { return {origin.lat + degrees, origin.lon}; }

std::vector<std::string> names_of(const std::vector<SearchResult>& results) {
  std::vector<std::string> names;
  for (const auto& result : results) names.push_back(result.place.name);
  return names;
}

PlaceIndex build_index(const std::vector<Place>& places) {
  PlaceIndex index;
  for (const auto& place : places) index.add(place);
  index.build();
  return index;
}

TEST(PlaceIndexSearch, MatchesPrefixesInAnyOrder) {
  const auto index = build_index({make_place("Bishan Street 22", PlaceKind::Street),
                                  make_place("Toa Payoh Lorong 1", PlaceKind::Street)});

  const auto results = index.search("str bish", 10);

  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].place.name, "Bishan Street 22");
  EXPECT_EQ(results[0].score, static_cast<double>(MatchTier::Prefix));
}

TEST(PlaceIndexSearch, RequiresEveryQueryWord) {
  const auto index = build_index({make_place("Bishan Street 22", PlaceKind::Street),
                                  make_place("Bishan Road", PlaceKind::Street)});

  EXPECT_EQ(names_of(index.search("bishan road", 10)), std::vector<std::string>{"Bishan Road"});
}

TEST(PlaceIndexSearch, IgnoresCase) {
  const auto index = build_index({make_place("Bishan Road", PlaceKind::Street)});

  EXPECT_EQ(index.search("BISHAN rOaD", 10).size(), 1u);
  EXPECT_EQ(index.search("bIs", 10).size(), 1u);
}

TEST(PlaceIndexSearch, TreatsPunctuationAsSeparator) {
  const auto index = build_index({make_place("One-North MRT Station", PlaceKind::Station)});

  EXPECT_EQ(index.search("one north", 10).size(), 1u);
  EXPECT_EQ(index.search("one-nor", 10).size(), 1u);
  EXPECT_EQ(index.search("(north)", 10).size(), 1u);
}

TEST(PlaceIndexSearch, KeepsUtf8BytesInsideWords) {
  const auto index = build_index({make_place("Café Nero", PlaceKind::Amenity)});

  EXPECT_EQ(index.search("café", 10).size(), 1u);
  EXPECT_EQ(index.search("caf", 10).size(), 1u);
  EXPECT_EQ(index.search("cafe", 10).size(), 0u);
}

TEST(PlaceIndexSearch, RanksExactNameFirst) {
  const auto index = build_index({make_place("Bishan MRT Station", PlaceKind::Station),
                                  make_place("Bishan Road", PlaceKind::Street),
                                  make_place("Bishan", PlaceKind::Place, north_of(kBishan, 0.01))});

  const auto results = index.search("bishan", 10);

  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].place.name, "Bishan");
  EXPECT_EQ(results[0].score, static_cast<double>(MatchTier::ExactName));
  EXPECT_EQ(results[1].place.name, "Bishan MRT Station");
  EXPECT_EQ(results[2].place.name, "Bishan Road");
}

TEST(PlaceIndexSearch, RanksWholeWordBeforePrefix) {
  const auto index = build_index({make_place("Angsana MRT Station", PlaceKind::Station),
                                  make_place("Ang Mo Kio Library", PlaceKind::Amenity)});

  const auto results = index.search("ang", 10);

  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].place.name, "Ang Mo Kio Library");
  EXPECT_EQ(results[0].score, static_cast<double>(MatchTier::WholeWords));
  EXPECT_EQ(results[1].place.name, "Angsana MRT Station");
  EXPECT_EQ(results[1].score, static_cast<double>(MatchTier::Prefix));
}

TEST(PlaceIndexSearch, BreaksTiesByKindBeforeLength) {
  const auto index = build_index({make_place("Newton", PlaceKind::ParkingSpot),
                                  make_place("Newton Road", PlaceKind::Amenity),
                                  make_place("Newton Road", PlaceKind::Street),
                                  make_place("Newton MRT Station", PlaceKind::Station),
                                  make_place("Newton Circus", PlaceKind::Place)});

  const auto results = index.search("newt", 10);

  ASSERT_EQ(results.size(), 5u);
  EXPECT_EQ(results[0].place.kind, PlaceKind::Station);
  EXPECT_EQ(results[1].place.kind, PlaceKind::Street);
  EXPECT_EQ(results[2].place.kind, PlaceKind::Place);
  EXPECT_EQ(results[3].place.kind, PlaceKind::Amenity);
  EXPECT_EQ(results[4].place.kind, PlaceKind::ParkingSpot);
}

TEST(PlaceIndexSearch, BreaksTiesByLengthThenName) {
  const auto index = build_index({make_place("Bukit Timah Road", PlaceKind::Street),
                                  make_place("Bukit Batok Road", PlaceKind::Street),
                                  make_place("Bukit Gombak Road", PlaceKind::Street),
                                  make_place("Bukit Road", PlaceKind::Street)});

  EXPECT_EQ(names_of(index.search("bukit", 10)),
            (std::vector<std::string>{"Bukit Road", "Bukit Batok Road", "Bukit Timah Road",
                                      "Bukit Gombak Road"}));
}

TEST(PlaceIndexSearch, OrderDoesNotDependOnAddOrder) {
  const std::vector<Place> places = {make_place("Bishan Road", PlaceKind::Street),
                                     make_place("Bishan Park", PlaceKind::Place),
                                     make_place("Bishan Road", PlaceKind::Street, north_of(kBishan, 0.05)),
                                     make_place("Bishan Stadium", PlaceKind::Amenity)};
  const std::vector<Place> reversed(places.rbegin(), places.rend());

  const auto forward_results = build_index(places).search("bishan", 10);
  const auto reverse_results = build_index(reversed).search("bishan", 10);

  ASSERT_EQ(forward_results.size(), reverse_results.size());
  for (std::size_t i = 0; i < forward_results.size(); ++i) {
    EXPECT_EQ(forward_results[i].place.name, reverse_results[i].place.name) << "result " << i;
    EXPECT_EQ(forward_results[i].place.location, reverse_results[i].place.location) << "result " << i;
  }
}

TEST(PlaceIndexDedup, MergesSplitStreet) {
  // Four ways of one street, 150 m apart, chain into one result. The same
  // name 5 km away stays separate.
  const auto index = build_index({make_place("Bishan Street 22", PlaceKind::Street, north_of(kBishan, 0.0000)),
                                  make_place("Bishan Street 22", PlaceKind::Street, north_of(kBishan, 0.00135)),
                                  make_place("BISHAN STREET 22", PlaceKind::Street, north_of(kBishan, 0.0027)),
                                  make_place("Bishan Street 22", PlaceKind::Street, north_of(kBishan, 0.00405)),
                                  make_place("Bishan Street 22", PlaceKind::Street, north_of(kBishan, 0.045))});

  EXPECT_EQ(index.size(), 2u);
  EXPECT_EQ(index.count_matches("bishan street 22"), 2u);
}

TEST(PlaceIndexDedup, KeepsDuplicatesFartherThanGap) {
  const auto index = build_index({make_place("Bus Stop", PlaceKind::Amenity, north_of(kBishan, 0.0)),
                                  make_place("Bus Stop", PlaceKind::Amenity, north_of(kBishan, 0.0019))});

  EXPECT_EQ(index.count_matches("bus stop"), 2u);
}

TEST(PlaceIndexDedup, KeepsSameNameOfOtherKind) {
  const auto index = build_index({make_place("Newton", PlaceKind::Place),
                                  make_place("Newton", PlaceKind::Amenity)});

  EXPECT_EQ(index.count_matches("newton"), 2u);
}

TEST(PlaceIndexDedup, KeepsParkingSpotsWithSameDescription) {
  PlaceIndex index;
  index.add_parking_spots({{"lta-1", "lta-datamall", "570117-1", "570117-1", kBishan, "HDB_RACKS", 10, false},
                           {"lta-2", "lta-datamall", "570117-1", "570117-1", north_of(kBishan, 0.00003),
                            "HDB_RACKS", 5, true}});
  index.build();

  const auto results = index.search("570117", 10);

  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].place.kind, PlaceKind::ParkingSpot);
  EXPECT_EQ(results[0].place.detail, "HDB_RACKS lta-1");
  EXPECT_EQ(results[1].place.detail, "HDB_RACKS lta-2");
}

TEST(PlaceIndexAdd, ConvertsOsmFeatures) {
  PlaceIndex index;
  index.add_osm_features({{"Bishan Road", OsmNamedFeature::Kind::Street, "secondary", kBishan},
                          {"Bishan", OsmNamedFeature::Kind::Place, "suburb", kBishan},
                          {"Bishan Library", OsmNamedFeature::Kind::Amenity, "library", kBishan}});
  index.build();

  const auto results = index.search("bishan", 10);

  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].place.kind, PlaceKind::Place);
  EXPECT_EQ(results[0].place.category, "suburb");
  EXPECT_EQ(results[1].place.kind, PlaceKind::Street);
  EXPECT_EQ(results[2].place.kind, PlaceKind::Amenity);
  EXPECT_EQ(results[2].place.location, kBishan);
}

TEST(PlaceIndexAdd, DropsNamesWithoutWords) {
  const auto index = build_index({make_place("", PlaceKind::Amenity), make_place("--", PlaceKind::Amenity),
                                  make_place("Bishan", PlaceKind::Place)});

  EXPECT_EQ(index.size(), 1u);
}

TEST(PlaceIndexSearch, ReturnsCoordinateForLatLonQuery) {
  const auto index = build_index({make_place("Bishan", PlaceKind::Place)});

  const auto results = index.search(" 1.3521, 103.8198 ", 10);

  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].place.kind, PlaceKind::Coordinate);
  EXPECT_EQ(results[0].place.name, "1.352100,103.819800");
  EXPECT_EQ(results[0].place.location, (LatLon{1.3521, 103.8198}));
  EXPECT_EQ(index.count_matches("1.3521,103.8198"), 1u);
  EXPECT_TRUE(index.search("1.3521,103.8198", 10, 1).empty());
}

TEST(PlaceIndexSearch, RejectsOutOfRangeCoordinate) {
  const auto index = build_index({make_place("Bishan", PlaceKind::Place)});

  EXPECT_THROW(index.search("91.0,103.8", 10), InvalidCoordinateError);
}

TEST(PlaceIndexSearch, ReturnsNothingForBlankQuery) {
  const auto index = build_index({make_place("Bishan", PlaceKind::Place)});

  EXPECT_TRUE(index.search("", 10).empty());
  EXPECT_TRUE(index.search("   \t ", 10).empty());
  EXPECT_TRUE(index.search("-- / --", 10).empty());
  EXPECT_EQ(index.count_matches(" "), 0u);
}

TEST(PlaceIndexSearch, RejectsOverlongQuery) {
  const auto index = build_index({make_place("Bishan", PlaceKind::Place)});
  const std::string longest(kMaxSearchQueryLength_bytes, 'b');

  EXPECT_NO_THROW(index.search(longest, 10));
  EXPECT_THROW(index.search(longest + "b", 10), InputError);
  EXPECT_THROW(index.count_matches(longest + "b"), InputError);
}

TEST(PlaceIndexSearch, RejectsTooManyWords) {
  const auto index = build_index({make_place("Bishan", PlaceKind::Place)});

  EXPECT_NO_THROW(index.search("a b c d e f g h i j", 10));
  EXPECT_THROW(index.search("a b c d e f g h i j k", 10), InputError);
}

TEST(PlaceIndexSearch, PagesWithOffset) {
  const auto index = build_index({make_place("Lorong 1 Toa Payoh", PlaceKind::Street),
                                  make_place("Lorong 2 Toa Payoh", PlaceKind::Street),
                                  make_place("Lorong 3 Toa Payoh", PlaceKind::Street),
                                  make_place("Lorong 4 Toa Payoh", PlaceKind::Street),
                                  make_place("Lorong 5 Toa Payoh", PlaceKind::Street)});

  const auto all = names_of(index.search("lorong", 10));
  const auto page_1 = names_of(index.search("lorong", 2, 0));
  const auto page_2 = names_of(index.search("lorong", 2, 2));
  const auto page_3 = names_of(index.search("lorong", 2, 4));

  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(index.count_matches("lorong"), 5u);
  EXPECT_EQ(page_1, (std::vector<std::string>{all[0], all[1]}));
  EXPECT_EQ(page_2, (std::vector<std::string>{all[2], all[3]}));
  EXPECT_EQ(page_3, (std::vector<std::string>{all[4]}));
  EXPECT_TRUE(index.search("lorong", 2, 5).empty());
  EXPECT_TRUE(index.search("lorong", 0).empty());
}

TEST(PlaceIndexSearch, ReturnsNothingWithoutMatch) {
  const auto index = build_index({make_place("Bishan", PlaceKind::Place)});

  EXPECT_TRUE(index.search("zebra", 10).empty());
  EXPECT_TRUE(index.search("bishan zebra", 10).empty());
  EXPECT_TRUE(index.search("bishanx", 10).empty());
  EXPECT_EQ(index.count_matches("zebra"), 0u);
}

TEST(PlaceIndexSearch, RequiresBuildAfterAdd) {
  PlaceIndex index;
  index.add(make_place("Bishan", PlaceKind::Place));

  EXPECT_THROW(index.search("bishan", 10), std::logic_error);

  index.build();
  index.add(make_place("Bishan Road", PlaceKind::Street));

  EXPECT_THROW(index.count_matches("bishan"), std::logic_error);
}

TEST(PlaceKindName, MatchesApiNames) {
  EXPECT_EQ(to_string(PlaceKind::Coordinate), "coordinate");
  EXPECT_EQ(to_string(PlaceKind::Station), "station");
  EXPECT_EQ(to_string(PlaceKind::Street), "street");
  EXPECT_EQ(to_string(PlaceKind::Place), "place");
  EXPECT_EQ(to_string(PlaceKind::Amenity), "amenity");
  EXPECT_EQ(to_string(PlaceKind::ParkingSpot), "parking");
}

}  // namespace
}  // namespace pitstop
