// Scratch databases for store tests: a fresh PostgreSQL database on the server of
// scripts/with-test-services (TEST_POSTGRES_URL), or a SQLite file in a fresh temporary folder.
// Each is dropped (or deleted) when the object is destroyed.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "core/url.h"
#include "store/postgres_connection.h"
#include "store/sqlite_connection.h"

namespace mysanta::testing {

enum class Backend { kPostgres, kSqlite };

inline std::string BackendName(Backend backend) {
  return backend == Backend::kPostgres ? "Postgres" : "Sqlite";
}

// `url` with its database (the last path segment) replaced by `database`.
inline std::string WithDatabase(const std::string& url, const std::string& database) {
  const size_t query = url.find('?');
  const std::string base = url.substr(0, query);
  const std::string rest = query == std::string::npos ? "" : url.substr(query);
  const size_t slash = base.rfind('/');
  const size_t authority = base.find("://") + 3;
  if (slash == std::string::npos || slash < authority) return base + "/" + database + rest;
  return base.substr(0, slash + 1) + database + rest;
}

class ScratchDatabase {
 public:
  // `admin_url`: TEST_POSTGRES_URL (unused for SQLite).
  ScratchDatabase(Backend backend, const std::string& admin_url)
      : backend_(backend), admin_url_(admin_url) {
    static std::atomic<int> counter{0};
    const std::string name = fmt::format("mysanta_store_test_{}_{}", getpid(), ++counter);
    if (backend == Backend::kPostgres) {
      Admin()->Execute("CREATE DATABASE " + name);
      name_ = name;
      url_ = *ParseDatabaseUrl(WithDatabase(admin_url, name));
    } else {
      folder_ = std::filesystem::temp_directory_path() / name;
      std::filesystem::remove_all(folder_);
      // A folder that does not exist yet: opening must create it.
      url_ = *ParseDatabaseUrl("sqlite:" + (folder_ / "sub" / "db.sqlite").string());
    }
  }
  ~ScratchDatabase() {
    if (backend_ == Backend::kPostgres) {
      try {
        Admin()->Execute("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
      } catch (const StoreError&) {
      }
    } else {
      std::filesystem::remove_all(folder_);
    }
  }
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const DatabaseUrl& url() const { return url_; }

  // Runs `sql` on a read-write connection of its own (to set up what the service cannot write).
  void Execute(const std::string& sql) const {
    if (backend_ == Backend::kPostgres) {
      PostgresConnection::Connect(url_)->Execute(sql);
    } else {
      SqliteConnection::Open(url_.sqlite_path, SqliteConnection::Mode::kReadWriteCreate)
          ->Execute(sql);
    }
  }

  // PostgreSQL: ends every other session on this database, as a server restart would.
  void TerminateConnections() const {
    Admin()->Query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 "
        "AND pid <> pg_backend_pid()",
        {name_});
  }

  // The integer a one-row, one-column query returns.
  int64_t QueryInteger(const std::string& sql) const {
    if (backend_ == Backend::kPostgres) {
      return PostgresConnection::Connect(url_)->Query(sql).Int64(0, 0);
    }
    auto connection =
        SqliteConnection::Open(url_.sqlite_path, SqliteConnection::Mode::kReadOnly);
    SqliteStatement statement = connection->Prepare(sql);
    if (!statement.Step()) throw StoreError("no row from " + sql);
    return statement.Int64(0);
  }

 private:
  std::unique_ptr<PostgresConnection> Admin() const {
    return PostgresConnection::Connect(*ParseDatabaseUrl(admin_url_));
  }

  Backend backend_;
  std::string admin_url_;
  std::string name_;
  std::filesystem::path folder_;
  DatabaseUrl url_;
};

}  // namespace mysanta::testing

// In a test fixture's SetUp: `admin_url_` is TEST_POSTGRES_URL for the PostgreSQL backend
// (skipping, or failing under CI, when it is unset).
#define MYSANTA_SETUP_BACKEND(backend)                                   \
  if ((backend) == ::mysanta::testing::Backend::kPostgres) {             \
    MYSANTA_REQUIRE_ENV(postgres_url_, "TEST_POSTGRES_URL");             \
    admin_url_ = postgres_url_;                                          \
  }
