#include "recommend/snapshot.h"

#include <algorithm>
#include <bit>

#include "recommend/content_based.h"
#include "recommend/list_builder.h"

namespace mysanta {

std::shared_ptr<const Snapshot> Snapshot::Build(SnapshotInputs inputs) {
  std::shared_ptr<Snapshot> snapshot(new Snapshot());
  Snapshot& s = *snapshot;
  s.data_ = std::move(inputs.data);
  s.options_ = inputs.options;
  s.options_.interactions.now = s.options_.now;
  s.options_.popularity.now = s.options_.now;
  const MainData& data = *s.data_;
  s.presents_ = CompactPresents(data);
  s.matrix_ = InteractionMatrix::Build(data, s.options_.interactions);
  s.ranking_ = PopularRanking(data, s.presents_,
                              PopularityFromRows(inputs.popularity, data.presents.size()),
                              kContentPopularityExponent);
  std::vector<PopularityRow>().swap(inputs.popularity);

  s.profiles_ = ProfilesFromRows(inputs.profiles, data);
  s.profile_of_user_.assign(data.users.size(), -1);
  for (size_t k = 0; k < s.profiles_.size(); ++k) {
    s.profile_of_user_[s.profiles_[k].user] = static_cast<int32_t>(k);
  }
  ItemSimilarityOptions item_options = s.options_.item_similarity;
  item_options.threads = s.options_.threads;
  s.item_neighbours_ = ItemNeighbours::Compute(s.matrix_, item_options);
  SimilarityOptions similarity_options = s.options_.similarity;
  similarity_options.max_similar_users = s.options_.max_similar_users;
  s.collaborative_ = CollaborativeModel::Build(
      s.matrix_, s.options_.collaborative,
      SimilarityTable::FromRows(inputs.similarities, data.users.size()),
      NeighbourFinder(s.matrix_, similarity_options), s.item_neighbours_, s.options_.threads);
  s.options_.collaborative = s.collaborative_.options();  // with the tuned settings
  return snapshot;
}

RankedList Snapshot::Popular(const PopularQuery& query, int max_results) const {
  const MainData& data = *data_;
  Eligibility eligibility(data, query.filters, query.segment.geo_id);
  eligibility.RestrictToSegment(data, query.segment);
  ListBuilder list(presents_, eligibility, max_results);
  if (list.full()) return list.Take(Algorithm::kPopular);
  for (const ExternalId& id : query.filters.exclude_ids) list.Block(data.present_ids.Find(id));

  const int gender_slot =
      query.segment.gender ? PopularityModel::GenderSlot(*query.segment.gender) : 0;
  const uint32_t mask = PopularRanking::AgeMask(query.segment.age);
  if (std::popcount(mask) <= 1) {
    const int slot =
        PopularRanking::SlotOf(gender_slot, mask == 0 ? 0 : std::countr_zero(mask) + 1);
    list.AddInOrder(ranking_.List(slot, eligibility.category()));
  } else {
    list.AddInOrder(ranking_.ListFor(gender_slot, mask));
  }
  return list.Take(Algorithm::kPopular);
}

Algorithm Snapshot::ChooseAlgorithm(int interaction_count) const {
  if (interaction_count <= 0) return Algorithm::kPopular;
  if (interaction_count < 3) return Algorithm::kContentBased;
  return Algorithm::kCollaborative;
}

UserHistory Snapshot::LoadUser(const ExternalId& user,
                                       const UserActivity* activity_now) const {
  const MainData& data = *data_;
  UserHistory state;
  state.user = data.user_ids.Find(user);
  if (state.user != kNoIndex && state.user >= data.users.size()) state.user = kNoIndex;
  if (state.user != kNoIndex) {
    const auto items = matrix_.UserItems(state.user);
    const auto weights = matrix_.UserWeights(state.user);
    const auto liked = matrix_.UserLikes(state.user);
    state.items.assign(items.begin(), items.end());
    state.weights.assign(weights.begin(), weights.end());
    state.liked.assign(liked.begin(), liked.end());
    const User& row = data.users[state.user];
    if (row.in_users_table) {
      state.gender_slot = PopularityModel::GenderSlot(row.gender);
      state.age_slot = PopularityModel::AgeSlot(UserAgeGroup(row, options_.now));
      if (row.geo_id != kNoGeo) state.geo_id = row.geo_id;
    }
  }
  if (activity_now == nullptr) return state;
  // Fresh interactions count fully: they happened at about `now`.
  std::vector<std::pair<Index, float>> fresh;
  auto add = [&](const std::vector<ExternalId>& ids, double weight, bool like) {
    for (const ExternalId& id : ids) {
      const Index p = data.present_ids.Find(id);
      if (p == kNoIndex || p >= data.presents.size()) continue;
      fresh.emplace_back(p, static_cast<float>(weight));
      if (like) state.liked.push_back(p);
    }
  };
  add(activity_now->liked, options_.interactions.like_weight, true);
  add(activity_now->clicked, options_.interactions.click_weight, false);
  std::sort(state.liked.begin(), state.liked.end());
  state.liked.erase(std::unique(state.liked.begin(), state.liked.end()), state.liked.end());
  for (const auto& [p, weight] : fresh) {
    auto it = std::lower_bound(state.items.begin(), state.items.end(), p);
    const size_t pos = it - state.items.begin();
    if (it != state.items.end() && *it == p) {
      state.weights[pos] = std::max(state.weights[pos], weight);
    } else {
      state.items.insert(it, p);
      state.weights.insert(state.weights.begin() + pos, weight);
      state.adds_to_snapshot = true;
    }
  }
  return state;
}

UserProfile Snapshot::ProfileOf(const UserHistory& state) const {
  if (state.user != kNoIndex && !state.adds_to_snapshot && profile_of_user_[state.user] >= 0) {
    return profiles_[profile_of_user_[state.user]];
  }
  return ComputeUserProfile(state.user, state.items, state.weights, *data_);
}

int Snapshot::SlotOf(const UserHistory& user) const {
  return PopularRanking::SlotOf(user.gender_slot, user.age_slot);
}

PopularityPrior Snapshot::PriorOf(int slot) const {
  const std::vector<Index>& best = ranking_.List(slot);
  return {ranking_.Scores(slot), best.empty() ? 0.0f : ranking_.Scores(slot)[best[0]]};
}

std::vector<ScoredIndex> Snapshot::CoLiked(const UserHistory& user, int slot,
                                           RequestScratch& scratch) const {
  if (options_.content_co_liked_weight <= 0) return {};
  switch (options_.content_co_liked) {
    case ContentCoLiked::kNone: return {};
    case ContentCoLiked::kItemNeighbours:
      return SumOfNeighbours(user, item_neighbours_, /*binary=*/true, scratch);
    case ContentCoLiked::kCollaborative:
      return collaborative_.Scores(matrix_, user, item_neighbours_, PriorOf(slot), scratch);
  }
  return {};
}

RankedList Snapshot::Personalized(const PersonalizedQuery& query, const UserActivity* activity_now,
                                  int max_results) const {
  return Recommend(std::nullopt, query, activity_now, max_results);
}

RankedList Snapshot::Recommend(std::optional<Algorithm> tier, const PersonalizedQuery& query,
                               const UserActivity* activity_now, int max_results) const {
  const MainData& data = *data_;
  const UserHistory user = LoadUser(query.user_id, activity_now);
  const Algorithm named = tier.value_or(ChooseAlgorithm(static_cast<int>(user.items.size())));
  const std::optional<int32_t> region = query.geo_id ? query.geo_id : user.geo_id;
  const Eligibility eligibility(data, query.filters, region);
  ListBuilder list(presents_, eligibility, max_results);
  for (Index p : user.liked) list.Block(p);
  for (const ExternalId& id : query.filters.exclude_ids) list.Block(data.present_ids.Find(id));

  const int slot = SlotOf(user);
  if (named == Algorithm::kCollaborative && !list.full()) {
    std::vector<ScoredIndex> scored =
        collaborative_.Scores(matrix_, user, item_neighbours_, PriorOf(slot), list.scratch());
    list.AddBest(scored);
  }
  if (named != Algorithm::kPopular && !list.full() && !user.items.empty()) {
    const UserProfile profile = ProfileOf(user);
    const std::vector<ScoredIndex> co_liked = CoLiked(user, slot, list.scratch());
    AddContentBased({profile, user, slot, data, presents_, ranking_, co_liked,
                     options_.content_co_liked_weight},
                    list);
  }
  list.AddInOrder(ranking_.List(slot, eligibility.category()));
  list.AddInOrder(ranking_.Cold(eligibility.category()));
  return list.Take(named);
}

Algorithm Snapshot::TierOf(const ExternalId& user, const UserActivity* activity_now) const {
  return ChooseAlgorithm(static_cast<int>(LoadUser(user, activity_now).items.size()));
}

std::optional<UserProfileView> Snapshot::Profile(const ExternalId& user,
                                                 const UserActivity* activity_now) const {
  const UserHistory state = LoadUser(user, activity_now);
  const bool in_users_table = state.user != kNoIndex && data_->users[state.user].in_users_table;
  if (!in_users_table && state.items.empty()) return std::nullopt;
  UserProfileView view;
  view.interaction_count = static_cast<int>(state.items.size());
  view.algorithm = ChooseAlgorithm(view.interaction_count);
  if (!state.items.empty()) {
    const UserProfile profile = ProfileOf(state);
    for (const auto& [c, w] : profile.categories) {
      view.preferred_categories.emplace_back(data_->categories.At(c), w);
    }
    for (const auto& [p, w] : profile.platforms) {
      view.preferred_platforms.emplace_back(data_->platforms.At(p), w);
    }
    view.avg_price = profile.avg_price;
  }
  if (view.algorithm == Algorithm::kCollaborative) {
    view.similar_users =
        collaborative_.SimilarUsers(matrix_, state, ThreadScratch(presents_.size()));
  }
  return view;
}

}  // namespace mysanta
