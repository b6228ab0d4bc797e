// Small RAII wrappers over sqlite3's C API: a connection, a prepared statement and a transaction
// guard.
//
// A SqliteConnection (and its statements) is used by one thread at a time (pool them for
// concurrency). Failures throw StoreError naming the file and SQLite's message.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "store/store_error.h"

namespace mysanta {

class SqliteStatement {
 public:
  SqliteStatement(sqlite3_stmt* statement, sqlite3* database, std::string path)
      : statement_(statement), database_(database), path_(std::move(path)) {}
  ~SqliteStatement() { sqlite3_finalize(statement_); }
  SqliteStatement(SqliteStatement&& other) noexcept
      : statement_(std::exchange(other.statement_, nullptr)),
        database_(other.database_),
        path_(std::move(other.path_)) {}
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Parameters are numbered from 1.
  void Bind(int parameter, int64_t value);
  void Bind(int parameter, double value);
  void Bind(int parameter, std::string_view text);  // copied by SQLite
  void BindNull(int parameter);

  // Advances to the next row: true while there is one.
  bool Step();
  // Runs a statement that returns no rows, then resets it for reuse.
  void Run();
  // Resets for another execution and clears the bindings.
  void Reset();

  // Columns are numbered from 0. ColumnType is SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, ...
  int ColumnType(int column) const { return sqlite3_column_type(statement_, column); }
  bool IsNull(int column) const { return ColumnType(column) == SQLITE_NULL; }
  int64_t Int64(int column) const { return sqlite3_column_int64(statement_, column); }
  double Double(int column) const { return sqlite3_column_double(statement_, column); }
  std::string_view Text(int column) const;

 private:
  [[noreturn]] void Fail(std::string_view what, int code) const;

  sqlite3_stmt* statement_;
  sqlite3* database_;
  std::string path_;
};

class SqliteConnection {
 public:
  enum class Mode {
    kReadOnly,         // SQLITE_OPEN_READONLY: every write fails
    kReadWriteCreate,  // creates the file (and its folder) when missing
  };
  static std::unique_ptr<SqliteConnection> Open(const std::string& path, Mode mode);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // Runs one or more statements that need no parameters.
  void Execute(std::string_view sql);
  SqliteStatement Prepare(std::string_view sql);
  const std::string& path() const { return path_; }

 private:
  SqliteConnection(sqlite3* database, std::string path) : database_(database), path_(std::move(path)) {}

  sqlite3* database_;
  std::string path_;
};

// BEGIN (or BEGIN IMMEDIATE, ...) on construction; ROLLBACK on destruction unless committed.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteConnection& connection, std::string_view begin_sql = "BEGIN");
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  void Commit();

 private:
  SqliteConnection& connection_;
  bool done_ = false;
};

}  // namespace mysanta
