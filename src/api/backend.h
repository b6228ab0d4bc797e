// Backend: what the api layer needs from the running service beside the recommendation use cases
// (service/recommendation_service.h): id forms, profiles, health, stats and jobs, as plain values.
// The composition root implements it over the engine's snapshot, the main database and the jobs;
// tests implement it over handcrafted data. No HTTP in here.
//
// Thread safety: implementations must be safe to call concurrently from many threads.
// Failure: input errors are values (nullopt, std::unexpected); infrastructure failures (a database
// down, a lost connection) may throw any std::exception — the api catches them once and answers
// 503 `unavailable`.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/main_data.h"
#include "recommend/query.h"

namespace mysanta::api {

// What /user-profile/{user_id} shows (SPEC section 5).
struct ProfileAnswer {
  ExternalId user_id;
  int64_t interaction_count = 0;
  Algorithm algorithm = Algorithm::kPopular;  // what /personalized would use now
  std::vector<std::string> preferred_categories;
  std::vector<std::string> preferred_platforms;
  std::optional<double> avg_price;        // nullopt: no priced interactions
  int64_t similar_users = 0;              // number of neighbours
  std::optional<std::string> updated_at;  // ISO timestamp of the profile's computation
};

// The health of the two databases: "ok" or an error text each.
struct HealthChecks {
  std::string main_database = "ok";
  std::string recommendations_database = "ok";
  // True while the service computes its first data set (SPEC section 6).
  bool starting = false;
};

enum class JobName { kPopularItems, kUserProfiles, kUserSimilarities, kCacheCleanup, kAll };
// "popular_items", "user_profiles", "user_similarities", "cache_cleanup", "all".
std::string_view JobNameText(JobName job);

enum class JobStatus { kCompleted, kFailed, kBusy };
std::string_view JobStatusText(JobStatus status);  // "completed", "failed", "busy"

// The result of one synchronous job run (SPEC section 5, admin).
struct JobAnswer {
  JobName job = JobName::kPopularItems;
  JobStatus status = JobStatus::kCompleted;  // kBusy: that job was already running (-> 409)
  double duration_ms = 0;
  int64_t rows = 0;
  std::optional<std::string> error;  // set when failed or busy
  std::vector<JobAnswer> jobs;       // kAll only: each job's own answer
};

class Backend {
 public:
  virtual ~Backend() = default;

  // The main database's id forms: decide how user_id and exclude_ids are validated.
  virtual IdKind user_id_kind() const = 0;
  virtual IdKind present_id_kind() const = 0;

  // Seconds since the served data was loaded; nullopt while there is none.
  virtual std::optional<double> data_age_seconds() const = 0;

  // nullopt: the service knows nothing of the user (-> 404).
  virtual std::optional<ProfileAnswer> Profile(const ExternalId& user) = 0;

  virtual HealthChecks Health() = 0;

  // {"main_database": {...counts}, "recommendations_database": {"tables", "data_version", "jobs"}}
  // as SPEC section 5 shows; the api adds cache, requests, config and uptime.
  virtual boost::json::object Stats() = 0;

  // Runs a job synchronously (seconds). kAll runs the four in order.
  virtual JobAnswer RunJob(JobName job) = 0;
};

}  // namespace mysanta::api
