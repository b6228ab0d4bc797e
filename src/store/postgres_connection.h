// Small RAII wrappers over libpq: a connection, a query result, a transaction guard, and the
// streaming COPY TO STDOUT / COPY FROM STDIN paths in PostgreSQL's text format.
//
// A PostgresConnection is used by one thread at a time (pool them for concurrency). Failures
// throw PostgresError (a StoreError) naming the database by its masked URL, never its password.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/url.h"
#include "store/store_error.h"

namespace mysanta {

// A failed PostgreSQL operation; sqlstate() is the five-character SQLSTATE when the server sent
// one (e.g. "22P02" for a value that does not parse as the column's type), else empty.
class PostgresError : public StoreError {
 public:
  PostgresError(const std::string& message, std::string sqlstate)
      : StoreError(message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

// Owns one PGresult.
class PgResult {
 public:
  explicit PgResult(PGresult* result) : result_(result, &PQclear) {}

  int rows() const { return PQntuples(result_.get()); }
  int columns() const { return PQnfields(result_.get()); }
  bool IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  std::string_view Text(int row, int column) const {
    return {PQgetvalue(result_.get(), row, column),
            static_cast<size_t>(PQgetlength(result_.get(), row, column))};
  }
  // Parses an integer column; throws StoreError when the value is not one.
  int64_t Int64(int row, int column) const;
  PGresult* get() const { return result_.get(); }

 private:
  std::unique_ptr<PGresult, decltype(&PQclear)> result_;
};

// One row of COPY ... TO STDOUT in text format, split into fields with escapes decoded.
class CopyTextRow {
 public:
  // `line` without its trailing newline.
  void Parse(std::string_view line);
  size_t size() const { return fields_.size(); }
  bool IsNull(size_t field) const { return fields_[field].offset == kNull; }
  // The field's text; empty for NULL.
  std::string_view operator[](size_t field) const {
    if (IsNull(field)) return {};
    return std::string_view(buffer_).substr(fields_[field].offset, fields_[field].length);
  }

 private:
  static constexpr uint32_t kNull = UINT32_MAX;
  struct Field {
    uint32_t offset;
    uint32_t length;
  };
  std::string buffer_;
  std::vector<Field> fields_;
};

// Appends `text` to `out` escaped for COPY FROM STDIN text format.
void AppendCopyText(std::string& out, std::string_view text);

using PgParams = std::vector<std::optional<std::string>>;

class PostgresConnection {
 public:
  // `options` are libpq `options` (server settings such as "-c default_transaction_read_only=on");
  // they take precedence over any given in the URL.
  static std::unique_ptr<PostgresConnection> Connect(const DatabaseUrl& url,
                                                     std::string_view options = {});
  ~PostgresConnection();
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  // Runs one or more statements without parameters.
  void Execute(std::string_view sql);
  PgResult Query(std::string_view sql, const PgParams& params = {});
  // Prepares `sql` under `name` once per connection; later calls are no-ops.
  void PrepareOnce(const std::string& name, std::string_view sql);
  PgResult ExecutePrepared(const std::string& name, const PgParams& params);

  // Runs `copy_sql` (a COPY ... TO STDOUT in text format) and calls `on_row` for each row as it
  // streams in.
  void CopyOut(std::string_view copy_sql, const std::function<void(const CopyTextRow&)>& on_row);

  bool IsHealthy() const { return PQstatus(connection_) == CONNECTION_OK; }
  const std::string& masked_url() const { return masked_url_; }

 private:
  friend class CopyInWriter;
  PostgresConnection(PGconn* connection, std::string masked_url, std::string password);
  // Throws PostgresError unless `result` has one of the expected statuses.
  PgResult Check(PGresult* result, std::string_view what, ExecStatusType expected,
                 ExecStatusType also_ok = PGRES_COMMAND_OK);
  [[noreturn]] void Fail(std::string_view what, std::string message, std::string sqlstate = {});
  void DrainResults();

  PGconn* connection_;
  std::string masked_url_;
  std::string password_;  // only to scrub it from server messages
  std::vector<std::string> prepared_;
};

// COPY ... FROM STDIN in text format: rows are buffered and sent in large chunks. Finish() ends
// the copy and reports the server's verdict; destroying an unfinished writer aborts the copy.
class CopyInWriter {
 public:
  CopyInWriter(PostgresConnection& connection, std::string_view copy_sql);
  ~CopyInWriter();
  CopyInWriter(const CopyInWriter&) = delete;
  CopyInWriter& operator=(const CopyInWriter&) = delete;

  // The row buffer: append fields with AppendCopyText, '\t' between and '\n' after each row,
  // then call RowDone().
  std::string& buffer() { return buffer_; }
  void RowDone();
  void Finish();

 private:
  void Flush();

  PostgresConnection& connection_;
  std::string buffer_;
  bool open_ = true;
};

// BEGIN on construction; ROLLBACK on destruction unless Commit() was called.
class PostgresTransaction {
 public:
  explicit PostgresTransaction(PostgresConnection& connection,
                               std::string_view begin_sql = "BEGIN");
  ~PostgresTransaction();
  PostgresTransaction(const PostgresTransaction&) = delete;
  PostgresTransaction& operator=(const PostgresTransaction&) = delete;
  void Commit();

 private:
  PostgresConnection& connection_;
  bool done_ = false;
};

}  // namespace mysanta
