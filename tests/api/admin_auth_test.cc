#include "api/admin_auth.h"

#include <gtest/gtest.h>

namespace mysanta::api {
namespace {

TEST(AdminAuthTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", ""));
  EXPECT_FALSE(ConstantTimeEquals(std::string_view("a\0c", 3), "a"));
}

TEST(AdminAuthTest, TokenRules) {
  std::optional<std::string> token = "t0k";
  EXPECT_EQ(CheckAdmin(token, std::nullopt, true)->status, 401);
  EXPECT_EQ(CheckAdmin(token, "Bearer", true)->status, 401);
  EXPECT_EQ(CheckAdmin(token, "Bearer ", true)->status, 401);
  EXPECT_EQ(CheckAdmin(token, "Token t0k", true)->status, 401);
  EXPECT_EQ(CheckAdmin(token, "Bearer t0K", true)->status, 403);
  EXPECT_EQ(CheckAdmin(token, "Bearer t0k2", true)->status, 403);
  EXPECT_FALSE(CheckAdmin(token, "Bearer t0k", false));
  EXPECT_FALSE(CheckAdmin(token, "bearer t0k", false));  // the scheme is case-insensitive

  EXPECT_FALSE(CheckAdmin(std::nullopt, std::nullopt, true));
  EXPECT_EQ(CheckAdmin(std::nullopt, std::nullopt, false)->status, 403);
  EXPECT_EQ(CheckAdmin(std::nullopt, "Bearer anything", false)->status, 403);
}

}  // namespace
}  // namespace mysanta::api
