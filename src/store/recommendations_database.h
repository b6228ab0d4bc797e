// RecommendationsDatabase: the service's own database (SPEC section 4), PostgreSQL or SQLite:
// the jobs' results (popular items, user profiles, user similarities), the data version that
// cache keys carry, the record of job runs, and the job locks shared by all instances.
//
// Every Replace* is atomic: a concurrent reader sees the old rows or the new, never a mix, and a
// failure leaves the old rows. PostgreSQL streams rows with COPY both ways.
//
// Thread-safe: every method may be called concurrently (connections come from a small pool).
// Failures throw StoreError.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/url.h"
#include "store/job_lock.h"
#include "store/recommendation_rows.h"

namespace mysanta {

class RecommendationsDatabase {
 public:
  // Connects (SQLite: creates the file and its folder when missing). Does not create tables:
  // call Migrate().
  static std::unique_ptr<RecommendationsDatabase> Open(const DatabaseUrl& url);
  virtual ~RecommendationsDatabase() = default;

  // Creates or upgrades the schema (sql/schema.sql, sql/schema.sqlite.sql) idempotently, with
  // user and item id columns of `ids` (the main database's id kind). Tables of the other id kind
  // are recreated empty: their data is derived, the jobs recompute it. Safe to run concurrently
  // from several instances.
  virtual void Migrate(IdKind ids) = 0;
  // The id kind of the tables (as of Open or the last Migrate).
  virtual IdKind id_kind() const = 0;

  // Each replaces its table's contents atomically, sets updated_at, and returns rows written.
  virtual int64_t ReplacePopularItems(const std::vector<PopularItemRow>& rows) = 0;
  virtual int64_t ReplaceUserProfiles(const std::vector<UserProfileRow>& rows) = 0;
  virtual int64_t ReplaceUserSimilarities(const std::vector<UserSimilarityRow>& rows) = 0;

  // Whole tables, in no particular order.
  virtual std::vector<PopularItemRow> LoadPopularItems() = 0;
  virtual std::vector<UserProfileRow> LoadUserProfiles() = 0;
  virtual std::vector<UserSimilarityRow> LoadUserSimilarities() = 0;

  virtual int64_t DataVersion() = 0;
  // Atomically increments the data version; returns the new value.
  virtual int64_t BumpDataVersion() = 0;

  // Keeps the last runs of each job. A run of any status but kRunningJobStatus replaces the job's
  // "running" rows: the caller holds the job's lock, so they are its own start or a dead run's.
  virtual void RecordJobRun(const JobRun& run) = 0;
  // The latest run of each job, ordered by job name.
  virtual std::vector<JobRun> LatestJobRuns() = 0;

  // The lock of `job` for as long as the returned object lives; nullptr when another holder (any
  // instance, or another lock object of this one) has it.
  virtual std::unique_ptr<JobLock> TryLockJob(std::string_view job) = 0;

  virtual RecommendationTableCounts CountRows() = 0;
  virtual void Ping() = 0;
};

}  // namespace mysanta
