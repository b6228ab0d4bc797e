#include "store/sql_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/store_error.h"

namespace mysanta {
namespace {

std::string ReadSourceFile(const std::string& name) {
  // This file is tests/store/sql_files_test.cc; the SQL files are in sql/ at the root.
  const auto root = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
  std::ifstream file(root / "sql" / name);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(SqlFilesTest, EmbeddedTextIsTheFileInTheRepository) {
  for (const char* name : {"main_schema.postgresql.sql", "main_schema.sqlite.sql", "schema.sql",
                           "schema.sqlite.sql", "mysanta_views.postgresql.sql"}) {
    const std::string on_disk = ReadSourceFile(name);
    ASSERT_FALSE(on_disk.empty()) << name;
    EXPECT_EQ(SqlFile(name), on_disk) << name << ": rebuild to re-embed it";
  }
  EXPECT_THROW(SqlFile("nope.sql"), StoreError);
}

TEST(SqlFilesTest, WithIdTypeRetypesOnlyMarkedColumns) {
  const std::string sql = "id BIGINT /* id */ PRIMARY KEY, n BIGINT, u BIGINT /* id */";
  EXPECT_EQ(WithIdType(sql, IdKind::kInteger), sql);
  EXPECT_EQ(WithIdType(sql, IdKind::kText), "id TEXT /* id */ PRIMARY KEY, n BIGINT, u TEXT /* id */");
}

TEST(SqlFilesTest, MainSchemasSplitBeforeTheirIndexes) {
  for (const char* name : {"main_schema.postgresql.sql", "main_schema.sqlite.sql"}) {
    const auto [tables, after_load] = SplitAtAfterLoad(SqlFile(name));
    EXPECT_NE(tables.find("CREATE TABLE clicks"), std::string_view::npos) << name;
    EXPECT_EQ(tables.find("CREATE INDEX"), std::string_view::npos) << name;
    EXPECT_NE(after_load.find("CREATE INDEX likes_present_id_idx"), std::string_view::npos);
    EXPECT_NE(after_load.find("clicks (user_id"), std::string_view::npos);
    EXPECT_NE(after_load.find("presents (is_active)"), std::string_view::npos);
  }
}

}  // namespace
}  // namespace mysanta
