// SnapshotEngine: the RecommendationEngine of the running service — the jobs' current serving
// snapshot (ranked lists in external ids) and the main database (request-time reads of a user's
// likes and clicks).
//
// Thread-safe: every method may be called concurrently; each call takes its own reference to the
// current snapshot, so a rebuild never changes a list mid-request.
#pragma once

#include <memory>

#include "jobs/snapshot_loader.h"
#include "service/engine.h"
#include "store/main_database.h"

namespace mysanta::service {

class SnapshotEngine : public RecommendationEngine {
 public:
  SnapshotEngine(MainDatabase& main, SnapshotSource& snapshots);

  std::optional<int64_t> data_version() const override;
  RankedIds Popular(const PopularQuery& query, int max_results) override;
  RankedIds Personalized(const PersonalizedQuery& query, const UserActivity* activity_now,
                         int max_results) override;
  Algorithm TierOf(const ExternalId& user, const UserActivity* activity_now) override;
  std::optional<RankedIds> Similar(const SimilarQuery& query, int max_results) override;
  std::vector<PresentView> Presents(const std::vector<ExternalId>& ids) override;
  std::expected<UserActivity, std::string> ReadActivity(const ExternalId& user) override;

 private:
  // The current snapshot; throws (-> 503) when there is none yet.
  std::shared_ptr<const LoadedSnapshot> RequireSnapshot() const;

  MainDatabase& main_;
  SnapshotSource& snapshots_;
};

}  // namespace mysanta::service
