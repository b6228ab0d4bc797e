#include "store/postgres_main_database.h"

#include <limits>

#include <algorithm>
#include <charconv>

#include "store/main_data_builder.h"
#include "store/postgres_retry.h"

namespace mysanta {
namespace {

// Idle connections kept for per-request reads.
constexpr size_t kMaxIdleConnections = 16;
// Every session refuses writes, whatever a statement asks.
constexpr std::string_view kReadOnlyOptions = "-c default_transaction_read_only=on";

constexpr std::string_view kActivityStatement = "mysanta_user_activity";
// One round trip: distinct liked (kind 0) and clicked (kind 1) presents that exist. The
// parameter takes the type of the user_id columns, so their indexes serve the lookups.
constexpr std::string_view kActivitySql = R"sql(
SELECT 0 AS kind, l.present_id FROM likes l
 WHERE l.user_id = $1 AND EXISTS (SELECT 1 FROM presents p WHERE p.id = l.present_id)
UNION
SELECT 1 AS kind, c.present_id FROM clicks c
 WHERE c.user_id = $1 AND EXISTS (SELECT 1 FROM presents p WHERE p.id = c.present_id)
ORDER BY 1, 2)sql";

// Seconds since the epoch of a timestamp column, NULL-safe (a NULL reads as 0).
constexpr std::string_view kEpoch = "floor(extract(epoch FROM {}))::bigint";

std::string Epoch(std::string_view column) {
  std::string text(kEpoch);
  text.replace(text.find("{}"), 2, column);
  return text;
}

int64_t ToInt64(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw StoreError("main database: expected an integer, got \"" + std::string(text) + "\"");
  }
  return value;
}

double ToDouble(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc()) {
    throw StoreError("main database: expected a number, got \"" + std::string(text) + "\"");
  }
  return value;
}

int64_t EpochOrZero(const CopyTextRow& row, size_t field) {
  return row.IsNull(field) ? 0 : ToInt64(row[field]);
}

// The id kind of `table`.`column`: integer types are integer ids, anything else (uuid, text,
// varchar) text ids.
IdKind ColumnIdKind(PostgresConnection& connection, std::string_view table,
                    std::string_view column) {
  PgResult result = connection.Query(
      "SELECT format_type(a.atttypid, NULL) FROM pg_attribute a "
      "WHERE a.attrelid = to_regclass($1) AND a.attname = $2 AND NOT a.attisdropped",
      {std::string(table), std::string(column)});
  if (result.rows() == 0) {
    throw StoreError("PostgreSQL " + connection.masked_url() + ": the main database has no " +
                     std::string(table) + "." + std::string(column) +
                     " (create the schema of SPEC section 3)");
  }
  const std::string_view type = result.Text(0, 0);
  return type == "bigint" || type == "integer" || type == "smallint" ? IdKind::kInteger
                                                                      : IdKind::kText;
}

}  // namespace

PostgresMainDatabase::PostgresMainDatabase(const DatabaseUrl& url)
    : url_(url),
      pool_([this] { return PostgresConnection::Connect(url_, kReadOnlyOptions); },
            kMaxIdleConnections) {
  auto connection = pool_.Acquire();
  user_kind_ = ColumnIdKind(*connection, "users", "id");
  present_kind_ = ColumnIdKind(*connection, "presents", "id");
  for (const auto* table : {"likes", "clicks"}) ColumnIdKind(*connection, table, "present_id");
}

MainData PostgresMainDatabase::LoadAll() {
  return WithPostgresConnection(pool_, [this](PostgresConnection& connection) {
    return LoadAllOn(connection);
  });
}

