#include "recommend/similar.h"

#include <algorithm>
#include <vector>

#include "recommend/eligibility.h"

namespace mysanta {

std::optional<int32_t> SimilarRegion(const MainData& data, const SimilarQuery& query) {
  if (query.geo_id) return query.geo_id;
  if (!query.user_id) return std::nullopt;
  const Index user = data.user_ids.Find(*query.user_id);
  if (user == kNoIndex || data.users[user].geo_id == kNoGeo) return std::nullopt;
  return data.users[user].geo_id;
}

std::optional<RankedList> SimilarPresents(const Snapshot& snapshot, const SimilarQuery& query,
                                          int max_results) {
  const MainData& data = snapshot.data();
  const Index present = data.present_ids.Find(query.present_id);
  if (present == kNoIndex) return std::nullopt;
  RankedList list{{}, Algorithm::kSimilar};
  const Eligibility eligibility(data, query.filters, SimilarRegion(data, query));
  if (eligibility.matches_nothing() || max_results <= 0) return list;
  std::vector<Index> excluded;
  excluded.reserve(query.filters.exclude_ids.size());
  for (const ExternalId& id : query.filters.exclude_ids) {
    if (Index index = data.present_ids.Find(id); index != kNoIndex) excluded.push_back(index);
  }
  std::sort(excluded.begin(), excluded.end());
  for (const ScoredIndex& neighbour : snapshot.item_neighbours().Of(present)) {
    if (neighbour.index == present || neighbour.score <= 0) continue;
    if (std::binary_search(excluded.begin(), excluded.end(), neighbour.index)) continue;
    if (!eligibility.Accepts(PresentAttributesOf(data.presents[neighbour.index]))) continue;
    // Neighbour lists hold each present once; the check keeps rule 5 whatever built them.
    if (std::find(list.presents.begin(), list.presents.end(), neighbour.index) !=
        list.presents.end()) {
      continue;
    }
    list.presents.push_back(neighbour.index);
    if (list.presents.size() >= static_cast<size_t>(max_results)) break;
  }
  return list;
}

}  // namespace mysanta
