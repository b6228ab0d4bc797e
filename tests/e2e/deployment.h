// Deployment: one set of backends for a server under end-to-end test — a main database filled by
// the real `mysanta-rec generate`, an empty recommendations database and a cache — on the
// embedded default (SQLite files + memory://) or on the PostgreSQL and Redis of
// scripts/with-test-services (uniquely named databases, dropped at the end; a Redis database
// number of its own, flushed first). Also direct read-write access to the main database, which
// the tests use to change MySanta's data behind the service's back.
//
// Not thread-safe.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/url.h"
#include "server_process.h"
#include "store/postgres_connection.h"
#include "store/sqlite_connection.h"
#include "store/store_error.h"

namespace mysanta::e2e {

enum class BackendKind { kSqliteMemory, kPostgresRedis };

// Test-name suffixes. "Redis" in a name makes ctest run the test alone with the other Redis tests.
inline std::string BackendName(BackendKind kind) {
  return kind == BackendKind::kSqliteMemory ? "SqliteMemory" : "PostgresRedis";
}

inline std::string EnvOrEmpty(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

// `url` with its database (the last path segment) replaced by `database`.
inline std::string WithDatabase(const std::string& url, const std::string& database) {
  const size_t slash = url.rfind('/');
  return url.substr(0, slash + 1) + database;
}

// Runs `sql` on a fresh read-write connection to the database at `url`.
inline void ExecuteSql(const DatabaseUrl& url, const std::string& sql) {
  if (url.is_postgres()) {
    PostgresConnection::Connect(url)->Execute(sql);
  } else {
    SqliteConnection::Open(url.sqlite_path, SqliteConnection::Mode::kReadWriteCreate)
        ->Execute(sql);
  }
}

class Deployment {
 public:
  // Creates the databases and runs `mysanta-rec generate <generate_args> --out MAIN`.
  // Throws std::runtime_error when a step fails (with the command's output).
  Deployment(BackendKind kind, const std::vector<std::string>& generate_args) : kind_(kind) {
    static std::atomic<int> counter{0};
    const int number = ++counter;
    name_ = fmt::format("mysanta_e2e_{}_{}", getpid(), number);
    dir_ = std::filesystem::temp_directory_path() / name_;
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    if (kind == BackendKind::kPostgresRedis) {
      admin_url_ = EnvOrEmpty("TEST_POSTGRES_URL");
      const std::string redis_port = EnvOrEmpty("TEST_REDIS_PORT");
      if (admin_url_.empty() || redis_port.empty()) {
        throw std::runtime_error("TEST_POSTGRES_URL/TEST_REDIS_PORT unset: use with-test-services");
      }
      Admin("CREATE DATABASE " + name_ + "_main");
      Admin("CREATE DATABASE " + name_ + "_rec");
      created_databases_ = true;
      main_url_ = WithDatabase(admin_url_, name_ + "_main");
      recommendations_url_ = WithDatabase(admin_url_, name_ + "_rec");
      // Databases 2..15: each live deployment of this process has its own, so that no server
      // sees another's cache entries (keys hold the data version, which starts anew per server).
      redis_port_ = redis_port;
      redis_database_ = 2 + (number - 1) % 14;
      cache_url_ = fmt::format("redis://127.0.0.1:{}/{}", redis_port, redis_database_);
      FlushRedis();
    } else {
      main_url_ = "sqlite:" + (dir_ / "main.db").string();
      recommendations_url_ = "sqlite:" + (dir_ / "rec.db").string();
      cache_url_ = "memory://";
    }
    std::vector<std::string> argv = {BinaryPath(), "generate"};
    argv.insert(argv.end(), generate_args.begin(), generate_args.end());
    argv.push_back("--out");
    argv.push_back(main_url_);
    CommandResult generated = RunCommand(argv, {}, dir_ / "generate.log");
    if (generated.exit_code != 0) {
      throw std::runtime_error("generate failed: " + generated.output);
    }
  }

  ~Deployment() {
    if (created_databases_) {
      for (const char* suffix : {"_main", "_rec"}) {
        try {
          Admin("DROP DATABASE IF EXISTS " + name_ + suffix + " WITH (FORCE)");
        } catch (const std::exception&) {
          // Best effort: with-test-services deletes the whole cluster afterwards.
        }
      }
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  Deployment(const Deployment&) = delete;
  Deployment& operator=(const Deployment&) = delete;

  BackendKind kind() const { return kind_; }
  const std::filesystem::path& dir() const { return dir_; }
  const std::string& main_url() const { return main_url_; }
  const std::string& recommendations_url() const { return recommendations_url_; }
  const std::string& cache_url() const { return cache_url_; }
  DatabaseUrl MainDatabaseUrl() const { return *ParseDatabaseUrl(main_url_); }

  // The three URLs of a server over this deployment.
  Environment ServerEnvironment() const {
    return {{"MAIN_DATABASE_URL", main_url_},
            {"RECOMMENDATIONS_DATABASE_URL", recommendations_url_},
            {"RECOMMENDATIONS_REDIS_URL", cache_url_}};
  }

  // Runs `sql` on the main database with a read-write connection of the test's own.
  void ExecuteOnMain(const std::string& sql) const { ExecuteSql(MainDatabaseUrl(), sql); }

  // A PostgreSQL database that existed and was dropped: a URL nothing answers on (PostgreSQL
  // deployments only).
  std::string DroppedDatabaseUrl() const {
    const std::string name = name_ + "_gone";
    Admin("CREATE DATABASE " + name);
    Admin("DROP DATABASE " + name);
    return WithDatabase(admin_url_, name);
  }

  // Drops the main database under a running server (PostgreSQL deployments only): the outage of
  // MySanta's database.
  void DropMainDatabase() const { Admin("DROP DATABASE IF EXISTS " + name_ + "_main WITH (FORCE)"); }

  void FlushRedis() const {
    if (redis_port_.empty()) return;
    std::string command = fmt::format("redis-cli -p {} -n {} flushdb >/dev/null 2>&1",
                                      redis_port_, redis_database_);
    if (std::system(command.c_str()) != 0) throw std::runtime_error("cannot flush " + cache_url_);
  }

 private:
  void Admin(const std::string& sql) const { ExecuteSql(*ParseDatabaseUrl(admin_url_), sql); }

  BackendKind kind_;
  std::string name_;
  std::filesystem::path dir_;
  std::string admin_url_;
  bool created_databases_ = false;
  std::string main_url_;
  std::string recommendations_url_;
  std::string cache_url_;
  std::string redis_port_;
  int redis_database_ = 0;
};

}  // namespace mysanta::e2e
