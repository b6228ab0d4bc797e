// ServiceBackend: the composition root's implementation of api::Backend — profiles, health, stats
// and jobs — over the serving snapshot, the main database, the recommendations database (stats,
// job runs) and the job runner. The recommendation requests go through service/ instead.
//
// Thread-safe: every method may be called concurrently; each request takes its own reference to
// the current snapshot, so a rebuild never changes a list mid-request.
#pragma once

#include <atomic>

#include "api/backend.h"
#include "jobs/job_runner.h"
#include "jobs/snapshot_loader.h"
#include "store/main_database.h"
#include "store/recommendations_database.h"

namespace mysanta {

class ServiceBackend : public api::Backend {
 public:
  ServiceBackend(MainDatabase& main, RecommendationsDatabase& recommendations,
                 SnapshotSource& snapshots, JobRunner& jobs);

  // True until the first data set is computed and loaded (SPEC section 6).
  void set_starting(bool starting) { starting_ = starting; }

  IdKind user_id_kind() const override { return user_id_kind_; }
  IdKind present_id_kind() const override { return present_id_kind_; }
  std::optional<double> data_age_seconds() const override;
  std::optional<api::ProfileAnswer> Profile(const ExternalId& user) override;
  api::HealthChecks Health() override;
  boost::json::object Stats() override;
  api::JobAnswer RunJob(api::JobName job) override;

 private:
  // The current snapshot; throws (-> 503) when there is none yet.
  std::shared_ptr<const LoadedSnapshot> RequireSnapshot() const;

  MainDatabase& main_;
  RecommendationsDatabase& recommendations_;
  SnapshotSource& snapshots_;
  JobRunner& jobs_;
  IdKind user_id_kind_;
  IdKind present_id_kind_;
  std::atomic<bool> starting_ = true;
};

// Maps between the api's job names and the job runner's.
api::JobAnswer ToJobAnswer(const JobResult& result);

}  // namespace mysanta
