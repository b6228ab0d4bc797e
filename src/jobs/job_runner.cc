#include "jobs/job_runner.h"
#include "core/demographics.h"

#include <malloc.h>

#include <chrono>
#include <thread>

#include <spdlog/spdlog.h>

#include "jobs/row_conversion.h"
#include "recommend/tables.h"

namespace mysanta {
namespace {

bool IsDataJob(JobKind job) { return job != JobKind::kCacheCleanup; }

}  // namespace

std::string_view JobStatusName(JobResult::Status status) {
  switch (status) {
    case JobResult::Status::kCompleted: return "completed";
    case JobResult::Status::kFailed: return "failed";
    case JobResult::Status::kBusy: return "busy";
  }
  return "failed";
}

JobRunner::JobRunner(MainDatabase& main, RecommendationsDatabase& recommendations, Cache* cache,
                     SnapshotOptions algorithms, Observer observer)
    : main_(main),
      recommendations_(recommendations),
      cache_(cache),
      algorithms_(std::move(algorithms)),
      observer_(std::move(observer)) {}

JobResult JobRunner::Run(JobKind job) {
  if (!IsDataJob(job)) return Execute(job, [&] { return CleanupCache(); });
  return Execute(job, [&] { return RunDataJob(job, *LoadMainData()); });
}

std::optional<std::vector<JobResult>> JobRunner::RunAll(std::chrono::milliseconds part_wait) {
  std::unique_ptr<JobLock> all_running = recommendations_.TryLockJob("all");
  if (!all_running) return std::nullopt;
  std::vector<JobResult> results;
  std::shared_ptr<const MainData> data;
  std::optional<std::string> load_error;
  for (JobKind job : kAllJobs) {
    if (!IsDataJob(job)) {
      results.push_back(Execute(job, [&] { return CleanupCache(); }, part_wait));
      continue;
    }
    results.push_back(Execute(
        job,
        [&]() -> int64_t {
          if (load_error) throw std::runtime_error(*load_error);
          if (!data) {
            try {
              data = LoadMainData();
            } catch (const std::exception& error) {
              load_error = error.what();
              throw;
            }
          }
          return RunDataJob(job, *data);
        },
        part_wait));
  }
  return results;
}

std::unique_ptr<JobLock> JobRunner::Lock(const std::string& name,
                                         std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (true) {
    if (auto lock = recommendations_.TryLockJob(name)) return lock;
    if (std::chrono::steady_clock::now() >= deadline) return nullptr;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

bool JobRunner::AbandonDeadRun(const std::string& name) {
  for (const JobRun& run : recommendations_.LatestJobRuns()) {
    if (run.job != name || run.status != kRunningJobStatus) continue;
    recommendations_.RecordJobRun({name, run.started_at, 0, "abandoned", 0,
                                   "the process running it ended before the run finished"});
    spdlog::warn("job {}: the run started at {} was abandoned (its process ended)", name,
                 run.started_at);
    return true;
  }
  return false;
}

int JobRunner::RecordAbandonedRuns() {
  int abandoned = 0;
  for (JobKind job : kAllJobs) {
    const std::string name(JobName(job));
    try {
      if (auto lock = recommendations_.TryLockJob(name)) abandoned += AbandonDeadRun(name);
    } catch (const std::exception& error) {
      spdlog::warn("job {}: cannot check for an abandoned run: {}", name, error.what());
    }
  }
  return abandoned;
}

JobResult JobRunner::Execute(JobKind job, const std::function<int64_t()>& work,
                             std::chrono::milliseconds lock_wait) {
  JobResult result;
  result.job = job;
  result.started_at = NowSeconds();
  const auto start = std::chrono::steady_clock::now();
  const std::string name(JobName(job));

  std::unique_ptr<JobLock> lock;
  try {
    lock = Lock(name, lock_wait);
  } catch (const std::exception& error) {
    result.status = JobResult::Status::kFailed;
    result.error = error.what();
  }
  if (!lock && !result.error) {
    result.status = JobResult::Status::kBusy;
    result.error = "already running";
    spdlog::info("job {}: already running elsewhere, skipped", name);
    if (observer_) observer_(result);
    return result;
  }
  if (lock) {
    spdlog::info("job {}: started", name);  // a progress line: a job at seed takes seconds
    try {
      AbandonDeadRun(name);
      recommendations_.RecordJobRun(
          {name, result.started_at, 0, std::string(kRunningJobStatus), 0, {}});
      result.rows = work();
      if (IsDataJob(job)) result.data_version = recommendations_.BumpDataVersion();
      result.status = JobResult::Status::kCompleted;
    } catch (const std::exception& error) {
      result.status = JobResult::Status::kFailed;
      result.error = error.what();
    }
  }
  result.duration_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  try {
    recommendations_.RecordJobRun({name, result.started_at, result.duration_ms,
                                   std::string(JobStatusName(result.status)), result.rows,
                                   result.error});
  } catch (const std::exception& error) {
    spdlog::warn("job {}: could not record the run: {}", name, error.what());
  }
  if (result.status == JobResult::Status::kCompleted) {
    spdlog::info("job {}: completed in {:.0f} ms, {} rows", name, result.duration_ms, result.rows);
  } else {
    spdlog::error("job {}: failed after {:.0f} ms: {}", name, result.duration_ms,
                  result.error.value_or(""));
  }
  malloc_trim(0);  // a job's transient data is large; do not keep it resident until the next
  if (observer_) observer_(result);
  return result;
}

std::shared_ptr<const MainData> JobRunner::LoadMainData() {
  spdlog::info("main database: loading");
  const auto start = std::chrono::steady_clock::now();
  auto data = std::make_shared<const MainData>(main_.LoadAll());
  spdlog::info("main database: {} presents, {} users, {} likes, {} clicks loaded in {:.1f} s",
               data->presents.size(), data->users.size(), data->likes.size(), data->clicks.size(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return data;
}

int64_t JobRunner::RunDataJob(JobKind job, const MainData& data) {
  SnapshotOptions options = algorithms_;
  options.now = NowSeconds();
  switch (job) {
    case JobKind::kPopularItems:
      return recommendations_.ReplacePopularItems(
          ToStoreRows(ComputePopularityRows(data, options), data));
    case JobKind::kUserProfiles:
      return recommendations_.ReplaceUserProfiles(
          ToStoreRows(ComputeProfileRows(data, options), data));
    case JobKind::kUserSimilarities:
      return recommendations_.ReplaceUserSimilarities(
          ToStoreRows(ComputeSimilarityRows(data, options), data));
    case JobKind::kCacheCleanup:
      break;
  }
  return 0;
}

int64_t JobRunner::CleanupCache() {
  if (cache_ == nullptr) return 0;
  return static_cast<int64_t>(cache_->RemoveOtherVersions(recommendations_.DataVersion()));
}

}  // namespace mysanta
