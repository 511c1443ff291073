#include <string>

#include <gtest/gtest.h>

#include "api/query_parameters.hpp"
#include "clients/service_error.hpp"
#include "clients/url.hpp"

namespace pitstop {
namespace {

TEST(ClientsUrlEncoding, KeepsUnreservedCharacters) {
  EXPECT_EQ(url_encode_component("AZaz09-._~"), "AZaz09-._~");
}

TEST(ClientsUrlEncoding, EncodesSpaceAsPercent20) {
  EXPECT_EQ(url_encode_component("toa payoh"), "toa%20payoh");
}

TEST(ClientsUrlEncoding, EncodesQuerySeparators) {
  EXPECT_EQ(url_encode_component("a&b=c"), "a%26b%3Dc");
  EXPECT_EQ(url_encode_component("a+b"), "a%2Bb");
  EXPECT_EQ(url_encode_component("#2"), "%232");
  EXPECT_EQ(url_encode_component("50%"), "50%25");
  EXPECT_EQ(url_encode_component("a/b?c"), "a%2Fb%3Fc");
}

TEST(ClientsUrlEncoding, EncodesEachUtf8Byte) {
  EXPECT_EQ(url_encode_component("caf\xC3\xA9"), "caf%C3%A9");                  // café
  EXPECT_EQ(url_encode_component("\xE6\x96\xB0\xE5\x8A\xA0"), "%E6%96%B0%E5%8A%A0");  // 新加
}

TEST(ClientsUrlEncoding, RoundTripsThroughServerDecoding) {
  const std::string cases[] = {"Toa Payoh & Bishan", "1+1=2", "#01-23", "Jalan Besar 新加坡 caf\xC3\xA9", "100%",
                               "  leading and trailing  "};
  for (const std::string& text : cases) {
    const auto decoded = percent_decode(url_encode_component(text), true);
    ASSERT_TRUE(decoded.has_value()) << text;
    EXPECT_EQ(*decoded, text);
  }
}

TEST(ClientsUrlEncoding, BuildsQueryString) {
  EXPECT_EQ(build_query_string({}), "");
  EXPECT_EQ(build_query_string({{"searchVal", "a b&c"}, {"pageNum", "2"}}), "searchVal=a%20b%26c&pageNum=2");
}

TEST(ClientsBaseUrl, AcceptsHttpsAndDropsTrailingSlash) {
  EXPECT_EQ(validate_base_url("https://www.onemap.gov.sg/", "X"), "https://www.onemap.gov.sg");
  EXPECT_EQ(validate_base_url("https://example.sg:8443/prefix", "X"), "https://example.sg:8443/prefix");
}

TEST(ClientsBaseUrl, AcceptsHttpForLoopbackOnly) {
  EXPECT_EQ(validate_base_url("http://127.0.0.1:8080", "X"), "http://127.0.0.1:8080");
  EXPECT_EQ(validate_base_url("http://127.5.6.7", "X"), "http://127.5.6.7");
  EXPECT_EQ(validate_base_url("http://localhost:1234", "X"), "http://localhost:1234");
  EXPECT_EQ(validate_base_url("http://[::1]:1234", "X"), "http://[::1]:1234");
  EXPECT_THROW(validate_base_url("http://www.onemap.gov.sg", "X"), ClientConfigError);
  EXPECT_THROW(validate_base_url("http://10.0.0.1", "X"), ClientConfigError);
  EXPECT_THROW(validate_base_url("http://127.0.0.1.example.com", "X"), ClientConfigError);
}

TEST(ClientsBaseUrl, RejectionNamesSettingAndFix) {
  try {
    validate_base_url("http://datamall2.mytransport.sg", "PITSTOP_DATAMALL_BASE_URL");
    FAIL() << "plain http to a remote host was accepted";
  } catch (const ClientConfigError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("PITSTOP_DATAMALL_BASE_URL"), std::string::npos) << message;
    EXPECT_NE(message.find("use https"), std::string::npos) << message;
  }
}

TEST(ClientsBaseUrl, RejectsMalformedUrls) {
  EXPECT_THROW(validate_base_url("", "X"), ClientConfigError);
  EXPECT_THROW(validate_base_url("www.onemap.gov.sg", "X"), ClientConfigError);
  EXPECT_THROW(validate_base_url("ftp://example.sg", "X"), ClientConfigError);
  EXPECT_THROW(validate_base_url("https://user:pass@example.sg", "X"), ClientConfigError);
  EXPECT_THROW(validate_base_url("https://example.sg/?a=1", "X"), ClientConfigError);
  EXPECT_THROW(validate_base_url("https://example.sg/#top", "X"), ClientConfigError);
}

}  // namespace
}  // namespace pitstop
