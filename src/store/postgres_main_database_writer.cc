// MainDatabaseWriter on PostgreSQL: COPY FROM STDIN of the four tables in one transaction.
#include <charconv>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "store/main_database_writer_backends.h"
#include "store/postgres_connection.h"
#include "store/sql_files.h"

namespace mysanta {
namespace {

void AppendInteger(std::string& out, int64_t value) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end);
}

void AppendId(std::string& out, const IdDictionary& ids, Index index) {
  if (ids.kind() == IdKind::kInteger) {
    AppendInteger(out, ids.IntegerAt(index));
  } else {
    AppendCopyText(out, ids.TextAt(index));
  }
}

class PostgresMainDatabaseWriter : public MainDatabaseWriter {
 public:
  explicit PostgresMainDatabaseWriter(const DatabaseUrl& url)
      : connection_(PostgresConnection::Connect(url)) {}

  void CreateSchema(IdKind ids) override {
    PostgresTransaction transaction(*connection_);
    CreateTables(ids);
    transaction.Commit();
  }

  void Write(const MainData& data, const WriteProgress& progress) override {
    PostgresTransaction transaction(*connection_);
    WriteAll(data, progress);
    transaction.Commit();
    if (progress) progress("indexes", 1, 1);
  }

  void CreateSchemaAndWrite(const MainData& data, const WriteProgress& progress) override {
    PostgresTransaction transaction(*connection_);
    CreateTables(data.user_ids.kind());
    WriteAll(data, progress);
    transaction.Commit();
    if (progress) progress("indexes", 1, 1);
  }

 private:
  void CreateTables(IdKind ids) {
    connection_->Execute("DROP TABLE IF EXISTS clicks, likes, presents, users");
    connection_->Execute(
        WithIdType(SplitAtAfterLoad(SqlFile("main_schema.postgresql.sql")).first, ids));
    ids_ = ids;
  }

  // The rows and the secondary indexes, inside the caller's transaction.
  void WriteAll(const MainData& data, const WriteProgress& progress) {
    CheckIdKinds(data, ids_);
    WriteUsers(data, progress);
    WritePresents(data, progress);
    WriteInteractions("likes", "COPY likes (user_id, present_id, created_at) FROM STDIN",
                      data, data.likes, /*with_click_ids=*/false, progress);
    WriteInteractions("clicks", "COPY clicks (id, user_id, present_id, created_at) FROM STDIN",
                      data, data.clicks, /*with_click_ids=*/true, progress);
    if (progress) progress("indexes", 0, 1);
    connection_->Execute(SplitAtAfterLoad(SqlFile("main_schema.postgresql.sql")).second);
  }

  static void Report(const WriteProgress& progress, std::string_view table, int64_t written,
                     int64_t total) {
    if (progress && (written % kProgressEvery == 0 || written == total)) {
      progress(table, written, total);
    }
  }

  void WriteUsers(const MainData& data, const WriteProgress& progress) {
    CopyInWriter copy(*connection_,
                      "COPY users (id, gender, birth_date, geo_id, created_at) FROM STDIN");
    const auto total = static_cast<int64_t>(data.users.size());
    for (Index i = 0; i < data.users.size(); ++i) {
      const User& user = data.users[i];
      if (user.in_users_table) {
        std::string& out = copy.buffer();
        AppendId(out, data.user_ids, i);
        out += user.gender == Gender::kAny ? "\t\\N\t" : fmt::format("\t{}\t", GenderName(user.gender));
        out += user.birth_date == kUnknownDate ? "\\N" : FormatDate(user.birth_date);
        out += '\t';
        if (user.geo_id == kNoGeo) {
          out += "\\N";
        } else {
          AppendInteger(out, user.geo_id);
        }
        out += '\t';
        out += FormatTimestamp(user.created_at);
        out += '\n';
        copy.RowDone();
      }
      Report(progress, "users", i + 1, total);
    }
    copy.Finish();
  }

  void WritePresents(const MainData& data, const WriteProgress& progress) {
    CopyInWriter copy(*connection_,
                      "COPY presents (id, title, price, category, platform, gender, age_group, "
                      "geo_id, is_active, created_at) FROM STDIN");
    const auto total = static_cast<int64_t>(data.presents.size());
    for (Index i = 0; i < data.presents.size(); ++i) {
      const Present& present = data.presents[i];
      std::string& out = copy.buffer();
      AppendId(out, data.present_ids, i);
      out += '\t';
      AppendCopyText(out, present.title);
      out += fmt::format("\t{:.2f}\t", present.price);
      AppendCopyText(out, data.categories.At(present.category));
      out += '\t';
      AppendCopyText(out, data.platforms.At(present.platform));
      out += fmt::format("\t{}\t{}\t", GenderName(present.gender), AgeRangeLabel(present.age));
      if (present.geo_id == kNoGeo) {
        out += "\\N";
      } else {
        AppendInteger(out, present.geo_id);
      }
      out += present.is_active ? "\tt\t" : "\tf\t";
      out += FormatTimestamp(present.created_at);
      out += '\n';
      copy.RowDone();
      Report(progress, "presents", i + 1, total);
    }
    copy.Finish();
  }

  void WriteInteractions(std::string_view table, std::string_view copy_sql, const MainData& data,
                         const std::vector<Interaction>& rows, bool with_click_ids,
                         const WriteProgress& progress) {
    CopyInWriter copy(*connection_, copy_sql);
    const auto total = static_cast<int64_t>(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      const Interaction& row = rows[i];
      std::string& out = copy.buffer();
      if (with_click_ids) {
        AppendInteger(out, static_cast<int64_t>(i + 1));
        out += '\t';
      }
      if (row.user == kNoIndex) {
        out += "\\N";
      } else {
        AppendId(out, data.user_ids, row.user);
      }
      out += '\t';
      AppendId(out, data.present_ids, row.present);
      out += '\t';
      out += FormatTimestamp(row.created_at);
      out += '\n';
      copy.RowDone();
      Report(progress, table, static_cast<int64_t>(i + 1), total);
    }
    copy.Finish();
  }

  std::unique_ptr<PostgresConnection> connection_;
  IdKind ids_ = IdKind::kInteger;
};

}  // namespace

std::unique_ptr<MainDatabaseWriter> OpenPostgresMainDatabaseWriter(const DatabaseUrl& url) {
  return std::make_unique<PostgresMainDatabaseWriter>(url);
}

}  // namespace mysanta
