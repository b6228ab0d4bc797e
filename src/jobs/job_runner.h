// JobRunner: runs the background jobs of SPEC section 6 — main database -> recommend layer ->
// recommendations database — with the guarantees operators rely on:
//   * a job never runs twice at once across every instance sharing the recommendations database
//     (the store's job lock: a PostgreSQL advisory lock, a lease row on SQLite); a run that finds
//     the lock taken reports "busy" and changes nothing;
//   * a table is replaced atomically, and a run that fails leaves the previous data in place;
//   * every run is recorded in job_runs (start, duration, rows, status, error) and reported to the
//     observer (metrics); a successful data job bumps the data version, which retires cached lists
//     and makes every instance rebuild its snapshot;
//   * a run is recorded "running" when it starts; a run whose process died (SIGKILL, a crash, the
//     machine lost) stays so until the next holder of the job's lock — which proves that nobody
//     runs it any more — records it "abandoned" (at the job's next run, or RecordAbandonedRuns at
//     start-up). The lock itself never outlives its holder: a PostgreSQL session lock ends with
//     the connection, a SQLite lease expires.
//
// Thread-safe: Run() may be called concurrently (admin requests, the scheduler); concurrent runs
// of one job are serialized by the job lock (the loser reports busy).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/cache.h"
#include "core/main_data.h"
#include "jobs/job_kind.h"
#include "recommend/snapshot.h"
#include "store/main_database.h"
#include "store/recommendations_database.h"

namespace mysanta {

struct JobResult {
  JobKind job = JobKind::kPopularItems;
  enum class Status { kCompleted, kFailed, kBusy };
  Status status = Status::kCompleted;
  int64_t started_at = 0;  // seconds since the epoch
  double duration_ms = 0;
  int64_t rows = 0;
  std::optional<std::string> error;
  int64_t data_version = 0;  // after the run (bumped by a completed data job)
};
std::string_view JobStatusName(JobResult::Status status);  // "completed", "failed", "busy"

class JobRunner {
 public:
  using Observer = std::function<void(const JobResult&)>;

  // `algorithms` are the options the snapshot is built with too (weights, half-lives,
  // MAX_SIMILAR_USERS), so the tables and the serving model agree; `now` is taken per run.
  // `cache` may be null (no cleanup to do). The databases and cache must outlive the runner.
  JobRunner(MainDatabase& main, RecommendationsDatabase& recommendations, Cache* cache,
            SnapshotOptions algorithms, Observer observer = {});

  JobResult Run(JobKind job);
  // The three data jobs on one load of the main database, then the cache cleanup. "all" is a job
  // of its own: nullopt when another RunAll holds it (on any instance). A part whose job is
  // running elsewhere (a scheduled run) is waited for, up to `part_wait`, rather than skipped.
  std::optional<std::vector<JobResult>> RunAll(
      std::chrono::milliseconds part_wait = std::chrono::minutes(10));

  // Records as "abandoned" every job whose last run is still "running" while its lock is free
  // (its process died). For start-up; failures are logged, not thrown. Returns how many.
  int RecordAbandonedRuns();

 private:
  JobResult Execute(JobKind job, const std::function<int64_t()>& work,
                    std::chrono::milliseconds lock_wait = std::chrono::milliseconds(0));
  std::unique_ptr<JobLock> Lock(const std::string& name, std::chrono::milliseconds wait);
  // With `name`'s lock held: records its last run "abandoned" if it is still "running".
  bool AbandonDeadRun(const std::string& name);
  std::shared_ptr<const MainData> LoadMainData();
  int64_t RunDataJob(JobKind job, const MainData& data);
  int64_t CleanupCache();

  MainDatabase& main_;
  RecommendationsDatabase& recommendations_;
  Cache* cache_;
  SnapshotOptions algorithms_;
  Observer observer_;
};

}  // namespace mysanta
