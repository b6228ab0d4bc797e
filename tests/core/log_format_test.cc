#include "core/log_format.h"

#include <gtest/gtest.h>

#include <regex>
#include <spdlog/details/log_msg.h>

namespace mysanta {
namespace {

std::string Format(spdlog::level::level_enum level, std::string_view text) {
  spdlog::details::log_msg message("mysanta", level, text);
  spdlog::memory_buf_t out;
  JsonLogFormatter().format(message, out);
  return fmt::to_string(out);
}

TEST(JsonLogFormatterTest, OneJsonObjectALineWithTheMessageEscaped) {
  std::string line = Format(spdlog::level::warn, "GET /x \"q\"\tand\nnewline \\ \x01");
  EXPECT_EQ(line.find('\n'), line.size() - 1) << line;
  std::regex shape(
      R"re(\{"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z","level":"warn","message":"(.*)"\}\n)re");
  std::smatch match;
  ASSERT_TRUE(std::regex_match(line, match, shape)) << line;
  EXPECT_EQ(match[1], R"re(GET /x \"q\"\u0009and\nnewline \\ \u0001)re");
}

TEST(JsonLogFormatterTest, LevelNames) {
  EXPECT_NE(Format(spdlog::level::info, "x").find("\"level\":\"info\""), std::string::npos);
  EXPECT_NE(Format(spdlog::level::err, "x").find("\"level\":\"error\""), std::string::npos);
}

}  // namespace
}  // namespace mysanta
