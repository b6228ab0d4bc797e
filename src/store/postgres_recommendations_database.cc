#include "store/postgres_recommendations_database.h"
#include "core/demographics.h"

#include <charconv>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "store/postgres_retry.h"
#include "store/sql_files.h"
#include "store/weights_json.h"

namespace mysanta {
namespace {

constexpr size_t kMaxIdleConnections = 8;
// Job runs kept per job.
constexpr int kJobRunsKept = 100;
// Advisory lock keys: a fixed one for migrations, a hash of the name for each job.
constexpr int64_t kMigrationLockKey = 0x6d7973616e7461;  // "mysanta"

int64_t JobLockKey(std::string_view job) {
  // FNV-1a: stable across processes and versions, unlike std::hash.
  uint64_t hash = 14695981039346656037ull;
  for (const char c : std::string("mysanta-job:") + std::string(job)) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  }
  return static_cast<int64_t>(hash);
}


int64_t ToInt64(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw StoreError("recommendations database: expected an integer, got \"" +
                     std::string(text) + "\"");
  }
  return value;
}

double ToDouble(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc()) {
    throw StoreError("recommendations database: expected a number, got \"" + std::string(text) +
                     "\"");
  }
  return value;
}

void AppendDouble(std::string& out, double value) {
  fmt::format_to(std::back_inserter(out), "{}", std::isfinite(value) ? value : 0.0);
}

void AppendId(std::string& out, const ExternalId& id) {
  if (const auto* integer = std::get_if<int64_t>(&id)) {
    fmt::format_to(std::back_inserter(out), "{}", *integer);
  } else {
    AppendCopyText(out, std::get<std::string>(id));
  }
}

template <typename T>
void AppendOptional(std::string& out, const std::optional<T>& value) {
  if (!value) {
    out += "\\N";
  } else if constexpr (std::is_same_v<T, std::string>) {
    AppendCopyText(out, *value);
  } else {
    fmt::format_to(std::back_inserter(out), "{}", *value);
  }
}

std::optional<std::string> OptionalText(const CopyTextRow& row, size_t field) {
  if (row.IsNull(field)) return std::nullopt;
  return std::string(row[field]);
}

// Holds a session advisory lock on its own connection; closing it would release the lock too.
class PostgresJobLock : public JobLock {
 public:
  PostgresJobLock(std::unique_ptr<PostgresConnection> connection, std::string job, int64_t key)
      : connection_(std::move(connection)), job_(std::move(job)), key_(key) {}
  ~PostgresJobLock() override {
    try {
      connection_->Query("SELECT pg_advisory_unlock($1::bigint)", {std::to_string(key_)});
    } catch (const StoreError&) {
      // The connection is gone, and the lock with it.
    }
  }
  const std::string& job() const override { return job_; }

 private:
  std::unique_ptr<PostgresConnection> connection_;
  std::string job_;
  int64_t key_;
};

}  // namespace

PostgresRecommendationsDatabase::PostgresRecommendationsDatabase(const DatabaseUrl& url)
    : url_(url),
      pool_([this] { return PostgresConnection::Connect(url_); }, kMaxIdleConnections) {
  auto connection = pool_.Acquire();
  if (auto existing = ExistingIdKind(*connection)) ids_ = *existing;
}

std::optional<IdKind> PostgresRecommendationsDatabase::ExistingIdKind(
    PostgresConnection& connection) {
  PgResult result = connection.Query(
      "SELECT format_type(a.atttypid, NULL) FROM (VALUES ('popular_items', 'item_id'), "
      "('user_profiles', 'user_id'), ('user_similarities', 'user_id')) AS c(t, col) "
      "JOIN pg_attribute a ON a.attrelid = to_regclass(c.t) AND a.attname = c.col");
  if (result.rows() != 3) return std::nullopt;
  std::optional<IdKind> kind;
  for (int row = 0; row < 3; ++row) {
    const IdKind column_kind = result.Text(row, 0) == "bigint" ? IdKind::kInteger : IdKind::kText;
    if (kind && *kind != column_kind) return std::nullopt;
    kind = column_kind;
  }
  return kind;
}

