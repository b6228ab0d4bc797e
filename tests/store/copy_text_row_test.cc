#include <gtest/gtest.h>

#include "store/postgres_connection.h"

namespace mysanta {
namespace {

TEST(CopyTextRowTest, SplitsFieldsAndDecodesEscapes) {
  CopyTextRow row;
  row.Parse("42\t\\N\ttab\\there\\nnew\\\\line\t\t\\101\\x42");
  ASSERT_EQ(row.size(), 5u);
  EXPECT_EQ(row[0], "42");
  EXPECT_TRUE(row.IsNull(1));
  EXPECT_EQ(row[1], "");
  EXPECT_EQ(row[2], "tab\there\nnew\\line");
  EXPECT_FALSE(row.IsNull(3));
  EXPECT_EQ(row[3], "");
  EXPECT_EQ(row[4], "AB");
}

TEST(CopyTextRowTest, AppendCopyTextRoundTrips) {
  const std::string original = "a\tb\nc\\d\re «ё»";
  std::string line = "1\t";
  AppendCopyText(line, original);
  CopyTextRow row;
  row.Parse(line);
  ASSERT_EQ(row.size(), 2u);
  EXPECT_EQ(row[1], original);
}

}  // namespace
}  // namespace mysanta
