#include "core/url.h"

#include <gtest/gtest.h>

namespace mysanta {
namespace {

TEST(DatabaseUrlTest, ParsesPostgres) {
  auto url = ParseDatabaseUrl("postgresql://rec:secret@db.local:5433/recs");
  ASSERT_TRUE(url.has_value());
  EXPECT_TRUE(url->is_postgres());
  EXPECT_EQ(url->Masked(), "postgresql://rec:***@db.local:5433/recs");
  EXPECT_TRUE(ParseDatabaseUrl("postgres://localhost/db")->is_postgres());
}

TEST(DatabaseUrlTest, ParsesSqlite) {
  auto url = ParseDatabaseUrl("sqlite:data/main.db");
  ASSERT_TRUE(url.has_value());
  EXPECT_FALSE(url->is_postgres());
  EXPECT_EQ(url->sqlite_path, "data/main.db");
  EXPECT_EQ(ParseDatabaseUrl("sqlite:///tmp/m.db")->sqlite_path, "/tmp/m.db");
}

TEST(DatabaseUrlTest, RejectsOtherForms) {
  EXPECT_FALSE(ParseDatabaseUrl("").has_value());
  EXPECT_FALSE(ParseDatabaseUrl("mysql://x/y").has_value());
  EXPECT_FALSE(ParseDatabaseUrl("sqlite:").has_value());
  EXPECT_FALSE(ParseDatabaseUrl("postgresql://").has_value());
}

TEST(CacheUrlTest, ParsesRedisWithPasswordAndDatabase) {
  auto url = ParseCacheUrl("redis://:hunter2@cache:6380/1");
  ASSERT_TRUE(url.has_value());
  EXPECT_TRUE(url->is_redis());
  EXPECT_EQ(url->host, "cache");
  EXPECT_EQ(url->port, 6380);
  EXPECT_EQ(url->password, "hunter2");
  EXPECT_EQ(url->database, 1);
  EXPECT_EQ(url->Masked(), "redis://:***@cache:6380/1");
}

TEST(CacheUrlTest, DefaultsPortAndDatabase) {
  auto url = ParseCacheUrl("redis://localhost");
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->port, 6379);
  EXPECT_EQ(url->database, 0);
  EXPECT_TRUE(url->password.empty());
}

TEST(CacheUrlTest, ParsesMemoryAndRejectsGarbage) {
  EXPECT_FALSE(ParseCacheUrl("memory://")->is_redis());
  EXPECT_FALSE(ParseCacheUrl("redis://host:0/1").has_value());
  EXPECT_FALSE(ParseCacheUrl("redis://host:99999/1").has_value());
  EXPECT_FALSE(ParseCacheUrl("redis://host/x").has_value());
  EXPECT_FALSE(ParseCacheUrl("redis://:pw@/1").has_value());
  EXPECT_FALSE(ParseCacheUrl("memcached://host").has_value());
}

TEST(MaskPasswordTest, LeavesUrlsWithoutPasswordAlone) {
  EXPECT_EQ(MaskPassword("postgresql://user@host/db"), "postgresql://user@host/db");
  EXPECT_EQ(MaskPassword("sqlite:a@b:c"), "sqlite:a@b:c");
}

}  // namespace
}  // namespace mysanta