void PostgresRecommendationsDatabase::Migrate(IdKind ids) {
  WithPostgresConnection(pool_, [&](PostgresConnection& connection) {
    PostgresTransaction transaction(connection);
    // Instances starting together migrate one after the other.
    connection.Query("SELECT pg_advisory_xact_lock($1::bigint)",
                     {std::to_string(kMigrationLockKey)});
    if (ExistingIdKind(connection) != ids) {
      connection.Execute("DROP TABLE IF EXISTS popular_items, user_profiles, user_similarities");
    }
    connection.Execute(WithIdType(SqlFile("schema.sql"), ids));
    transaction.Commit();
    return 0;
  });
  ids_ = ids;
}

int64_t PostgresRecommendationsDatabase::Replace(
    std::string_view table, std::string_view copy_sql,
    const std::function<int64_t(CopyInWriter&)>& write_rows) {
  return WithPostgresConnection(pool_, [&](PostgresConnection& connection) {
    PostgresTransaction transaction(connection);
    // DELETE, not TRUNCATE: readers keep their MVCC view of the old rows instead of waiting.
    connection.Execute("DELETE FROM " + std::string(table));
    CopyInWriter copy(connection, copy_sql);
    const int64_t rows = write_rows(copy);
    copy.Finish();
    transaction.Commit();
    return rows;
  });
}

int64_t PostgresRecommendationsDatabase::ReplacePopularItems(
    const std::vector<PopularItemRow>& rows) {
  const std::string now = FormatTimestamp(NowSeconds());
  return Replace("popular_items",
                 "COPY popular_items (geo_id, gender, age_group, category, item_id, "
                 "popularity_score, updated_at) FROM STDIN",
                 [&](CopyInWriter& copy) {
                   for (const PopularItemRow& row : rows) {
                     std::string& out = copy.buffer();
                     AppendOptional(out, row.geo_id);
                     out += '\t';
                     AppendOptional(out, row.gender ? std::optional<std::string>(
                                                          GenderName(*row.gender))
                                                    : std::nullopt);
                     out += '\t';
                     AppendOptional(out, row.age_group);
                     out += '\t';
                     AppendOptional(out, row.category);
                     out += '\t';
                     AppendId(out, row.item_id);
                     out += '\t';
                     AppendDouble(out, row.popularity_score);
                     out += '\t';
                     out += now;
                     out += '\n';
                     copy.RowDone();
                   }
                   return static_cast<int64_t>(rows.size());
                 });
}

int64_t PostgresRecommendationsDatabase::ReplaceUserProfiles(
    const std::vector<UserProfileRow>& rows) {
  const std::string now = FormatTimestamp(NowSeconds());
  return Replace("user_profiles",
                 "COPY user_profiles (user_id, preferred_categories, preferred_platforms, "
                 "avg_price, price_min, price_max, log_price_mean, log_price_std, "
                 "interaction_count, updated_at) FROM STDIN",
                 [&](CopyInWriter& copy) {
                   for (const UserProfileRow& row : rows) {
                     std::string& out = copy.buffer();
                     AppendId(out, row.user_id);
                     out += '\t';
                     AppendCopyText(out, WeightsToJson(row.preferred_categories));
                     out += '\t';
                     AppendCopyText(out, WeightsToJson(row.preferred_platforms));
                     for (const double value : {row.avg_price, row.price_min, row.price_max,
                                                row.log_price_mean, row.log_price_std}) {
                       out += '\t';
                       AppendDouble(out, value);
                     }
                     fmt::format_to(std::back_inserter(out), "\t{}\t{}\n", row.interaction_count,
                                    now);
                     copy.RowDone();
                   }
                   return static_cast<int64_t>(rows.size());
                 });
}

