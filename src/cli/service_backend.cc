#include "cli/service_backend.h"

#include <chrono>
#include <stdexcept>

#include "core/demographics.h"
#include "store/job_lock.h"

namespace mysanta {
namespace {

namespace json = boost::json;

class NotReadyError : public std::runtime_error {
 public:
  NotReadyError() : std::runtime_error("the service is still computing its data") {}
};

std::string CheckOf(const std::function<void()>& ping) {
  try {
    ping();
    return "ok";
  } catch (const std::exception& error) {
    return error.what();
  }
}

api::JobName ToApiJob(JobKind job) {
  switch (job) {
    case JobKind::kPopularItems: return api::JobName::kPopularItems;
    case JobKind::kUserProfiles: return api::JobName::kUserProfiles;
    case JobKind::kUserSimilarities: return api::JobName::kUserSimilarities;
    case JobKind::kCacheCleanup: return api::JobName::kCacheCleanup;
  }
  return api::JobName::kAll;
}

// `job` is one of the four single jobs (kAll is handled by the caller).
JobKind ToJobKind(api::JobName job) {
  switch (job) {
    case api::JobName::kPopularItems: return JobKind::kPopularItems;
    case api::JobName::kUserProfiles: return JobKind::kUserProfiles;
    case api::JobName::kUserSimilarities: return JobKind::kUserSimilarities;
    case api::JobName::kCacheCleanup:
    case api::JobName::kAll: break;
  }
  return JobKind::kCacheCleanup;
}

api::JobStatus ToApiStatus(JobResult::Status status) {
  switch (status) {
    case JobResult::Status::kCompleted: return api::JobStatus::kCompleted;
    case JobResult::Status::kFailed: return api::JobStatus::kFailed;
    case JobResult::Status::kBusy: return api::JobStatus::kBusy;
  }
  return api::JobStatus::kFailed;
}

json::value JobRunJson(const JobRun& run) {
  return json::object{{"started_at", FormatTimestampIso(run.started_at)},
                      {"duration_ms", run.duration_ms},
                      {"status", run.status},
                      {"rows", run.rows},
                      {"error", run.error ? json::value(*run.error) : json::value(nullptr)}};
}

}  // namespace

api::JobAnswer ToJobAnswer(const JobResult& result) {
  api::JobAnswer answer;
  answer.job = ToApiJob(result.job);
  answer.status = ToApiStatus(result.status);
  answer.duration_ms = result.duration_ms;
  answer.rows = result.rows;
  answer.error = result.error;
  return answer;
}

ServiceBackend::ServiceBackend(MainDatabase& main, RecommendationsDatabase& recommendations,
                               SnapshotSource& snapshots, JobRunner& jobs)
    : main_(main),
      recommendations_(recommendations),
      snapshots_(snapshots),
      jobs_(jobs),
      user_id_kind_(main.user_id_kind()),
      present_id_kind_(main.present_id_kind()) {}

std::shared_ptr<const LoadedSnapshot> ServiceBackend::RequireSnapshot() const {
  auto current = snapshots_.Current();
  if (!current) throw NotReadyError();
  return current;
}

std::optional<double> ServiceBackend::data_age_seconds() const {
  auto current = snapshots_.Current();
  if (!current) return std::nullopt;
  return static_cast<double>(NowSeconds() - current->built_at);
}

std::optional<api::ProfileAnswer> ServiceBackend::Profile(const ExternalId& user) {
  auto current = RequireSnapshot();
  // The likes as of now; when the main database is down the snapshot's knowledge answers.
  std::optional<UserActivity> activity;
  try {
    activity = main_.LoadUserActivity(user);
  } catch (const std::exception&) {
  }
  auto view = current->snapshot->Profile(user, activity ? &*activity : nullptr);
  if (!view) return std::nullopt;
  api::ProfileAnswer answer;
  answer.user_id = user;
  answer.interaction_count = view->interaction_count;
  answer.algorithm = view->algorithm;
  for (const auto& [name, weight] : view->preferred_categories) {
    answer.preferred_categories.push_back(name);
  }
  for (const auto& [name, weight] : view->preferred_platforms) {
    answer.preferred_platforms.push_back(name);
  }
  if (view->interaction_count > 0) answer.avg_price = view->avg_price;
  answer.similar_users = view->similar_users;
  answer.updated_at = FormatTimestampIso(current->built_at);
  return answer;
}

namespace {

// The dirty rows of the main database the snapshot was built from, per cause (SPEC section 3:
// skipped or normalized, never fatal).
json::object DataQualityJson(const MainData& data) {
  json::object skipped;
  json::object normalized;
  for (const DataQualityCount& count : DataQualityCounts(data)) {
    (count.skipped ? skipped : normalized)[count.cause] = count.rows;
  }
  return json::object{{"skipped", std::move(skipped)}, {"normalized", std::move(normalized)}};
}

}  // namespace

api::HealthChecks ServiceBackend::Health() {
  api::HealthChecks checks;
  checks.main_database = CheckOf([&] { main_.Ping(); });
  checks.recommendations_database = CheckOf([&] { recommendations_.Ping(); });
  checks.starting = starting_;
  return checks;
}

json::object ServiceBackend::Stats() {
  json::object body;
  try {
    const MainTableCounts counts = main_.CountRows();
    body["main_database"] = json::object{{"presents", counts.presents},
                                         {"active_presents", counts.active_presents},
                                         {"users", counts.users},
                                         {"likes", counts.likes},
                                         {"clicks", counts.clicks}};
  } catch (const std::exception& error) {
    body["main_database"] = json::object{{"error", error.what()}};
  }
  try {
    const RecommendationTableCounts counts = recommendations_.CountRows();
    json::object jobs;
    for (JobKind job : kAllJobs) jobs[JobName(job)] = nullptr;
    for (const JobRun& run : recommendations_.LatestJobRuns()) jobs[run.job] = JobRunJson(run);
    body["recommendations_database"] =
        json::object{{"tables", json::object{{"popular_items", counts.popular_items},
                                             {"user_profiles", counts.user_profiles},
                                             {"user_similarities", counts.user_similarities}}},
                     {"data_version", recommendations_.DataVersion()},
                     {"jobs", std::move(jobs)}};
  } catch (const std::exception& error) {
    body["recommendations_database"] = json::object{{"error", error.what()}};
  }
  if (auto current = snapshots_.Current()) {
    body["snapshot"] = json::object{{"data_version", current->data_version},
                                    {"built_at", FormatTimestampIso(current->built_at)},
                                    {"build_ms", current->build_ms},
                                    {"presents", current->snapshot->data().presents.size()},
                                    {"users", current->snapshot->data().users.size()},
                                    {"data_quality", DataQualityJson(current->snapshot->data())}};
  }
  return body;
}

api::JobAnswer ServiceBackend::RunJob(api::JobName job) {
  api::JobAnswer answer;
  if (job == api::JobName::kAll) {
    answer.job = api::JobName::kAll;
    auto results = jobs_.RunAll();
    if (!results) {  // another refresh-all, here or on another instance: 409
      answer.status = api::JobStatus::kBusy;
      answer.error = "already running";
      return answer;
    }
    answer.status = api::JobStatus::kCompleted;
    for (const JobResult& result : *results) {
      api::JobAnswer one = ToJobAnswer(result);
      answer.duration_ms += one.duration_ms;
      answer.rows += one.rows;
      if (one.status != api::JobStatus::kCompleted) answer.status = api::JobStatus::kFailed;
      answer.jobs.push_back(std::move(one));
    }
  } else {
    answer = ToJobAnswer(jobs_.Run(ToJobKind(job)));
  }
  // Publish the new data before answering, so the caller's next request sees it.
  try {
    snapshots_.RefreshIfStale();
  } catch (const std::exception&) {
    snapshots_.Nudge();  // The poller retries; the job itself succeeded.
  }
  return answer;
}

}  // namespace mysanta
