#include "store/sqlite_recommendations_database.h"

#include <set>
#include "core/demographics.h"

#include <chrono>
#include <cmath>

#include "store/sql_files.h"
#include "store/sqlite_job_lock.h"
#include "store/weights_json.h"

namespace mysanta {
namespace {

constexpr size_t kMaxIdleConnections = 8;
// Job runs kept per job.
constexpr int kJobRunsKept = 100;


void BindId(SqliteStatement& statement, int parameter, const ExternalId& id) {
  if (const auto* integer = std::get_if<int64_t>(&id)) {
    statement.Bind(parameter, *integer);
  } else {
    statement.Bind(parameter, std::string_view(std::get<std::string>(id)));
  }
}

ExternalId ReadId(const SqliteStatement& statement, int column, IdKind kind) {
  if (kind == IdKind::kInteger && statement.ColumnType(column) == SQLITE_INTEGER) {
    return statement.Int64(column);
  }
  return std::string(statement.Text(column));
}

void BindOptionalText(SqliteStatement& statement, int parameter,
                      const std::optional<std::string>& value) {
  if (value) {
    statement.Bind(parameter, std::string_view(*value));
  } else {
    statement.BindNull(parameter);
  }
}

std::optional<std::string> ReadOptionalText(const SqliteStatement& statement, int column) {
  if (statement.IsNull(column)) return std::nullopt;
  return std::string(statement.Text(column));
}

double Finite(double value) { return std::isfinite(value) ? value : 0.0; }

int64_t ReadTimestamp(const SqliteStatement& statement, int column) {
  if (statement.ColumnType(column) == SQLITE_INTEGER) return statement.Int64(column);
  return ParseTimestamp(statement.Text(column)).value_or(0);
}

}  // namespace

SqliteRecommendationsDatabase::SqliteRecommendationsDatabase(const DatabaseUrl& url)
    : path_(url.sqlite_path),
      pool_([this] { return Connect(); }, kMaxIdleConnections) {
  auto connection = pool_.Acquire();
  // WAL: readers see the last committed state while a job writes, and do not block it.
  connection->Execute("PRAGMA journal_mode = WAL");
  if (auto existing = ExistingIdKind(*connection)) ids_ = *existing;
}

std::unique_ptr<SqliteConnection> SqliteRecommendationsDatabase::Connect() const {
  auto connection = SqliteConnection::Open(path_, SqliteConnection::Mode::kReadWriteCreate);
  // Durable enough with WAL (a crash loses at most the last commits, which jobs redo).
  connection->Execute("PRAGMA synchronous = NORMAL");
  return connection;
}

std::optional<IdKind> SqliteRecommendationsDatabase::ExistingIdKind(SqliteConnection& connection) {
  SqliteStatement statement = connection.Prepare(
      "SELECT (SELECT type FROM pragma_table_info('popular_items') WHERE name = 'item_id'), "
      "(SELECT type FROM pragma_table_info('user_profiles') WHERE name = 'user_id'), "
      "(SELECT type FROM pragma_table_info('user_similarities') WHERE name = 'user_id')");
  if (!statement.Step()) return std::nullopt;
  std::optional<IdKind> kind;
  for (int column = 0; column < 3; ++column) {
    if (statement.IsNull(column)) return std::nullopt;
    const IdKind column_kind =
        statement.Text(column) == "BIGINT" ? IdKind::kInteger : IdKind::kText;
    if (kind && *kind != column_kind) return std::nullopt;
    kind = column_kind;
  }
  return kind;
}

// Columns added to user_profiles after the first release (SQLite has no ADD COLUMN IF NOT EXISTS).
void AddMissingProfileColumns(SqliteConnection& connection) {
  std::set<std::string> columns;
  SqliteStatement info = connection.Prepare("PRAGMA table_info(user_profiles)");
  while (info.Step()) columns.insert(std::string(info.Text(1)));
  for (const char* column : {"log_price_mean", "log_price_std"}) {
    if (!columns.contains(column)) {
      connection.Execute(std::string("ALTER TABLE user_profiles ADD COLUMN ") + column +
                         " REAL NOT NULL DEFAULT 0");
    }
  }
}

void SqliteRecommendationsDatabase::Migrate(IdKind ids) {
  auto connection = pool_.Acquire();
  SqliteTransaction transaction(*connection, "BEGIN IMMEDIATE");
  if (ExistingIdKind(*connection) != ids) {
    for (const char* table : {"popular_items", "user_profiles", "user_similarities"}) {
      connection->Execute(std::string("DROP TABLE IF EXISTS ") + table);
    }
  }
  connection->Execute(WithIdType(SqlFile("schema.sqlite.sql"), ids));
  AddMissingProfileColumns(*connection);
  transaction.Commit();
  ids_ = ids;
}

int64_t SqliteRecommendationsDatabase::Replace(
    std::string_view table, const std::function<int64_t(SqliteConnection&)>& write_rows) {
  auto connection = pool_.Acquire();
  SqliteTransaction transaction(*connection, "BEGIN IMMEDIATE");
  connection->Execute("DELETE FROM " + std::string(table));
  const int64_t rows = write_rows(*connection);
  transaction.Commit();
  return rows;
}

int64_t SqliteRecommendationsDatabase::ReplacePopularItems(
    const std::vector<PopularItemRow>& rows) {
  const std::string now = FormatTimestamp(NowSeconds());
  return Replace("popular_items", [&](SqliteConnection& connection) {
    SqliteStatement insert = connection.Prepare(
        "INSERT INTO popular_items (geo_id, gender, age_group, category, item_id, "
        "popularity_score, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    for (const PopularItemRow& row : rows) {
      if (row.geo_id) {
        insert.Bind(1, int64_t{*row.geo_id});
      } else {
        insert.BindNull(1);
      }
      if (row.gender) {
        insert.Bind(2, GenderName(*row.gender));
      } else {
        insert.BindNull(2);
      }
      BindOptionalText(insert, 3, row.age_group);
      BindOptionalText(insert, 4, row.category);
      BindId(insert, 5, row.item_id);
      insert.Bind(6, Finite(row.popularity_score));
      insert.Bind(7, std::string_view(now));
      insert.Run();
    }
    return static_cast<int64_t>(rows.size());
  });
}

int64_t SqliteRecommendationsDatabase::ReplaceUserProfiles(
    const std::vector<UserProfileRow>& rows) {
  const std::string now = FormatTimestamp(NowSeconds());
  return Replace("user_profiles", [&](SqliteConnection& connection) {
    SqliteStatement insert = connection.Prepare(
        "INSERT INTO user_profiles (user_id, preferred_categories, preferred_platforms, "
        "avg_price, price_min, price_max, interaction_count, updated_at, log_price_mean, "
        "log_price_std) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    for (const UserProfileRow& row : rows) {
      BindId(insert, 1, row.user_id);
      insert.Bind(2, std::string_view(WeightsToJson(row.preferred_categories)));
      insert.Bind(3, std::string_view(WeightsToJson(row.preferred_platforms)));
      insert.Bind(4, Finite(row.avg_price));
      insert.Bind(5, Finite(row.price_min));
      insert.Bind(6, Finite(row.price_max));
      insert.Bind(7, int64_t{row.interaction_count});
      insert.Bind(8, std::string_view(now));
      insert.Bind(9, Finite(row.log_price_mean));
      insert.Bind(10, Finite(row.log_price_std));
      insert.Run();
    }
    return static_cast<int64_t>(rows.size());
  });
}

int64_t SqliteRecommendationsDatabase::ReplaceUserSimilarities(
    const std::vector<UserSimilarityRow>& rows) {
  const std::string now = FormatTimestamp(NowSeconds());
  return Replace("user_similarities", [&](SqliteConnection& connection) {
    SqliteStatement insert = connection.Prepare(
        "INSERT INTO user_similarities (user_id, similar_user_id, similarity_score, updated_at) "
        "VALUES (?1, ?2, ?3, ?4)");
    for (const UserSimilarityRow& row : rows) {
      BindId(insert, 1, row.user_id);
      BindId(insert, 2, row.similar_user_id);
      insert.Bind(3, Finite(row.score));
      insert.Bind(4, std::string_view(now));
      insert.Run();
    }
    return static_cast<int64_t>(rows.size());
  });
}

std::vector<PopularItemRow> SqliteRecommendationsDatabase::LoadPopularItems() {
  const IdKind kind = ids_;
  auto connection = pool_.Acquire();
  SqliteStatement select = connection->Prepare(
      "SELECT geo_id, gender, age_group, category, item_id, popularity_score FROM popular_items");
  std::vector<PopularItemRow> rows;
  while (select.Step()) {
    PopularItemRow row;
    if (!select.IsNull(0)) row.geo_id = static_cast<int32_t>(select.Int64(0));
    if (!select.IsNull(1)) row.gender = ParseGender(select.Text(1)).value_or(Gender::kAny);
    row.age_group = ReadOptionalText(select, 2);
    row.category = ReadOptionalText(select, 3);
    row.item_id = ReadId(select, 4, kind);
    row.popularity_score = select.Double(5);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<UserProfileRow> SqliteRecommendationsDatabase::LoadUserProfiles() {
  const IdKind kind = ids_;
  auto connection = pool_.Acquire();
  SqliteStatement select = connection->Prepare(
      "SELECT user_id, preferred_categories, preferred_platforms, avg_price, price_min, "
      "price_max, interaction_count, updated_at, log_price_mean, log_price_std "
      "FROM user_profiles");
  std::vector<UserProfileRow> rows;
  while (select.Step()) {
    UserProfileRow row;
    row.user_id = ReadId(select, 0, kind);
    row.preferred_categories = WeightsFromJson(select.Text(1));
    row.preferred_platforms = WeightsFromJson(select.Text(2));
    row.avg_price = select.Double(3);
    row.price_min = select.Double(4);
    row.price_max = select.Double(5);
    row.interaction_count = static_cast<int>(select.Int64(6));
    row.updated_at = ReadTimestamp(select, 7);
    row.log_price_mean = select.Double(8);
    row.log_price_std = select.Double(9);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<UserSimilarityRow> SqliteRecommendationsDatabase::LoadUserSimilarities() {
  const IdKind kind = ids_;
  auto connection = pool_.Acquire();
  SqliteStatement select = connection->Prepare(
      "SELECT user_id, similar_user_id, similarity_score FROM user_similarities");
  std::vector<UserSimilarityRow> rows;
  while (select.Step()) {
    rows.push_back(
        UserSimilarityRow{ReadId(select, 0, kind), ReadId(select, 1, kind), select.Double(2)});
  }
  return rows;
}

int64_t SqliteRecommendationsDatabase::DataVersion() {
  auto connection = pool_.Acquire();
  SqliteStatement select = connection->Prepare("SELECT version FROM data_version WHERE id = 1");
  if (!select.Step()) throw StoreError("SQLite " + path_ + ": data_version is empty");
  return select.Int64(0);
}

int64_t SqliteRecommendationsDatabase::BumpDataVersion() {
  auto connection = pool_.Acquire();
  // IMMEDIATE: take the write lock up front, so concurrent bumps queue instead of failing.
  SqliteTransaction transaction(*connection, "BEGIN IMMEDIATE");
  SqliteStatement update = connection->Prepare(
      "UPDATE data_version SET version = version + 1 WHERE id = 1 RETURNING version");
  if (!update.Step()) throw StoreError("SQLite " + path_ + ": data_version is empty");
  const int64_t version = update.Int64(0);
  update.Run();  // steps the statement to its end
  transaction.Commit();
  return version;
}

void SqliteRecommendationsDatabase::RecordJobRun(const JobRun& run) {
  auto connection = pool_.Acquire();
  SqliteTransaction transaction(*connection, "BEGIN IMMEDIATE");
  if (run.status != kRunningJobStatus) {
    SqliteStatement finished =
        connection->Prepare("DELETE FROM job_runs WHERE job = ?1 AND status = ?2");
    finished.Bind(1, std::string_view(run.job));
    finished.Bind(2, kRunningJobStatus);
    finished.Run();
  }
  SqliteStatement insert = connection->Prepare(
      "INSERT INTO job_runs (job, started_at, duration_ms, status, rows, error) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert.Bind(1, std::string_view(run.job));
  insert.Bind(2, std::string_view(FormatTimestamp(run.started_at)));
  insert.Bind(3, Finite(run.duration_ms));
  insert.Bind(4, std::string_view(run.status));
  insert.Bind(5, run.rows);
  BindOptionalText(insert, 6, run.error);
  insert.Run();
  SqliteStatement prune = connection->Prepare(
      "DELETE FROM job_runs WHERE job = ?1 AND id <= (SELECT id FROM job_runs WHERE job = ?1 "
      "ORDER BY id DESC LIMIT 1 OFFSET " + std::to_string(kJobRunsKept) + ")");
  prune.Bind(1, std::string_view(run.job));
  prune.Run();
  transaction.Commit();
}

std::vector<JobRun> SqliteRecommendationsDatabase::LatestJobRuns() {
  auto connection = pool_.Acquire();
  SqliteStatement select = connection->Prepare(
      "SELECT job, started_at, duration_ms, status, rows, error FROM job_runs "
      "WHERE id IN (SELECT max(id) FROM job_runs GROUP BY job) ORDER BY job");
  std::vector<JobRun> runs;
  while (select.Step()) {
    JobRun run;
    run.job = std::string(select.Text(0));
    run.started_at = ReadTimestamp(select, 1);
    run.duration_ms = select.Double(2);
    run.status = std::string(select.Text(3));
    run.rows = select.Int64(4);
    run.error = ReadOptionalText(select, 5);
    runs.push_back(std::move(run));
  }
  return runs;
}

std::unique_ptr<JobLock> SqliteRecommendationsDatabase::TryLockJob(std::string_view job) {
  return SqliteJobLock::TryLock(Connect(), job);
}

RecommendationTableCounts SqliteRecommendationsDatabase::CountRows() {
  auto connection = pool_.Acquire();
  SqliteStatement select = connection->Prepare(
      "SELECT (SELECT count(*) FROM popular_items), (SELECT count(*) FROM user_profiles), "
      "(SELECT count(*) FROM user_similarities)");
  if (!select.Step()) throw StoreError("SQLite " + path_ + ": counting rows returned nothing");
  return RecommendationTableCounts{select.Int64(0), select.Int64(1), select.Int64(2)};
}

void SqliteRecommendationsDatabase::Ping() {
  auto connection = pool_.Acquire();
  connection->Prepare("SELECT 1").Step();
}

}  // namespace mysanta
