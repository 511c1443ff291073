#include <string>

#include <gtest/gtest.h>

#include "geo/errors.hpp"
#include "refresh/parking_sources.hpp"

namespace pitstop {
namespace {

TEST(RefreshParkingSources, ParsesList) {
  const auto sources = parse_parking_sources("datamall, osm,files");
  ASSERT_EQ(sources.size(), 3u);
  EXPECT_EQ(sources[0], ParkingSource::DataMall);
  EXPECT_EQ(sources[1], ParkingSource::Osm);
  EXPECT_EQ(sources[2], ParkingSource::Files);
  EXPECT_EQ(join_parking_sources(sources), "datamall,osm,files");
}

TEST(RefreshParkingSources, RejectsBadLists) {
  EXPECT_THROW(parse_parking_sources(""), InputError);
  EXPECT_THROW(parse_parking_sources("osm,"), InputError);
  EXPECT_THROW(parse_parking_sources("osm,osm"), InputError);
  EXPECT_THROW(parse_parking_sources("DataMall"), InputError);
  EXPECT_THROW(parse_parking_sources("ftp"), InputError);
}

TEST(RefreshParkingSources, DefaultFollowsAccountKey) {
  ParkingSourceInputs inputs;
  EXPECT_EQ(default_parking_sources(inputs), std::vector<ParkingSource>{ParkingSource::Files});
  inputs.datamall = DataMallSettings{};
  EXPECT_EQ(default_parking_sources(inputs), std::vector<ParkingSource>{ParkingSource::DataMall});
}

TEST(RefreshParkingSources, DataMallWithoutKeyRejected) {
  ParkingSourceInputs inputs;
  EXPECT_THROW(fetch_parking_sources({ParkingSource::DataMall}, inputs), InputError);
}

TEST(RefreshParkingSources, FilesWithoutPathsRejected) {
  ParkingSourceInputs inputs;
  EXPECT_THROW(fetch_parking_sources({ParkingSource::Files}, inputs), DataFileError);
}

}  // namespace
}  // namespace pitstop
