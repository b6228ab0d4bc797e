// The service's configuration: every variable of SPEC section 2, parsed and validated in one
// place. Values come from the environment; a command-line flag overrides its variable (the CLI
// layer merges both into one name -> value map before calling ParseConfig).
//
// A Config is a plain value: build it once at start-up, then share it read-only across threads.
#pragma once

#include <expected>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/url.h"

namespace mysanta {

struct Config {
  // Default: sqlite:data/main.db. MySanta's data, opened read-only.
  DatabaseUrl main_database = *ParseDatabaseUrl("sqlite:data/main.db");
  // Default: sqlite:data/recommendations.db. Owned by this service.
  DatabaseUrl recommendations_database = *ParseDatabaseUrl("sqlite:data/recommendations.db");
  // Default: memory:// (in-process cache). Production: redis://host:6379/1.
  CacheUrl cache = *ParseCacheUrl("memory://");

  std::string host = "0.0.0.0";  // Default: 0.0.0.0.
  int port = 8001;               // Default: 8001. Range 1-65535.

  int max_similar_users = 20;  // Default: 20. Neighbours kept per user, 1-1000.
  int default_page_size = 20;  // Default: 20. 1..max_page_size.
  int max_page_size = 100;     // Default: 100. 1-1000.
  int max_results = 1000;      // Default: 1000. Longest ranked list, 1-100000.

  int popular_items_refresh_minutes = 15;      // Default: 15.
  int user_profiles_refresh_minutes = 30;      // Default: 30.
  int user_similarities_refresh_minutes = 60;  // Default: 60.
  int cache_cleanup_hours = 6;                 // Default: 6.

  int cache_ttl_popular_seconds = 900;         // Default: 900.
  int cache_ttl_personalized_seconds = 7200;   // Default: 7200.
  int cache_ttl_user_profile_seconds = 14400;  // Default: 14400.

  std::optional<std::string> admin_token;  // Default: unset (admin from loopback only).
  std::string log_level = "info";          // Default: info. debug|info|warn|error.
  std::string log_format = "text";         // Default: text. text|json (one JSON object a line).

  // Default: 12000. Connections served at once (1-1000000; also bounded by the open-file limit);
  // a client over it is answered 503 with Retry-After and the connection closed.
  int max_connections = 12000;

  // Every variable as NAME -> value, passwords and the admin token masked: for /stats and logs.
  std::vector<std::pair<std::string, std::string>> MaskedEntries() const;
};

// A description of one variable, for --help and for the CLI's override flags.
struct ConfigVariable {
  std::string name;           // e.g. "MAX_PAGE_SIZE"
  std::string flag;           // e.g. "--max-page-size"
  std::string default_value;  // as text
  std::string meaning;
};
const std::vector<ConfigVariable>& ConfigVariables();

// Looks a variable up; returns nullopt when it is not set.
using VariableLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment as a VariableLookup.
VariableLookup EnvironmentLookup();

// Parses every variable. On failure: one line naming the variable and what it expected, e.g.
// "PORT: expected an integer 1-65535, got \"abc\"".
std::expected<Config, std::string> ParseConfig(const VariableLookup& lookup);

}  // namespace mysanta
