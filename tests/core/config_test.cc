#include "core/config.h"

#include <map>

#include <gtest/gtest.h>

namespace mysanta {
namespace {

VariableLookup Lookup(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

std::string ErrorFor(const std::string& name, const std::string& value) {
  auto config = ParseConfig(Lookup({{name, value}}));
  return config.has_value() ? "" : config.error();
}

TEST(ConfigTest, DefaultsMatchTheSpec) {
  auto config = ParseConfig(Lookup({}));
  ASSERT_TRUE(config.has_value()) << config.error();
  EXPECT_EQ(config->main_database.sqlite_path, "data/main.db");
  EXPECT_EQ(config->recommendations_database.sqlite_path, "data/recommendations.db");
  EXPECT_FALSE(config->cache.is_redis());
  EXPECT_EQ(config->host, "0.0.0.0");
  EXPECT_EQ(config->port, 8001);
  EXPECT_EQ(config->max_similar_users, 20);
  EXPECT_EQ(config->default_page_size, 20);
  EXPECT_EQ(config->max_page_size, 100);
  EXPECT_EQ(config->max_results, 1000);
  EXPECT_EQ(config->popular_items_refresh_minutes, 15);
  EXPECT_EQ(config->user_profiles_refresh_minutes, 30);
  EXPECT_EQ(config->user_similarities_refresh_minutes, 60);
  EXPECT_EQ(config->cache_cleanup_hours, 6);
  EXPECT_EQ(config->cache_ttl_popular_seconds, 900);
  EXPECT_EQ(config->cache_ttl_personalized_seconds, 7200);
  EXPECT_EQ(config->cache_ttl_user_profile_seconds, 14400);
  EXPECT_FALSE(config->admin_token.has_value());
  EXPECT_EQ(config->log_level, "info");
}

TEST(ConfigTest, ReadsEveryVariable) {
  auto config = ParseConfig(Lookup({
      {"MAIN_DATABASE_URL", "postgresql://u:p@h:5432/main"},
      {"RECOMMENDATIONS_DATABASE_URL", "postgresql://u:p@h:5432/recs"},
      {"RECOMMENDATIONS_REDIS_URL", "redis://:pw@cache:6379/1"},
      {"HOST", "127.0.0.1"},
      {"PORT", "9000"},
      {"MAX_SIMILAR_USERS", "50"},
      {"DEFAULT_PAGE_SIZE", "10"},
      {"MAX_PAGE_SIZE", "200"},
      {"MAX_RESULTS", "5000"},
      {"POPULAR_ITEMS_REFRESH_MINUTES", "5"},
      {"USER_PROFILES_REFRESH_MINUTES", "6"},
      {"USER_SIMILARITIES_REFRESH_MINUTES", "7"},
      {"CACHE_CLEANUP_HOURS", "8"},
      {"CACHE_TTL_POPULAR", "60"},
      {"CACHE_TTL_PERSONALIZED", "61"},
      {"CACHE_TTL_USER_PROFILE", "62"},
      {"ADMIN_TOKEN", "s3cret"},
      {"LOG_LEVEL", "debug"},
  }));
  ASSERT_TRUE(config.has_value()) << config.error();
  EXPECT_TRUE(config->main_database.is_postgres());
  EXPECT_TRUE(config->recommendations_database.is_postgres());
  EXPECT_EQ(config->cache.host, "cache");
  EXPECT_EQ(config->host, "127.0.0.1");
  EXPECT_EQ(config->port, 9000);
  EXPECT_EQ(config->max_similar_users, 50);
  EXPECT_EQ(config->default_page_size, 10);
  EXPECT_EQ(config->max_page_size, 200);
  EXPECT_EQ(config->max_results, 5000);
  EXPECT_EQ(config->popular_items_refresh_minutes, 5);
  EXPECT_EQ(config->user_profiles_refresh_minutes, 6);
  EXPECT_EQ(config->user_similarities_refresh_minutes, 7);
  EXPECT_EQ(config->cache_cleanup_hours, 8);
  EXPECT_EQ(config->cache_ttl_popular_seconds, 60);
  EXPECT_EQ(config->cache_ttl_personalized_seconds, 61);
  EXPECT_EQ(config->cache_ttl_user_profile_seconds, 62);
  EXPECT_EQ(config->admin_token, "s3cret");
  EXPECT_EQ(config->log_level, "debug");
}

TEST(ConfigTest, RejectsBadIntegersNamingTheVariable) {
  const char* names[] = {"PORT",
                         "MAX_SIMILAR_USERS",
                         "DEFAULT_PAGE_SIZE",
                         "MAX_PAGE_SIZE",
                         "MAX_RESULTS",
                         "POPULAR_ITEMS_REFRESH_MINUTES",
                         "USER_PROFILES_REFRESH_MINUTES",
                         "USER_SIMILARITIES_REFRESH_MINUTES",
                         "CACHE_CLEANUP_HOURS",
                         "CACHE_TTL_POPULAR",
                         "CACHE_TTL_PERSONALIZED",
                         "CACHE_TTL_USER_PROFILE"};
  for (const char* name : names) {
    for (const char* bad : {"", "abc", "0", "-1", "1.5", "12x", "99999999999"}) {
      const std::string error = ErrorFor(name, bad);
      EXPECT_TRUE(error.starts_with(std::string(name) + ":")) << name << "=" << bad << " -> " << error;
      EXPECT_NE(error.find("expected"), std::string::npos) << error;
      EXPECT_EQ(error.find('\n'), std::string::npos) << "one line: " << error;
    }
  }
}

TEST(ConfigTest, EnforcesRanges) {
  EXPECT_NE(ErrorFor("PORT", "65536"), "");
  EXPECT_EQ(ErrorFor("PORT", "65535"), "");
  EXPECT_EQ(ErrorFor("PORT", "1"), "");
  EXPECT_NE(ErrorFor("MAX_PAGE_SIZE", "1001"), "");
  EXPECT_EQ(ErrorFor("MAX_PAGE_SIZE", "1000"), "");
  EXPECT_NE(ErrorFor("MAX_SIMILAR_USERS", "1001"), "");
  EXPECT_NE(ErrorFor("MAX_RESULTS", "100001"), "");
  EXPECT_EQ(ErrorFor("MAX_RESULTS", "100000"), "");
  // DEFAULT_PAGE_SIZE may not exceed MAX_PAGE_SIZE (default 100, or as configured).
  EXPECT_NE(ErrorFor("DEFAULT_PAGE_SIZE", "101"), "");
  EXPECT_TRUE(ParseConfig(Lookup({{"DEFAULT_PAGE_SIZE", "150"}, {"MAX_PAGE_SIZE", "200"}})));
  auto error = ParseConfig(Lookup({{"DEFAULT_PAGE_SIZE", "50"}, {"MAX_PAGE_SIZE", "40"}}));
  ASSERT_FALSE(error.has_value());
  EXPECT_TRUE(error.error().starts_with("DEFAULT_PAGE_SIZE:")) << error.error();
}

TEST(ConfigTest, RejectsBadUrlsWithoutPrintingPasswords) {
  EXPECT_TRUE(ErrorFor("MAIN_DATABASE_URL", "mysql://x").starts_with("MAIN_DATABASE_URL:"));
  EXPECT_TRUE(ErrorFor("RECOMMENDATIONS_DATABASE_URL", "nope")
                  .starts_with("RECOMMENDATIONS_DATABASE_URL:"));
  const std::string error = ErrorFor("RECOMMENDATIONS_REDIS_URL", "redis://:topsecret@host:0/1");
  EXPECT_TRUE(error.starts_with("RECOMMENDATIONS_REDIS_URL:")) << error;
  EXPECT_EQ(error.find("topsecret"), std::string::npos) << error;
}

TEST(ConfigTest, RejectsBadLogLevelAndHost) {
  EXPECT_TRUE(ErrorFor("LOG_LEVEL", "verbose").starts_with("LOG_LEVEL:"));
  EXPECT_TRUE(ErrorFor("HOST", "").starts_with("HOST:"));
}

TEST(ConfigTest, MaskedEntriesHideSecretsAndListEveryVariable) {
  auto config = ParseConfig(Lookup({{"MAIN_DATABASE_URL", "postgresql://u:pw1@h/main"},
                                    {"RECOMMENDATIONS_REDIS_URL", "redis://:pw2@h:6379/1"},
                                    {"ADMIN_TOKEN", "tok3n"}}));
  ASSERT_TRUE(config.has_value());
  const auto entries = config->MaskedEntries();
  EXPECT_EQ(entries.size(), ConfigVariables().size());
  for (const auto& [name, value] : entries) {
    EXPECT_EQ(value.find("pw1"), std::string::npos);
    EXPECT_EQ(value.find("pw2"), std::string::npos);
    EXPECT_EQ(value.find("tok3n"), std::string::npos);
  }
}

}  // namespace
}  // namespace mysanta
