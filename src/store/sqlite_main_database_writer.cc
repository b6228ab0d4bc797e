// MainDatabaseWriter on SQLite: prepared inserts in one transaction, with bulk-load pragmas.
#include <cmath>

#include "store/main_database_writer_backends.h"
#include "store/sql_files.h"
#include "store/sqlite_connection.h"

namespace mysanta {
namespace {

void BindId(SqliteStatement& statement, int parameter, const IdDictionary& ids, Index index) {
  if (ids.kind() == IdKind::kInteger) {
    statement.Bind(parameter, ids.IntegerAt(index));
  } else {
    statement.Bind(parameter, std::string_view(ids.TextAt(index)));
  }
}

void BindGeo(SqliteStatement& statement, int parameter, int32_t geo_id) {
  if (geo_id == kNoGeo) {
    statement.BindNull(parameter);
  } else {
    statement.Bind(parameter, int64_t{geo_id});
  }
}

class SqliteMainDatabaseWriter : public MainDatabaseWriter {
 public:
  explicit SqliteMainDatabaseWriter(const DatabaseUrl& url)
      : connection_(SqliteConnection::Open(url.sqlite_path,
                                           SqliteConnection::Mode::kReadWriteCreate)) {}

  void CreateSchema(IdKind ids) override {
    SqliteTransaction transaction(*connection_);
    for (const char* table : {"clicks", "likes", "presents", "users"}) {
      connection_->Execute(std::string("DROP TABLE IF EXISTS ") + table);
    }
    connection_->Execute(
        WithIdType(SplitAtAfterLoad(SqlFile("main_schema.sqlite.sql")).first, ids));
    transaction.Commit();
    ids_ = ids;
  }

  void Write(const MainData& data, const WriteProgress& progress) override {
    CheckIdKinds(data, ids_);
    // A half-written database is useless anyway (generate starts over), so trade durability
    // for speed while loading; the rollback journal comes back afterwards, because read-only
    // readers of a WAL database would need write access to its -shm file.
    connection_->Execute(
        "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;");
    {
      SqliteTransaction transaction(*connection_);
      WriteUsers(data, progress);
      WritePresents(data, progress);
      WriteInteractions("likes",
                        "INSERT INTO likes (user_id, present_id, created_at) VALUES (?1, ?2, ?3)",
                        data, data.likes, /*with_click_ids=*/false, progress);
      WriteInteractions(
          "clicks",
          "INSERT INTO clicks (id, user_id, present_id, created_at) VALUES (?4, ?1, ?2, ?3)",
          data, data.clicks, /*with_click_ids=*/true, progress);
      if (progress) progress("indexes", 0, 1);
      connection_->Execute(SplitAtAfterLoad(SqlFile("main_schema.sqlite.sql")).second);
      transaction.Commit();
    }
    connection_->Execute("PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;");
    if (progress) progress("indexes", 1, 1);
  }

 private:
  static void Report(const WriteProgress& progress, std::string_view table, int64_t written,
                     int64_t total) {
    if (progress && (written % kProgressEvery == 0 || written == total)) {
      progress(table, written, total);
    }
  }

  void WriteUsers(const MainData& data, const WriteProgress& progress) {
    SqliteStatement insert = connection_->Prepare(
        "INSERT INTO users (id, gender, birth_date, geo_id, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    const auto total = static_cast<int64_t>(data.users.size());
    for (Index i = 0; i < data.users.size(); ++i) {
      const User& user = data.users[i];
      if (user.in_users_table) {
        BindId(insert, 1, data.user_ids, i);
        if (user.gender == Gender::kAny) {
          insert.BindNull(2);
        } else {
          insert.Bind(2, GenderName(user.gender));
        }
        if (user.birth_date == kUnknownDate) {
          insert.BindNull(3);
        } else {
          insert.Bind(3, std::string_view(FormatDate(user.birth_date)));
        }
        BindGeo(insert, 4, user.geo_id);
        insert.Bind(5, std::string_view(FormatTimestamp(user.created_at)));
        insert.Run();
      }
      Report(progress, "users", i + 1, total);
    }
  }

  void WritePresents(const MainData& data, const WriteProgress& progress) {
    SqliteStatement insert = connection_->Prepare(
        "INSERT INTO presents (id, title, price, category, platform, gender, age_group, geo_id, "
        "is_active, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    const auto total = static_cast<int64_t>(data.presents.size());
    for (Index i = 0; i < data.presents.size(); ++i) {
      const Present& present = data.presents[i];
      BindId(insert, 1, data.present_ids, i);
      insert.Bind(2, std::string_view(present.title));
      // NUMERIC(12,2), as PostgreSQL stores it.
      insert.Bind(3, std::round(present.price * 100) / 100);
      insert.Bind(4, std::string_view(data.categories.At(present.category)));
      insert.Bind(5, std::string_view(data.platforms.At(present.platform)));
      insert.Bind(6, GenderName(present.gender));
      insert.Bind(7, std::string_view(AgeRangeLabel(present.age)));
      BindGeo(insert, 8, present.geo_id);
      insert.Bind(9, int64_t{present.is_active ? 1 : 0});
      insert.Bind(10, std::string_view(FormatTimestamp(present.created_at)));
      insert.Run();
      Report(progress, "presents", i + 1, total);
    }
  }

  void WriteInteractions(std::string_view table, std::string_view sql, const MainData& data,
                         const std::vector<Interaction>& rows, bool with_click_ids,
                         const WriteProgress& progress) {
    SqliteStatement insert = connection_->Prepare(sql);
    const auto total = static_cast<int64_t>(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      const Interaction& row = rows[i];
      if (row.user == kNoIndex) {
        insert.BindNull(1);
      } else {
        BindId(insert, 1, data.user_ids, row.user);
      }
      BindId(insert, 2, data.present_ids, row.present);
      insert.Bind(3, std::string_view(FormatTimestamp(row.created_at)));
      if (with_click_ids) insert.Bind(4, static_cast<int64_t>(i + 1));
      insert.Run();
      Report(progress, table, static_cast<int64_t>(i + 1), total);
    }
  }

  std::unique_ptr<SqliteConnection> connection_;
  IdKind ids_ = IdKind::kInteger;
};

}  // namespace

std::unique_ptr<MainDatabaseWriter> OpenSqliteMainDatabaseWriter(const DatabaseUrl& url) {
  return std::make_unique<SqliteMainDatabaseWriter>(url);
}

}  // namespace mysanta
