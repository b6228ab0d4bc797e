#include "service/snapshot_engine.h"

#include <stdexcept>

#include "recommend/similar.h"

namespace mysanta::service {
namespace {

class NotReadyError : public std::runtime_error {
 public:
  NotReadyError() : std::runtime_error("the service is still computing its data") {}
};

RankedIds ToRankedIds(const RankedList& list, const MainData& data) {
  RankedIds answer;
  answer.algorithm = list.algorithm;
  answer.items.reserve(list.presents.size());
  for (Index present : list.presents) answer.items.push_back(data.present_ids.At(present));
  return answer;
}

}  // namespace

SnapshotEngine::SnapshotEngine(MainDatabase& main, SnapshotSource& snapshots)
    : main_(main), snapshots_(snapshots) {}

std::shared_ptr<const LoadedSnapshot> SnapshotEngine::RequireSnapshot() const {
  auto current = snapshots_.Current();
  if (!current) throw NotReadyError();
  return current;
}

std::optional<int64_t> SnapshotEngine::data_version() const {
  auto current = snapshots_.Current();
  if (!current) return std::nullopt;
  return current->data_version;
}

RankedIds SnapshotEngine::Popular(const PopularQuery& query, int max_results) {
  auto current = RequireSnapshot();
  return ToRankedIds(current->snapshot->Popular(query, max_results), current->snapshot->data());
}

RankedIds SnapshotEngine::Personalized(const PersonalizedQuery& query,
                                       const UserActivity* activity_now, int max_results) {
  auto current = RequireSnapshot();
  return ToRankedIds(current->snapshot->Personalized(query, activity_now, max_results),
                     current->snapshot->data());
}

Algorithm SnapshotEngine::TierOf(const ExternalId& user, const UserActivity* activity_now) {
  return RequireSnapshot()->snapshot->TierOf(user, activity_now);
}

std::optional<RankedIds> SnapshotEngine::Similar(const SimilarQuery& query, int max_results) {
  auto current = RequireSnapshot();
  std::optional<RankedList> list = SimilarPresents(*current->snapshot, query, max_results);
  if (!list) return std::nullopt;
  return ToRankedIds(*list, current->snapshot->data());
}

std::vector<PresentView> SnapshotEngine::Presents(const std::vector<ExternalId>& ids) {
  auto current = RequireSnapshot();
  const MainData& data = current->snapshot->data();
  std::vector<PresentView> views;
  views.reserve(ids.size());
  for (const ExternalId& id : ids) {
    const Index index = data.present_ids.Find(id);
    if (index == kNoIndex) continue;
    const Present& present = data.presents[index];
    views.push_back({.id = id,
                     .title = present.title,
                     .price = present.price,
                     .category = data.categories.At(present.category),
                     .platform = data.platforms.At(present.platform),
                     .gender = std::string(GenderName(present.gender)),
                     .age_group = AgeRangeLabel(present.age),
                     .geo_id = present.geo_id == kNoGeo ? std::nullopt
                                                        : std::optional<int32_t>(present.geo_id),
                     .is_active = present.is_active});
  }
  return views;
}

std::expected<UserActivity, std::string> SnapshotEngine::ReadActivity(const ExternalId& user) {
  try {
    return main_.LoadUserActivity(user);
  } catch (const std::exception& error) {
    return std::unexpected(std::string(error.what()));
  }
}

}  // namespace mysanta::service
