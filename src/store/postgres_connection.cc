#include "store/postgres_connection.h"

#include <algorithm>
#include <charconv>

namespace mysanta {
namespace {

constexpr size_t kCopyChunkBytes = 1 << 20;

// The password of a `scheme://user:password@host` URL; empty when there is none.
std::string PasswordOf(std::string_view url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  const size_t start = scheme_end + 3;
  const size_t at = url.find('@', start);
  const size_t colon = url.find(':', start);
  const size_t slash = url.find('/', start);
  if (at == std::string_view::npos || colon == std::string_view::npos || colon > at ||
      (slash != std::string_view::npos && slash < at)) {
    return {};
  }
  return std::string(url.substr(colon + 1, at - colon - 1));
}

std::string Scrub(std::string message, const std::string& password) {
  if (password.empty()) return message;
  for (size_t at = message.find(password); at != std::string::npos;
       at = message.find(password, at)) {
    message.replace(at, password.size(), "***");
  }
  return message;
}

std::string Trimmed(const char* text) {
  std::string result = text == nullptr ? "" : text;
  while (!result.empty() && (result.back() == '\n' || result.back() == ' ')) result.pop_back();
  return result;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

int64_t PgResult::Int64(int row, int column) const {
  const std::string_view text = Text(row, column);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw StoreError("expected an integer from PostgreSQL, got \"" + std::string(text) + "\"");
  }
  return value;
}

void CopyTextRow::Parse(std::string_view line) {
  buffer_.clear();
  fields_.clear();
  uint32_t start = 0;
  bool null = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\t') {
      fields_.push_back(null ? Field{kNull, 0}
                             : Field{start, static_cast<uint32_t>(buffer_.size() - start)});
      start = static_cast<uint32_t>(buffer_.size());
      null = false;
      continue;
    }
    if (c != '\\' || i + 1 == line.size()) {
      buffer_.push_back(c);
      continue;
    }
    const char next = line[++i];
    switch (next) {
      case 'N': null = true; break;
      case 'b': buffer_.push_back('\b'); break;
      case 'f': buffer_.push_back('\f'); break;
      case 'n': buffer_.push_back('\n'); break;
      case 'r': buffer_.push_back('\r'); break;
      case 't': buffer_.push_back('\t'); break;
      case 'v': buffer_.push_back('\v'); break;
      case 'x': {
        int value = 0;
        int digits = 0;
        while (digits < 2 && i + 1 < line.size() && HexValue(line[i + 1]) >= 0) {
          value = value * 16 + HexValue(line[++i]);
          ++digits;
        }
        buffer_.push_back(static_cast<char>(value));
        break;
      }
      default:
        if (next >= '0' && next <= '7') {
          int value = next - '0';
          for (int digits = 1; digits < 3 && i + 1 < line.size() && line[i + 1] >= '0' &&
                               line[i + 1] <= '7';
               ++digits) {
            value = value * 8 + (line[++i] - '0');
          }
          buffer_.push_back(static_cast<char>(value));
        } else {
          buffer_.push_back(next);  // "\\" and any other escaped character stand for themselves
        }
    }
  }
  fields_.push_back(null ? Field{kNull, 0}
                         : Field{start, static_cast<uint32_t>(buffer_.size() - start)});
}

void AppendCopyText(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out.push_back(c);
    }
  }
}

std::unique_ptr<PostgresConnection> PostgresConnection::Connect(const DatabaseUrl& url,
                                                                std::string_view options) {
  const std::string options_text(options);
  // Keywords are applied in order: the URL (dbname) may override the first two, not `options`.
  std::vector<const char*> keywords = {"application_name", "connect_timeout", "dbname"};
  std::vector<const char*> values = {"mysanta-rec", "10", url.url.c_str()};
  if (!options_text.empty()) {
    keywords.push_back("options");
    values.push_back(options_text.c_str());
  }
  keywords.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* connection = PQconnectdbParams(keywords.data(), values.data(), /*expand_dbname=*/1);
  std::string password = PasswordOf(url.url);
  if (connection == nullptr) {
    throw StoreError("PostgreSQL " + url.Masked() + ": out of memory while connecting");
  }
  if (PQstatus(connection) != CONNECTION_OK) {
    std::string message = Scrub(Trimmed(PQerrorMessage(connection)), password);
    PQfinish(connection);
    throw PostgresError("PostgreSQL " + url.Masked() + ": cannot connect: " + message, "");
  }
  return std::unique_ptr<PostgresConnection>(
      new PostgresConnection(connection, url.Masked(), std::move(password)));
}

PostgresConnection::PostgresConnection(PGconn* connection, std::string masked_url,
                                       std::string password)
    : connection_(connection), masked_url_(std::move(masked_url)), password_(std::move(password)) {
  // Server notices (e.g. "table does not exist, skipping") are not errors: keep them quiet.
  PQsetNoticeProcessor(connection_, [](void*, const char*) {}, nullptr);
}

PostgresConnection::~PostgresConnection() { PQfinish(connection_); }

void PostgresConnection::Fail(std::string_view what, std::string message, std::string sqlstate) {
  throw PostgresError("PostgreSQL " + masked_url_ + ": " + std::string(what) + ": " +
                          Scrub(std::move(message), password_),
                      std::move(sqlstate));
}