int64_t PostgresRecommendationsDatabase::ReplaceUserSimilarities(
    const std::vector<UserSimilarityRow>& rows) {
  const std::string now = FormatTimestamp(NowSeconds());
  return Replace("user_similarities",
                 "COPY user_similarities (user_id, similar_user_id, similarity_score, "
                 "updated_at) FROM STDIN",
                 [&](CopyInWriter& copy) {
                   for (const UserSimilarityRow& row : rows) {
                     std::string& out = copy.buffer();
                     AppendId(out, row.user_id);
                     out += '\t';
                     AppendId(out, row.similar_user_id);
                     out += '\t';
                     AppendDouble(out, row.score);
                     out += '\t';
                     out += now;
                     out += '\n';
                     copy.RowDone();
                   }
                   return static_cast<int64_t>(rows.size());
                 });
}

namespace {

ExternalId ReadId(const CopyTextRow& row, size_t field, IdKind kind) {
  if (kind == IdKind::kInteger) return ToInt64(row[field]);
  return std::string(row[field]);
}

}  // namespace

std::vector<PopularItemRow> PostgresRecommendationsDatabase::LoadPopularItems() {
  const IdKind kind = ids_;
  std::vector<PopularItemRow> rows;
  CopyOutWithRetry(
      "COPY (SELECT geo_id, gender, age_group, category, item_id, popularity_score "
      "FROM popular_items) TO STDOUT",
      [&](const CopyTextRow& row) {
        PopularItemRow item;
        if (!row.IsNull(0)) item.geo_id = static_cast<int32_t>(ToInt64(row[0]));
        if (!row.IsNull(1)) item.gender = ParseGender(row[1]).value_or(Gender::kAny);
        item.age_group = OptionalText(row, 2);
        item.category = OptionalText(row, 3);
        item.item_id = ReadId(row, 4, kind);
        item.popularity_score = ToDouble(row[5]);
        rows.push_back(std::move(item));
      },
      [&] { rows.clear(); });
  return rows;
}

std::vector<UserProfileRow> PostgresRecommendationsDatabase::LoadUserProfiles() {
  const IdKind kind = ids_;
  std::vector<UserProfileRow> rows;
  CopyOutWithRetry(
      "COPY (SELECT user_id, preferred_categories, preferred_platforms, avg_price, price_min, "
      "price_max, interaction_count, floor(extract(epoch FROM updated_at))::bigint, "
      "log_price_mean, log_price_std FROM user_profiles) TO STDOUT",
      [&](const CopyTextRow& row) {
        UserProfileRow profile;
        profile.user_id = ReadId(row, 0, kind);
        profile.preferred_categories = WeightsFromJson(row[1]);
        profile.preferred_platforms = WeightsFromJson(row[2]);
        profile.avg_price = ToDouble(row[3]);
        profile.price_min = ToDouble(row[4]);
        profile.price_max = ToDouble(row[5]);
        profile.interaction_count = static_cast<int>(ToInt64(row[6]));
        profile.updated_at = ToInt64(row[7]);
        profile.log_price_mean = ToDouble(row[8]);
        profile.log_price_std = ToDouble(row[9]);
        rows.push_back(std::move(profile));
      },
      [&] { rows.clear(); });
  return rows;
}

std::vector<UserSimilarityRow> PostgresRecommendationsDatabase::LoadUserSimilarities() {
  const IdKind kind = ids_;
  std::vector<UserSimilarityRow> rows;
  CopyOutWithRetry(
      "COPY (SELECT user_id, similar_user_id, similarity_score FROM user_similarities) TO STDOUT",
      [&](const CopyTextRow& row) {
        rows.push_back(UserSimilarityRow{ReadId(row, 0, kind), ReadId(row, 1, kind),
                                         ToDouble(row[2])});
      },
      [&] { rows.clear(); });
  return rows;
}

int64_t PostgresRecommendationsDatabase::DataVersion() {
  PgResult result = QueryWithRetry("SELECT version FROM data_version WHERE id = 1");
  if (result.rows() == 0) throw StoreError("recommendations database: data_version is empty");
  return result.Int64(0, 0);
}

int64_t PostgresRecommendationsDatabase::BumpDataVersion() {
  PgResult result =
      QueryWithRetry("UPDATE data_version SET version = version + 1 WHERE id = 1 RETURNING version");
  if (result.rows() == 0) throw StoreError("recommendations database: data_version is empty");
  return result.Int64(0, 0);
}

