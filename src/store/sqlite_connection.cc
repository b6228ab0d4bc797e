#include "store/sqlite_connection.h"

#include <filesystem>
#include <system_error>

namespace mysanta {
namespace {

// How long a connection waits for another's write lock before failing with SQLITE_BUSY.
constexpr int kBusyTimeoutMs = 10000;

}  // namespace

void SqliteStatement::Fail(std::string_view what, int code) const {
  throw StoreError("SQLite " + path_ + ": " + std::string(what) + ": " +
                   sqlite3_errmsg(database_) + " (" + sqlite3_errstr(code) + ")");
}

void SqliteStatement::Bind(int parameter, int64_t value) {
  if (int code = sqlite3_bind_int64(statement_, parameter, value); code != SQLITE_OK) {
    Fail("bind failed", code);
  }
}

void SqliteStatement::Bind(int parameter, double value) {
  if (int code = sqlite3_bind_double(statement_, parameter, value); code != SQLITE_OK) {
    Fail("bind failed", code);
  }
}

void SqliteStatement::Bind(int parameter, std::string_view text) {
  if (int code = sqlite3_bind_text(statement_, parameter, text.data(),
                                   static_cast<int>(text.size()), SQLITE_TRANSIENT);
      code != SQLITE_OK) {
    Fail("bind failed", code);
  }
}

void SqliteStatement::BindNull(int parameter) {
  if (int code = sqlite3_bind_null(statement_, parameter); code != SQLITE_OK) {
    Fail("bind failed", code);
  }
}

bool SqliteStatement::Step() {
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  // Leave the statement reusable; the error message survives the reset.
  sqlite3_reset(statement_);
  Fail("statement failed", code);
}

void SqliteStatement::Run() {
  while (Step()) {
  }
  sqlite3_reset(statement_);
}

void SqliteStatement::Reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

std::string_view SqliteStatement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  if (text == nullptr) return {};
  return {text, static_cast<size_t>(sqlite3_column_bytes(statement_, column))};
}

std::unique_ptr<SqliteConnection> SqliteConnection::Open(const std::string& path, Mode mode) {
  int flags = SQLITE_OPEN_NOMUTEX;
  if (mode == Mode::kReadOnly) {
    flags |= SQLITE_OPEN_READONLY;
  } else {
    flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    std::error_code error;
    if (!folder.empty()) std::filesystem::create_directories(folder, error);
    if (error) {
      throw StoreError("SQLite " + path + ": cannot create folder " + folder.string() + ": " +
                       error.message());
    }
  }
  sqlite3* database = nullptr;
  const int code = sqlite3_open_v2(path.c_str(), &database, flags, nullptr);
  if (code != SQLITE_OK) {
    std::string message = database != nullptr ? sqlite3_errmsg(database) : sqlite3_errstr(code);
    sqlite3_close_v2(database);
    throw StoreError("SQLite " + path + ": cannot open: " + message);
  }
  sqlite3_busy_timeout(database, kBusyTimeoutMs);
  sqlite3_extended_result_codes(database, 1);
  return std::unique_ptr<SqliteConnection>(new SqliteConnection(database, path));
}

SqliteConnection::~SqliteConnection() { sqlite3_close_v2(database_); }

void SqliteConnection::Execute(std::string_view sql) {
  const std::string text(sql);
  char* error = nullptr;
  const int code = sqlite3_exec(database_, text.c_str(), nullptr, nullptr, &error);
  if (code != SQLITE_OK) {
    std::string message = error != nullptr ? error : sqlite3_errstr(code);
    sqlite3_free(error);
    throw StoreError("SQLite " + path_ + ": statement failed: " + message);
  }
}

SqliteStatement SqliteConnection::Prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  const int code = sqlite3_prepare_v3(database_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
  if (code != SQLITE_OK) {
    throw StoreError("SQLite " + path_ + ": prepare failed: " + sqlite3_errmsg(database_));
  }
  return SqliteStatement(statement, database_, path_);
}

SqliteTransaction::SqliteTransaction(SqliteConnection& connection, std::string_view begin_sql)
    : connection_(connection) {
  connection_.Execute(begin_sql);
}

SqliteTransaction::~SqliteTransaction() {
  if (done_) return;
  try {
    connection_.Execute("ROLLBACK");
  } catch (const StoreError&) {
    // SQLite already rolled back (e.g. after SQLITE_FULL): nothing left to undo.
  }
}

void SqliteTransaction::Commit() {
  connection_.Execute("COMMIT");
  done_ = true;
}

}  // namespace mysanta