PgResult PostgresConnection::Check(PGresult* raw, std::string_view what, ExecStatusType expected,
                                   ExecStatusType also_ok) {
  PgResult result(raw);
  const ExecStatusType status = raw == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(raw);
  if (status != expected && status != also_ok) {
    std::string message = raw != nullptr && *PQresultErrorMessage(raw) != '\0'
                              ? Trimmed(PQresultErrorMessage(raw))
                              : Trimmed(PQerrorMessage(connection_));
    const char* sqlstate = raw == nullptr ? nullptr : PQresultErrorField(raw, PG_DIAG_SQLSTATE);
    Fail(what, std::move(message), sqlstate == nullptr ? "" : sqlstate);
  }
  return result;
}

void PostgresConnection::DrainResults() {
  while (PGresult* extra = PQgetResult(connection_)) PQclear(extra);
}

void PostgresConnection::Execute(std::string_view sql) {
  const std::string text(sql);
  PGresult* result = PQexec(connection_, text.c_str());
  // Text that holds only comments is no statement, and no error.
  if (result != nullptr && PQresultStatus(result) == PGRES_EMPTY_QUERY) {
    PQclear(result);
    return;
  }
  Check(result, "statement failed", PGRES_COMMAND_OK, PGRES_TUPLES_OK);
}

namespace {

std::vector<const char*> ParamPointers(const PgParams& params) {
  std::vector<const char*> pointers;
  pointers.reserve(params.size());
  for (const auto& param : params) pointers.push_back(param ? param->c_str() : nullptr);
  return pointers;
}

}  // namespace

PgResult PostgresConnection::Query(std::string_view sql, const PgParams& params) {
  const std::string text(sql);
  const auto pointers = ParamPointers(params);
  return Check(PQexecParams(connection_, text.c_str(), static_cast<int>(params.size()), nullptr,
                            pointers.data(), nullptr, nullptr, 0),
               "query failed", PGRES_TUPLES_OK, PGRES_COMMAND_OK);
}

void PostgresConnection::PrepareOnce(const std::string& name, std::string_view sql) {
  if (std::find(prepared_.begin(), prepared_.end(), name) != prepared_.end()) return;
  const std::string text(sql);
  Check(PQprepare(connection_, name.c_str(), text.c_str(), 0, nullptr), "prepare failed",
        PGRES_COMMAND_OK);
  prepared_.push_back(name);
}

PgResult PostgresConnection::ExecutePrepared(const std::string& name, const PgParams& params) {
  const auto pointers = ParamPointers(params);
  return Check(PQexecPrepared(connection_, name.c_str(), static_cast<int>(params.size()),
                              pointers.data(), nullptr, nullptr, 0),
               "query failed", PGRES_TUPLES_OK, PGRES_COMMAND_OK);
}

void PostgresConnection::CopyOut(std::string_view copy_sql,
                                 const std::function<void(const CopyTextRow&)>& on_row) {
  const std::string text(copy_sql);
  Check(PQexec(connection_, text.c_str()), "COPY failed", PGRES_COPY_OUT);
  CopyTextRow row;
  bool callback_failed = false;
  std::exception_ptr failure;
  for (;;) {
    char* data = nullptr;
    const int length = PQgetCopyData(connection_, &data, /*async=*/0);
    if (length < 0) break;
    if (!callback_failed) {
      try {
        std::string_view line(data, static_cast<size_t>(length));
        if (line.ends_with('\n')) line.remove_suffix(1);
        row.Parse(line);
        on_row(row);
      } catch (...) {
        // Keep reading so that the connection stays usable, then report the failure.
        callback_failed = true;
        failure = std::current_exception();
      }
    }
    PQfreemem(data);
  }
  PGresult* final_result = PQgetResult(connection_);
  DrainResults();
  Check(final_result, "COPY failed", PGRES_COMMAND_OK);
  if (failure) std::rethrow_exception(failure);
}

CopyInWriter::CopyInWriter(PostgresConnection& connection, std::string_view copy_sql)
    : connection_(connection) {
  const std::string text(copy_sql);
  connection_.Check(PQexec(connection_.connection_, text.c_str()), "COPY failed", PGRES_COPY_IN);
  buffer_.reserve(kCopyChunkBytes + 4096);
}

CopyInWriter::~CopyInWriter() {
  if (!open_) return;
  PQputCopyEnd(connection_.connection_, "aborted by the client");
  connection_.DrainResults();
}

void CopyInWriter::RowDone() {
  if (buffer_.size() >= kCopyChunkBytes) Flush();
}

void CopyInWriter::Flush() {
  if (buffer_.empty()) return;
  if (PQputCopyData(connection_.connection_, buffer_.data(), static_cast<int>(buffer_.size())) !=
      1) {
    connection_.Fail("COPY failed", Trimmed(PQerrorMessage(connection_.connection_)));
  }
  buffer_.clear();
}

void CopyInWriter::Finish() {
  Flush();
  open_ = false;
  if (PQputCopyEnd(connection_.connection_, nullptr) != 1) {
    connection_.Fail("COPY failed", Trimmed(PQerrorMessage(connection_.connection_)));
  }
  PGresult* final_result = PQgetResult(connection_.connection_);
  connection_.DrainResults();
  connection_.Check(final_result, "COPY failed", PGRES_COMMAND_OK);
}

PostgresTransaction::PostgresTransaction(PostgresConnection& connection,
                                         std::string_view begin_sql)
    : connection_(connection) {
  connection_.Execute(begin_sql);
}

PostgresTransaction::~PostgresTransaction() {
  if (done_) return;
  try {
    connection_.Execute("ROLLBACK");
  } catch (const StoreError&) {
    // The connection is broken; the server rolls back on its own.
  }
}

void PostgresTransaction::Commit() {
  done_ = true;
  connection_.Execute("COMMIT");
}

}  // namespace mysanta