void PostgresRecommendationsDatabase::RecordJobRun(const JobRun& run) {
  WithPostgresConnection(pool_, [&](PostgresConnection& connection) {
    PostgresTransaction transaction(connection);
    if (run.status != kRunningJobStatus) {
      connection.Query("DELETE FROM job_runs WHERE job = $1 AND status = $2",
                       {run.job, std::string(kRunningJobStatus)});
    }
    connection.Query(
        "INSERT INTO job_runs (job, started_at, duration_ms, status, rows, error) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        {run.job, FormatTimestamp(run.started_at), fmt::format("{}", run.duration_ms),
         run.status, std::to_string(run.rows), run.error});
    connection.Query(
        "DELETE FROM job_runs WHERE job = $1 AND id <= (SELECT id FROM job_runs WHERE job = $1 "
        "ORDER BY id DESC LIMIT 1 OFFSET " + std::to_string(kJobRunsKept) + ")",
        {run.job});
    transaction.Commit();
    return 0;
  });
}

std::vector<JobRun> PostgresRecommendationsDatabase::LatestJobRuns() {
  PgResult result = QueryWithRetry(
      "SELECT job, floor(extract(epoch FROM started_at))::bigint, duration_ms, status, rows, "
      "error FROM job_runs WHERE id IN (SELECT max(id) FROM job_runs GROUP BY job) ORDER BY job");
  std::vector<JobRun> runs;
  for (int row = 0; row < result.rows(); ++row) {
    JobRun run;
    run.job = std::string(result.Text(row, 0));
    run.started_at = result.Int64(row, 1);
    run.duration_ms = ToDouble(result.Text(row, 2));
    run.status = std::string(result.Text(row, 3));
    run.rows = result.Int64(row, 4);
    if (!result.IsNull(row, 5)) run.error = std::string(result.Text(row, 5));
    runs.push_back(std::move(run));
  }
  return runs;
}

std::unique_ptr<JobLock> PostgresRecommendationsDatabase::TryLockJob(std::string_view job) {
  // A dedicated connection: the session lock lives exactly as long as the JobLock, or its
  // session. A holder that is killed closes the session at once; one whose machine is lost stops
  // answering the server's keepalive probes, and the server ends the session (and the lock) about
  // 40 s later: the lock is a lease that expires with its holder.
  auto connection = PostgresConnection::Connect(
      url_, "-c tcp_keepalives_idle=20 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=4");
  const int64_t key = JobLockKey(job);
  PgResult result =
      connection->Query("SELECT pg_try_advisory_lock($1::bigint)", {std::to_string(key)});
  if (result.Text(0, 0) != "t") return nullptr;
  return std::make_unique<PostgresJobLock>(std::move(connection), std::string(job), key);
}

RecommendationTableCounts PostgresRecommendationsDatabase::CountRows() {
  PgResult result = QueryWithRetry(
      "SELECT (SELECT count(*) FROM popular_items), (SELECT count(*) FROM user_profiles), "
      "(SELECT count(*) FROM user_similarities)");
  return RecommendationTableCounts{result.Int64(0, 0), result.Int64(0, 1), result.Int64(0, 2)};
}

void PostgresRecommendationsDatabase::Ping() { QueryWithRetry("SELECT 1"); }

PgResult PostgresRecommendationsDatabase::QueryWithRetry(std::string_view sql) {
  return WithPostgresConnection(
      pool_, [sql](PostgresConnection& connection) { return connection.Query(sql); });
}

void PostgresRecommendationsDatabase::CopyOutWithRetry(
    std::string_view copy_sql, const std::function<void(const CopyTextRow&)>& on_row,
    const std::function<void()>& restart) {
  bool first = true;
  WithPostgresConnection(pool_, [&](PostgresConnection& connection) {
    if (!first) restart();
    first = false;
    connection.CopyOut(copy_sql, on_row);
    return 0;
  });
}

}  // namespace mysanta
