#include "core/config.h"

#include <charconv>
#include <cstdlib>

#include <fmt/format.h>

namespace mysanta {
namespace {

std::expected<int, std::string> ParseInt(const std::string& name, const std::string& text,
                                         int min, int max) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < min ||
      value > max) {
    return std::unexpected(fmt::format("{}: expected an integer {}-{}, got \"{}\"", name, min,
                                       max, text));
  }
  return value;
}

// Applies one integer variable, if set, to `field`.
std::optional<std::string> ApplyInt(const VariableLookup& lookup, const std::string& name,
                                    int min, int max, int& field) {
  auto text = lookup(name);
  if (!text) return std::nullopt;
  auto value = ParseInt(name, *text, min, max);
  if (!value) return value.error();
  field = *value;
  return std::nullopt;
}

constexpr int kMaxPeriod = 1'000'000;

}  // namespace

const std::vector<ConfigVariable>& ConfigVariables() {
  static const std::vector<ConfigVariable> kVariables = {
      {"MAIN_DATABASE_URL", "--main-database-url", "sqlite:data/main.db",
       "main database (read-only): postgresql://user:pass@host:5432/db or sqlite:PATH"},
      {"RECOMMENDATIONS_DATABASE_URL", "--recommendations-database-url",
       "sqlite:data/recommendations.db", "recommendations database: same forms"},
      {"RECOMMENDATIONS_REDIS_URL", "--recommendations-redis-url", "memory://",
       "cache: redis://[:pass@]host:6379/1 or memory://"},
      {"HOST", "--host", "0.0.0.0", "listen address"},
      {"PORT", "--port", "8001", "listen port, 1-65535"},
      {"MAX_SIMILAR_USERS", "--max-similar-users", "20", "neighbours kept per user, 1-1000"},
      {"DEFAULT_PAGE_SIZE", "--default-page-size", "20", "page size when none is asked"},
      {"MAX_PAGE_SIZE", "--max-page-size", "100", "largest page size, 1-1000"},
      {"MAX_RESULTS", "--max-results", "1000", "longest ranked list, 1-100000"},
      {"POPULAR_ITEMS_REFRESH_MINUTES", "--popular-items-refresh-minutes", "15", "job period"},
      {"USER_PROFILES_REFRESH_MINUTES", "--user-profiles-refresh-minutes", "30", "job period"},
      {"USER_SIMILARITIES_REFRESH_MINUTES", "--user-similarities-refresh-minutes", "60",
       "job period"},
      {"CACHE_CLEANUP_HOURS", "--cache-cleanup-hours", "6", "job period"},
      {"CACHE_TTL_POPULAR", "--cache-ttl-popular", "900", "seconds"},
      {"CACHE_TTL_PERSONALIZED", "--cache-ttl-personalized", "7200", "seconds"},
      {"CACHE_TTL_USER_PROFILE", "--cache-ttl-user-profile", "14400", "seconds"},
      {"ADMIN_TOKEN", "--admin-token", "",
       "bearer token for /admin/*; unset: admin from loopback only"},
      {"LOG_LEVEL", "--log-level", "info", "debug, info, warn or error"},
      {"LOG_FORMAT", "--log-format", "text", "log lines as text or json (one object a line)"},
      {"MAX_CONNECTIONS", "--max-connections", "12000",
       "connections served at once, 1-1000000; over it: 503 and Retry-After"},
  };
  return kVariables;
}

VariableLookup EnvironmentLookup() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

