// The SQLite RecommendationsDatabase: a WAL-mode file (readers keep a consistent snapshot while a
// job writes), pooled connections, replacements as DELETE + inserts in one BEGIN IMMEDIATE
// transaction, and job locks as leases in the job_locks table. Thread-safe.
#pragma once

#include <atomic>
#include <memory>
#include <optional>

#include "store/connection_pool.h"
#include "store/recommendations_database.h"
#include "store/sqlite_connection.h"

namespace mysanta {

class SqliteRecommendationsDatabase : public RecommendationsDatabase {
 public:
  explicit SqliteRecommendationsDatabase(const DatabaseUrl& url);

  void Migrate(IdKind ids) override;
  IdKind id_kind() const override { return ids_.load(); }

  int64_t ReplacePopularItems(const std::vector<PopularItemRow>& rows) override;
  int64_t ReplaceUserProfiles(const std::vector<UserProfileRow>& rows) override;
  int64_t ReplaceUserSimilarities(const std::vector<UserSimilarityRow>& rows) override;

  std::vector<PopularItemRow> LoadPopularItems() override;
  std::vector<UserProfileRow> LoadUserProfiles() override;
  std::vector<UserSimilarityRow> LoadUserSimilarities() override;

  int64_t DataVersion() override;
  int64_t BumpDataVersion() override;

  void RecordJobRun(const JobRun& run) override;
  std::vector<JobRun> LatestJobRuns() override;

  std::unique_ptr<JobLock> TryLockJob(std::string_view job) override;

  RecommendationTableCounts CountRows() override;
  void Ping() override;

 private:
  std::unique_ptr<SqliteConnection> Connect() const;
  std::optional<IdKind> ExistingIdKind(SqliteConnection& connection);
  // Runs DELETE FROM `table` and `write_rows` in one transaction.
  int64_t Replace(std::string_view table,
                  const std::function<int64_t(SqliteConnection&)>& write_rows);

  std::string path_;
  ConnectionPool<SqliteConnection> pool_;
  std::atomic<IdKind> ids_ = IdKind::kInteger;
};

}  // namespace mysanta
