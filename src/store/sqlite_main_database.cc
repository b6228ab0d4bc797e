#include "store/sqlite_main_database.h"

#include <limits>

#include <charconv>
#include <cstring>

#include "store/main_data_builder.h"

namespace mysanta {
namespace {

// Idle connections kept for per-request reads.
constexpr size_t kMaxIdleConnections = 16;

// Distinct liked (kind 0) and clicked (kind 1) presents that exist; indexed by user_id.
constexpr std::string_view kActivitySql = R"sql(
SELECT 0 AS kind, l.present_id FROM likes l
 WHERE l.user_id = ?1 AND EXISTS (SELECT 1 FROM presents p WHERE p.id = l.present_id)
UNION
SELECT 1 AS kind, c.present_id FROM clicks c
 WHERE c.user_id = ?1 AND EXISTS (SELECT 1 FROM presents p WHERE p.id = c.present_id)
ORDER BY 1, 2)sql";

// Timestamps are 'YYYY-MM-DD HH:MM:SS' text; integers are taken as seconds since the epoch.
int64_t ReadTimestamp(const SqliteStatement& statement, int column) {
  switch (statement.ColumnType(column)) {
    case SQLITE_INTEGER: return statement.Int64(column);
    case SQLITE_FLOAT: return static_cast<int64_t>(statement.Double(column));
    case SQLITE_TEXT: return ParseTimestamp(statement.Text(column)).value_or(0);
    default: return 0;
  }
}

int32_t ReadDate(const SqliteStatement& statement, int column) {
  if (statement.ColumnType(column) != SQLITE_TEXT) return kUnknownDate;
  return ParseDate(statement.Text(column)).value_or(kUnknownDate);
}

int32_t ReadGeo(const SqliteStatement& statement, int column) {
  return statement.IsNull(column) ? kNoGeo : static_cast<int32_t>(statement.Int64(column));
}

bool ReadBool(const SqliteStatement& statement, int column) {
  if (statement.ColumnType(column) == SQLITE_TEXT) {
    const std::string_view text = statement.Text(column);
    return text == "1" || text == "t" || text == "true" || text == "TRUE";
  }
  return statement.Int64(column) != 0;
}

// The id kind of `table`.`column`: from its declared type, else from a stored value's type.
IdKind ColumnIdKind(SqliteConnection& connection, const std::string& table,
                    const std::string& column) {
  SqliteStatement info = connection.Prepare("SELECT type FROM pragma_table_info(?1) WHERE name = ?2");
  info.Bind(1, std::string_view(table));
  info.Bind(2, std::string_view(column));
  if (!info.Step()) {
    throw StoreError("SQLite " + connection.path() + ": the main database has no " + table + "." +
                     column + " (create the schema of SPEC section 3)");
  }
  std::string type(info.Text(0));
  for (char& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (type.find("INT") != std::string::npos) return IdKind::kInteger;
  if (!type.empty()) return IdKind::kText;
  SqliteStatement sample = connection.Prepare("SELECT typeof(" + column + ") FROM " + table +
                                              " WHERE " + column + " IS NOT NULL LIMIT 1");
  return sample.Step() && sample.Text(0) == "text" ? IdKind::kText : IdKind::kInteger;
}

}  // namespace

SqliteMainDatabase::SqliteMainDatabase(const DatabaseUrl& url)
    : path_(url.sqlite_path),
      pool_(
          [this] {
            auto session = std::make_unique<Session>();
            session->connection =
                SqliteConnection::Open(path_, SqliteConnection::Mode::kReadOnly);
            return session;
          },
          kMaxIdleConnections) {
  auto session = pool_.Acquire();
  user_kind_ = ColumnIdKind(*session->connection, "users", "id");
  present_kind_ = ColumnIdKind(*session->connection, "presents", "id");
  for (const auto* table : {"likes", "clicks"}) {
    ColumnIdKind(*session->connection, table, "present_id");
  }
}

MainData SqliteMainDatabase::LoadAll() {
  auto session = pool_.Acquire();
  SqliteConnection& connection = *session->connection;
  // One read transaction: one consistent snapshot of the four tables.
  SqliteTransaction transaction(connection);
  MainDataBuilder builder(user_kind_, present_kind_);
  const bool integer_users = user_kind_ == IdKind::kInteger;
  const bool integer_presents = present_kind_ == IdKind::kInteger;
  auto present_id = [&](const SqliteStatement& row, int column) {
    return integer_presents && row.ColumnType(column) == SQLITE_INTEGER
               ? builder.FindPresent(row.Int64(column))
               : builder.FindPresent(row.Text(column));
  };
  auto user_id = [&](const SqliteStatement& row, int column) {
    return integer_users && row.ColumnType(column) == SQLITE_INTEGER
               ? builder.UserIndex(row.Int64(column))
               : builder.UserIndex(row.Text(column));
  };

  SqliteStatement presents = connection.Prepare(
      "SELECT id, title, price, category, platform, gender, age_group, geo_id, is_active, "
      "created_at FROM presents ORDER BY id");
  while (presents.Step()) {
    Present present;
    present.title = std::string(presents.Text(1));
    present.price =
        presents.IsNull(2) ? std::numeric_limits<double>::quiet_NaN() : presents.Double(2);
    present.category = builder.Category(presents.Text(3));
    present.platform = builder.Platform(presents.Text(4));
    present.gender = builder.ReadPresentGender(presents.Text(5));
    present.age = builder.ReadPresentAge(presents.Text(6));
    present.geo_id = ReadGeo(presents, 7);
    present.is_active = ReadBool(presents, 8);
    present.created_at = ReadTimestamp(presents, 9);
    const Index index = integer_presents && presents.ColumnType(0) == SQLITE_INTEGER
                            ? builder.AddPresentId(presents.Int64(0))
                            : builder.AddPresentId(presents.Text(0));
    builder.SetPresent(index, std::move(present));
  }

  SqliteStatement users = connection.Prepare(
      "SELECT id, gender, birth_date, geo_id, created_at FROM users ORDER BY id");
  while (users.Step()) {
    User user;
    user.gender = users.IsNull(1) ? Gender::kAny : builder.ReadUserGender(users.Text(1));
    user.birth_date = ReadDate(users, 2);
    user.geo_id = ReadGeo(users, 3);
    user.created_at = ReadTimestamp(users, 4);
    builder.SetUser(user_id(users, 0), user);
  }

  SqliteStatement likes = connection.Prepare(
      "SELECT user_id, present_id, created_at FROM likes ORDER BY user_id, present_id");
  while (likes.Step()) {
    const Index present = present_id(likes, 1);
    // Orphans are skipped before their user is counted as known.
    const Index user = present == kNoIndex ? kNoIndex : user_id(likes, 0);
    builder.AddLike(user, present, ReadTimestamp(likes, 2));
  }

  SqliteStatement clicks =
      connection.Prepare("SELECT user_id, present_id, created_at FROM clicks ORDER BY id");
  while (clicks.Step()) {
    const Index present = present_id(clicks, 1);
    const Index user = present == kNoIndex || clicks.IsNull(0) ? kNoIndex : user_id(clicks, 0);
    // A user id that is not of the column's form: skipped (counted).
    if (user == kNoIndex && present != kNoIndex && !clicks.IsNull(0)) continue;
    builder.AddClick(user, present, ReadTimestamp(clicks, 2));
  }
  transaction.Commit();
  return builder.Finish();
}

UserActivity SqliteMainDatabase::LoadUserActivity(const ExternalId& user) {
  UserActivity activity;
  const bool integer_id = std::holds_alternative<int64_t>(user);
  if (integer_id != (user_kind_ == IdKind::kInteger)) return activity;
  auto session = pool_.Acquire();
  if (!session->activity) session->activity.emplace(session->connection->Prepare(kActivitySql));
  SqliteStatement& statement = *session->activity;
  statement.Reset();
  if (integer_id) {
    statement.Bind(1, std::get<int64_t>(user));
  } else {
    statement.Bind(1, std::string_view(std::get<std::string>(user)));
  }
  while (statement.Step()) {
    ExternalId present = present_kind_ == IdKind::kInteger && statement.ColumnType(1) == SQLITE_INTEGER
                             ? ExternalId(statement.Int64(1))
                             : ExternalId(std::string(statement.Text(1)));
    (statement.Int64(0) == 0 ? activity.liked : activity.clicked).push_back(std::move(present));
  }
  statement.Reset();
  return activity;
}

MainTableCounts SqliteMainDatabase::CountRows() {
  auto session = pool_.Acquire();
  SqliteStatement statement = session->connection->Prepare(
      "SELECT (SELECT count(*) FROM presents), (SELECT count(*) FROM presents WHERE is_active), "
      "(SELECT count(*) FROM users), (SELECT count(*) FROM likes), (SELECT count(*) FROM clicks)");
  if (!statement.Step()) throw StoreError("SQLite " + path_ + ": counting rows returned nothing");
  return MainTableCounts{statement.Int64(0), statement.Int64(1), statement.Int64(2),
                         statement.Int64(3), statement.Int64(4)};
}

void SqliteMainDatabase::Ping() {
  auto session = pool_.Acquire();
  SqliteStatement statement = session->connection->Prepare("SELECT 1 FROM presents LIMIT 1");
  statement.Step();
}

void SqliteMainDatabase::ExecuteForTest(std::string_view sql) {
  pool_.Acquire()->connection->Execute(sql);
}

}  // namespace mysanta