std::expected<Config, std::string> ParseConfig(const VariableLookup& lookup) {
  Config config;
  auto url_error = [](const std::string& name, const std::string& expected,
                      const std::string& got) {
    return fmt::format("{}: expected {}, got \"{}\"", name, expected, MaskPassword(got));
  };
  if (auto text = lookup("MAIN_DATABASE_URL")) {
    auto url = ParseDatabaseUrl(*text);
    if (!url) return std::unexpected(url_error("MAIN_DATABASE_URL", url.error(), *text));
    config.main_database = *url;
  }
  if (auto text = lookup("RECOMMENDATIONS_DATABASE_URL")) {
    auto url = ParseDatabaseUrl(*text);
    if (!url) {
      return std::unexpected(url_error("RECOMMENDATIONS_DATABASE_URL", url.error(), *text));
    }
    config.recommendations_database = *url;
  }
  if (auto text = lookup("RECOMMENDATIONS_REDIS_URL")) {
    auto url = ParseCacheUrl(*text);
    if (!url) return std::unexpected(url_error("RECOMMENDATIONS_REDIS_URL", url.error(), *text));
    config.cache = *url;
  }
  if (auto text = lookup("HOST")) {
    if (text->empty()) return std::unexpected("HOST: expected a listen address, got \"\"");
    config.host = *text;
  }

  struct IntVariable {
    const char* name;
    int min;
    int max;
    int* field;
  };
  const IntVariable int_variables[] = {
      {"PORT", 1, 65535, &config.port},
      {"MAX_SIMILAR_USERS", 1, 1000, &config.max_similar_users},
      {"MAX_PAGE_SIZE", 1, 1000, &config.max_page_size},
      {"MAX_RESULTS", 1, 100000, &config.max_results},
      {"POPULAR_ITEMS_REFRESH_MINUTES", 1, kMaxPeriod, &config.popular_items_refresh_minutes},
      {"USER_PROFILES_REFRESH_MINUTES", 1, kMaxPeriod, &config.user_profiles_refresh_minutes},
      {"USER_SIMILARITIES_REFRESH_MINUTES", 1, kMaxPeriod,
       &config.user_similarities_refresh_minutes},
      {"CACHE_CLEANUP_HOURS", 1, kMaxPeriod, &config.cache_cleanup_hours},
      {"CACHE_TTL_POPULAR", 1, 1'000'000'000, &config.cache_ttl_popular_seconds},
      {"CACHE_TTL_PERSONALIZED", 1, 1'000'000'000, &config.cache_ttl_personalized_seconds},
      {"CACHE_TTL_USER_PROFILE", 1, 1'000'000'000, &config.cache_ttl_user_profile_seconds},
      {"MAX_CONNECTIONS", 1, 1'000'000, &config.max_connections},
  };
  for (const IntVariable& variable : int_variables) {
    if (auto error = ApplyInt(lookup, variable.name, variable.min, variable.max,
                              *variable.field)) {
      return std::unexpected(*error);
    }
  }
  // DEFAULT_PAGE_SIZE's range depends on MAX_PAGE_SIZE, so it is checked after it.
  if (auto error = ApplyInt(lookup, "DEFAULT_PAGE_SIZE", 1, config.max_page_size,
                            config.default_page_size)) {
    return std::unexpected(*error);
  }
  if (config.default_page_size > config.max_page_size) {
    return std::unexpected(fmt::format(
        "DEFAULT_PAGE_SIZE: expected an integer 1-{} (MAX_PAGE_SIZE), got \"{}\"",
        config.max_page_size, config.default_page_size));
  }

  if (auto text = lookup("ADMIN_TOKEN"); text && !text->empty()) config.admin_token = *text;
  if (auto text = lookup("LOG_LEVEL")) {
    if (*text != "debug" && *text != "info" && *text != "warn" && *text != "error") {
      return std::unexpected(
          fmt::format("LOG_LEVEL: expected debug, info, warn or error, got \"{}\"", *text));
    }
    config.log_level = *text;
  }
  if (auto text = lookup("LOG_FORMAT")) {
    if (*text != "text" && *text != "json") {
      return std::unexpected(fmt::format("LOG_FORMAT: expected text or json, got \"{}\"", *text));
    }
    config.log_format = *text;
  }
  return config;
}

std::vector<std::pair<std::string, std::string>> Config::MaskedEntries() const {
  return {
      {"MAIN_DATABASE_URL", main_database.Masked()},
      {"RECOMMENDATIONS_DATABASE_URL", recommendations_database.Masked()},
      {"RECOMMENDATIONS_REDIS_URL", cache.Masked()},
      {"HOST", host},
      {"PORT", std::to_string(port)},
      {"MAX_SIMILAR_USERS", std::to_string(max_similar_users)},
      {"DEFAULT_PAGE_SIZE", std::to_string(default_page_size)},
      {"MAX_PAGE_SIZE", std::to_string(max_page_size)},
      {"MAX_RESULTS", std::to_string(max_results)},
      {"POPULAR_ITEMS_REFRESH_MINUTES", std::to_string(popular_items_refresh_minutes)},
      {"USER_PROFILES_REFRESH_MINUTES", std::to_string(user_profiles_refresh_minutes)},
      {"USER_SIMILARITIES_REFRESH_MINUTES", std::to_string(user_similarities_refresh_minutes)},
      {"CACHE_CLEANUP_HOURS", std::to_string(cache_cleanup_hours)},
      {"CACHE_TTL_POPULAR", std::to_string(cache_ttl_popular_seconds)},
      {"CACHE_TTL_PERSONALIZED", std::to_string(cache_ttl_personalized_seconds)},
      {"CACHE_TTL_USER_PROFILE", std::to_string(cache_ttl_user_profile_seconds)},
      {"ADMIN_TOKEN", admin_token ? "***" : ""},
      {"LOG_LEVEL", log_level},
      {"LOG_FORMAT", log_format},
      {"MAX_CONNECTIONS", std::to_string(max_connections)},
  };
}

}  // namespace mysanta
