// The PostgreSQL RecommendationsDatabase: pooled connections, COPY both ways, replacements as
// DELETE + COPY in one transaction (readers keep seeing the old rows until it commits), job locks
// as session advisory locks on a dedicated connection. Thread-safe.
#pragma once

#include <atomic>
#include <memory>

#include "store/connection_pool.h"
#include "store/postgres_connection.h"
#include "store/recommendations_database.h"

namespace mysanta {

class PostgresRecommendationsDatabase : public RecommendationsDatabase {
 public:
  explicit PostgresRecommendationsDatabase(const DatabaseUrl& url);

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
  // The id kind of the existing derived tables; nullopt when they do not all exist.
  std::optional<IdKind> ExistingIdKind(PostgresConnection& connection);
  // Runs DELETE + COPY `copy_sql` with the rows `write_rows` appends, in one transaction.
  int64_t Replace(std::string_view table, std::string_view copy_sql,
                  const std::function<int64_t(CopyInWriter&)>& write_rows);

  PgResult QueryWithRetry(std::string_view sql);
  // COPY TO STDOUT; `restart` is called before a retry on a new connection (to drop the rows
  // read so far).
  void CopyOutWithRetry(std::string_view copy_sql,
                        const std::function<void(const CopyTextRow&)>& on_row,
                        const std::function<void()>& restart);

  DatabaseUrl url_;
  ConnectionPool<PostgresConnection> pool_;
  std::atomic<IdKind> ids_ = IdKind::kInteger;
};

}  // namespace mysanta
