// Backend: everything the api layer needs from the running service, as plain values. The
// composition root implements it over the engine's snapshot, the main database and the jobs;
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

// A ranked list in external ids, as the engine computed it (best first, at most max_results).
struct EngineAnswer {
  std::vector<ExternalId> items;
  Algorithm algorithm = Algorithm::kPopular;
};

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

// What GET /presents shows of one present (SPEC section 11).
struct PresentAnswer {
  ExternalId id;
  std::string title;
  double price = 0;
  std::string category;
  std::string platform;
  std::string gender;     // "f", "m", "any"
  std::string age_group;  // "25-34", "45+", "any"
  std::optional<int32_t> geo_id;  // nullopt: available everywhere
  bool is_active = true;
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

  // The version of the data being served; nullopt while there is none yet (recommendation
  // endpoints answer 503, /health says "starting" or "unhealthy").
  virtual std::optional<int64_t> data_version() const = 0;
  // Seconds since the served data was loaded; nullopt while there is none.
  virtual std::optional<double> data_age_seconds() const = 0;

  // The ranked lists (SPEC rules 1-6), at most `max_results` long.
  virtual EngineAnswer Popular(const PopularQuery& query, int max_results) = 0;
  // `activity_now`: the user's interactions as read at request time; nullptr when the read failed.
  virtual EngineAnswer Personalized(const PersonalizedQuery& query,
                                    const UserActivity* activity_now, int max_results) = 0;

  // "People who liked this also liked" (SPEC section 5, POST /similar), at most `max_results`
  // long, the user's likes not removed (the caller removes them as read at request time).
  // nullopt when query.present_id is no present of the served data (-> 404).
  virtual std::optional<EngineAnswer> Similar(const SimilarQuery& query, int max_results) = 0;

  // The presents among `ids` that the served data knows, in the order of `ids`.
  virtual std::vector<PresentAnswer> Presents(const std::vector<ExternalId>& ids) = 0;

  // Reads the user's likes and clicks from the main database now (SPEC rule 4). An unknown user
  // has empty activity. The error is a text when the main database cannot be read.
  virtual std::expected<UserActivity, std::string> ReadActivity(const ExternalId& user) = 0;

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
