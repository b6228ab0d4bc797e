// Connection URLs of the two databases and the cache, parsed and validated once.
//
// Database URLs are `postgresql://user:pass@host:5432/db` (also `postgres://`) or `sqlite:PATH`.
// Cache URLs are `redis://[:pass@]host[:port][/db]` or `memory://`.
// Masked() gives a form safe for logs and /stats: the password is replaced by `***`.
// Plain values; thread-safe to read.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

namespace mysanta {

struct DatabaseUrl {
  enum class Kind { kPostgres, kSqlite };
  Kind kind = Kind::kSqlite;
  std::string url;          // As given; for PostgreSQL libpq takes it as its conninfo.
  std::string sqlite_path;  // kSqlite only: the file's path.

  bool is_postgres() const { return kind == Kind::kPostgres; }
  std::string Masked() const;
};

struct CacheUrl {
  enum class Kind { kMemory, kRedis };
  Kind kind = Kind::kMemory;
  std::string url;  // As given.
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string password;  // Empty: no AUTH.
  int database = 0;

  bool is_redis() const { return kind == Kind::kRedis; }
  std::string Masked() const;
};

// Errors are one human sentence saying what was expected.
std::expected<DatabaseUrl, std::string> ParseDatabaseUrl(std::string_view text);
std::expected<CacheUrl, std::string> ParseCacheUrl(std::string_view text);

// Replaces the password of any `scheme://user:password@host` URL by `***`.
std::string MaskPassword(std::string_view url);

}  // namespace mysanta
