#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_error.hpp"
#include "api/api_handlers.hpp"
#include "api/pitstop_api.hpp"
#include "api/query_parameters.hpp"

namespace pitstop {
namespace {

constexpr std::string_view kPlanParameters[] = {"from", "to", "rideLimitMin", "marginMin", "format"};

// Runs `action` and returns the ApiError it throws; fails the test when it throws none.
template <typename Action>
ApiError caught_error(Action action) {
  try {
    action();
  } catch (const ApiError& error) {
    return error;
  }
  ADD_FAILURE() << "no ApiError was thrown";
  return ApiError(0, "", "");
}

TEST(QueryParametersTest, KnownNamesPass) {
  const auto query = QueryParameters::parse("from=1.3,103.8&to=1.35,103.9&rideLimitMin=30");

  EXPECT_NO_THROW(query.reject_unknown(kPlanParameters, "/api/v2/plan"));
}

TEST(QueryParametersTest, EmptyQueryPasses) {
  const auto query = QueryParameters::parse("");

  EXPECT_NO_THROW(query.reject_unknown(kPlanParameters, "/api/v2/plan"));
}

TEST(QueryParametersTest, MisspelledNameSuggestsKnownName) {
  const auto query = QueryParameters::parse("from=1.3,103.8&rideLimitMn=20");

  const ApiError error = caught_error([&] { query.reject_unknown(kPlanParameters, "/api/v2/plan"); });

  EXPECT_EQ(error.status(), 400u);
  EXPECT_EQ(error.code(), "unknown_parameter");
  EXPECT_EQ(error.parameter(), "rideLimitMn");
  EXPECT_EQ(std::string(error.what()),
            "parameter 'rideLimitMn' is unknown to /api/v2/plan (did you mean 'rideLimitMin'?): send only from, "
            "to, rideLimitMin, marginMin, format");
}

TEST(QueryParametersTest, NameInOtherCaseSuggestsKnownName) {
  const auto query = QueryParameters::parse("RIDELIMITMIN=20");

  const ApiError error = caught_error([&] { query.reject_unknown(kPlanParameters, "/api/v2/plan"); });

  EXPECT_NE(std::string(error.what()).find("did you mean 'rideLimitMin'?"), std::string::npos) << error.what();
}

TEST(QueryParametersTest, DistantNameHasNoSuggestion) {
  const auto query = QueryParameters::parse("callback=x");

  const ApiError error = caught_error([&] { query.reject_unknown(kPlanParameters, "/api/v2/plan"); });

  EXPECT_EQ(error.parameter(), "callback");
  EXPECT_EQ(std::string(error.what()).find("did you mean"), std::string::npos) << error.what();
}

TEST(QueryParametersTest, ShortUnknownNameHasNoSuggestion) {
  for (const char* query_text : {"x=1", "p0=1", "tx=1", "=5"}) {
    const auto query = QueryParameters::parse(query_text);

    const ApiError error = caught_error([&] { query.reject_unknown(kPlanParameters, "/api/v2/plan"); });

    EXPECT_EQ(std::string(error.what()).find("did you mean"), std::string::npos) << error.what();
  }
}

TEST(QueryParametersTest, ShortNameInOtherCaseSuggestsKnownName) {
  const auto query = QueryParameters::parse("TO=1.3,103.8");

  const ApiError error = caught_error([&] { query.reject_unknown(kPlanParameters, "/api/v2/plan"); });

  EXPECT_NE(std::string(error.what()).find("did you mean 'to'?"), std::string::npos) << error.what();
}

TEST(QueryParametersTest, ControlCharacterInNameIsRejected) {
  const ApiError error = caught_error([] { QueryParameters::parse("rideLimitMin%00=1"); });

  EXPECT_EQ(error.code(), "invalid_query");
  EXPECT_EQ(error.parameter(), "");
  EXPECT_EQ(std::string(error.what()),
            "the parameter name in query part 'rideLimitMin%00=1' contains a control character: send printable "
            "names");
}

TEST(QueryParametersTest, LongUnknownNameIsCutAtCharacter) {
  // 59 ASCII bytes, then a 3-byte character that would cross the 60-byte cut.
  const std::string name = std::string(59, 'n') + "%E2%82%AC";
  const auto query = QueryParameters::parse(name + "=1");

  const ApiError error = caught_error([&] { query.reject_unknown(kPlanParameters, "/api/v2/plan"); });

  EXPECT_EQ(error.parameter(), std::string(59, 'n'));
}

TEST(QueryParametersTest, NegativeZeroBecomesZero) {
  const auto query = QueryParameters::parse("marginMin=-0");

  const double margin = query.number("marginMin", 2.0, 0.0, 10.0);

  EXPECT_EQ(margin, 0.0);
  EXPECT_FALSE(std::signbit(margin));
}

TEST(QueryParametersTest, UnknownNameWithoutValueIsRejected) {
  const auto query = QueryParameters::parse("from=1.3,103.8&debug");

  const ApiError error = caught_error([&] { query.reject_unknown(kPlanParameters, "/api/v2/plan"); });

  EXPECT_EQ(error.parameter(), "debug");
}

TEST(QueryParametersTest, HugeUnknownNameIsCutInError) {
  const std::string name(100'000, 'x');
  const auto query = QueryParameters::parse(name + "=1");

  const ApiError error = caught_error([&] { query.reject_unknown(kPlanParameters, "/api/v2/plan"); });

  EXPECT_EQ(error.parameter().size(), 60u);
  EXPECT_LT(std::string(error.what()).size(), 300u);
}

TEST(QueryParametersTest, ChoiceReturnsAllowedValue) {
  const auto query = QueryParameters::parse("format=gpx");

  EXPECT_EQ(query.choice("format", {"json", "gpx"}), "gpx");
  EXPECT_EQ(query.choice("geometry", {"polyline", "geojson"}), std::nullopt);
}

TEST(QueryParametersTest, ChoiceRejectsOtherValue) {
  const auto query = QueryParameters::parse("format=xml");

  const ApiError error = caught_error([&] { query.choice("format", {"json", "gpx", "text"}); });

  EXPECT_EQ(error.code(), "invalid_parameter");
  EXPECT_EQ(error.parameter(), "format");
  EXPECT_EQ(std::string(error.what()), "parameter 'format' = 'xml' is invalid: send json, gpx or text");
}

TEST(QueryParametersTest, ChoiceIsCaseSensitive) {
  const auto query = QueryParameters::parse("returnGeom=y");

  EXPECT_THROW(query.choice("returnGeom", {"Y", "N"}), ApiError);
}

// Each API endpoint accepts exactly the query parameters that the OpenAPI document lists for it.
TEST(QueryParametersTest, EndpointParametersMatchOpenApi) {
  const auto document = nlohmann::json::parse(openapi_document());

  for (const auto& [path, operations] : document.at("paths").items()) {
    std::vector<std::string> documented;
    for (const auto& parameter : operations.at("get").value("parameters", nlohmann::json::array())) {
      if (parameter.at("in") == "query") documented.push_back(parameter.at("name"));
    }
    std::vector<std::string> accepted = PitStopApi::query_parameter_names(path);
    std::sort(documented.begin(), documented.end());
    std::sort(accepted.begin(), accepted.end());

    EXPECT_EQ(accepted, documented) << path;
  }
}

}  // namespace
}  // namespace pitstop