MainData PostgresMainDatabase::LoadAllOn(PostgresConnection& connection) {
  PostgresTransaction transaction(connection,
                                  "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  MainDataBuilder builder(user_kind_, present_kind_);

  connection.CopyOut(
      "COPY (SELECT id, title, price::float8, category, platform, gender, age_group, geo_id, "
      "is_active, " + Epoch("created_at") + " FROM presents ORDER BY id) TO STDOUT",
      [&](const CopyTextRow& row) {
        Present present;
        present.title = std::string(row[1]);
        present.price = row.IsNull(2) ? std::numeric_limits<double>::quiet_NaN() : ToDouble(row[2]);
        present.category = builder.Category(row[3]);
        present.platform = builder.Platform(row[4]);
        present.gender = builder.ReadPresentGender(row[5]);
        present.age = builder.ReadPresentAge(row[6]);
        present.geo_id = row.IsNull(7) ? kNoGeo : static_cast<int32_t>(ToInt64(row[7]));
        present.is_active = !row.IsNull(8) && row[8] == "t";
        present.created_at = EpochOrZero(row, 9);
        builder.SetPresent(builder.AddPresentId(row[0]), std::move(present));
      });

  connection.CopyOut(
      "COPY (SELECT id, gender, birth_date::date - DATE '1970-01-01', geo_id, " +
          Epoch("created_at") + " FROM users ORDER BY id) TO STDOUT",
      [&](const CopyTextRow& row) {
        User user;
        user.gender = row.IsNull(1) ? Gender::kAny : builder.ReadUserGender(row[1]);
        user.birth_date = row.IsNull(2) ? kUnknownDate : static_cast<int32_t>(ToInt64(row[2]));
        user.geo_id = row.IsNull(3) ? kNoGeo : static_cast<int32_t>(ToInt64(row[3]));
        user.created_at = EpochOrZero(row, 4);
        builder.SetUser(builder.UserIndex(row[0]), user);
      });

  connection.CopyOut("COPY (SELECT user_id, present_id, " + Epoch("created_at") +
                          " FROM likes ORDER BY user_id, present_id) TO STDOUT",
                      [&](const CopyTextRow& row) {
                        const Index present = builder.FindPresent(row[1]);
                        // Orphans are skipped before their user is counted as known.
                        const Index user =
                            present == kNoIndex ? kNoIndex : builder.UserIndex(row[0]);
                        builder.AddLike(user, present, EpochOrZero(row, 2));
                      });

  connection.CopyOut("COPY (SELECT user_id, present_id, " + Epoch("created_at") +
                          " FROM clicks ORDER BY id) TO STDOUT",
                      [&](const CopyTextRow& row) {
                        const Index present = builder.FindPresent(row[1]);
                        const Index user = present == kNoIndex || row.IsNull(0)
                                               ? kNoIndex
                                               : builder.UserIndex(row[0]);
                        // A user id that is not of the column's form: skipped (counted).
                        if (user == kNoIndex && present != kNoIndex && !row.IsNull(0)) return;
                        builder.AddClick(user, present, EpochOrZero(row, 2));
                      });
  transaction.Commit();
  return builder.Finish();
}

UserActivity PostgresMainDatabase::LoadUserActivity(const ExternalId& user) {
  UserActivity activity;
  const bool integer_id = std::holds_alternative<int64_t>(user);
  // An id of the other form cannot name a user of this database.
  if (integer_id != (user_kind_ == IdKind::kInteger)) return activity;
  std::optional<PgResult> result =
      WithPostgresConnection(pool_, [&](PostgresConnection& connection) -> std::optional<PgResult> {
        connection.PrepareOnce(std::string(kActivityStatement), kActivitySql);
        try {
          return connection.ExecutePrepared(std::string(kActivityStatement),
                                            {ExternalIdToString(user)});
        } catch (const PostgresError& error) {
          // Class 22 (data exception): the text is not a valid value of the id column (e.g.
          // not a UUID), so no such user exists.
          if (error.sqlstate().starts_with("22")) return std::nullopt;
          throw;
        }
      });
  if (!result) return activity;
  for (int row = 0; row < result->rows(); ++row) {
    ExternalId present = present_kind_ == IdKind::kInteger
                             ? ExternalId(result->Int64(row, 1))
                             : ExternalId(std::string(result->Text(row, 1)));
    (result->Text(row, 0) == "0" ? activity.liked : activity.clicked).push_back(std::move(present));
  }
  return activity;
}

MainTableCounts PostgresMainDatabase::CountRows() {
  PgResult result = WithPostgresConnection(pool_, [](PostgresConnection& connection) {
    return connection.Query(
        "SELECT (SELECT count(*) FROM presents), (SELECT count(*) FROM presents WHERE "
        "is_active), (SELECT count(*) FROM users), (SELECT count(*) FROM likes), "
        "(SELECT count(*) FROM clicks)");
  });
  return MainTableCounts{result.Int64(0, 0), result.Int64(0, 1), result.Int64(0, 2),
                         result.Int64(0, 3), result.Int64(0, 4)};
}

void PostgresMainDatabase::Ping() {
  WithPostgresConnection(pool_, [](PostgresConnection& connection) {
    return connection.Query("SELECT 1");
  });
}

void PostgresMainDatabase::ExecuteForTest(std::string_view sql) {
  pool_.Acquire()->Execute(sql);
}

}  // namespace mysanta
