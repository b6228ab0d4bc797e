#include "recommend/snapshot.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace mysanta {
namespace {

// Content-based score weights; chosen on the offline evaluation (see evaluation.h).
constexpr double kCategoryFloor = 0.02;   // other categories count 1/50 of a sole favourite
constexpr double kPriceFloor = 0.3;       // a present far off budget keeps 0.3/1.3 of its score
constexpr double kPlatformWeight = 0.3;   // the favourite shop lifts by up to 30%
// Popularity is damped so that taste, not a best-seller of another category, leads.
constexpr double kPopularityExponent = 0.75;
constexpr double kMinLogPriceStd = 0.25;
// Content-based candidates: per preferred category, and from the overall ranking.
constexpr size_t kContentCandidates = 400;
constexpr size_t kContentCategories = 6;

// Per-thread scratch space, so requests allocate nothing proportional to the catalogue.
struct RequestScratch {
  std::vector<uint32_t> stamp;  // == generation: the present is excluded or already listed
  uint32_t generation = 0;
  std::vector<float> scores;    // all zero between uses
  std::vector<Index> touched;
  NeighbourFinder::Scratch finder;
};

// This thread's scratch, sized for `items` presents.
RequestScratch& ThreadScratch(size_t items) {
  thread_local RequestScratch scratch;
  if (scratch.stamp.size() < items) scratch.stamp.resize(items, 0);
  if (scratch.scores.size() < items) scratch.scores.resize(items, 0.0f);
  return scratch;
}

// Starts a new list: every stamp of earlier lists becomes stale.
void NewGeneration(RequestScratch& scratch) {
  if (++scratch.generation == 0) {
    std::fill(scratch.stamp.begin(), scratch.stamp.end(), 0);
    scratch.generation = 1;
  }
}

int SlotOf(int gender_slot, int age_slot) { return PopularRanking::SlotOf(gender_slot, age_slot); }

// Drains `scores` at the touched indices into a list (score > 0), resetting them to zero.
std::vector<ScoredIndex> Drain(RequestScratch& scratch) {
  std::vector<ScoredIndex> result;
  result.reserve(scratch.touched.size());
  for (Index item : scratch.touched) {
    if (scratch.scores[item] > 0) result.push_back({item, scratch.scores[item]});
    scratch.scores[item] = 0;
  }
  scratch.touched.clear();
  return result;
}

void Accumulate(RequestScratch& scratch, Index item, float value) {
  if (scratch.scores[item] == 0) scratch.touched.push_back(item);
  scratch.scores[item] += value;
  if (scratch.scores[item] == 0) scratch.scores[item] = 1e-30f;  // stays touched
}

}  // namespace

struct Snapshot::UserState {
  Index user = kNoIndex;
  std::vector<Index> items;  // sorted
  std::vector<float> weights;
  std::vector<Index> liked;  // sorted, unique
  bool adds_to_snapshot = false;  // activity_now knows presents the snapshot does not
  int gender_slot = 0;
  int age_slot = 0;
  std::optional<int32_t> geo_id;
};

// The ranked list under construction: accepts each eligible, not yet blocked present once.
class Snapshot::ListBuilder {
 public:
  ListBuilder(const Snapshot& snapshot, const Eligibility& eligibility, int max_results)
      : snapshot_(snapshot),
        eligibility_(eligibility),
        scratch_(ThreadScratch(snapshot.presents_.size())),
        max_results_(static_cast<size_t>(std::max(max_results, 0))) {
    NewGeneration(scratch_);
    list_.reserve(std::min<size_t>(max_results_, 1024));
  }

  const Eligibility& eligibility() const { return eligibility_; }
  RequestScratch& scratch() { return scratch_; }
  bool full() const { return list_.size() >= max_results_ || eligibility_.matches_nothing(); }
  size_t room() const { return full() ? 0 : max_results_ - list_.size(); }
  void Block(Index item) {
    if (item < snapshot_.presents_.size()) scratch_.stamp[item] = scratch_.generation;
  }
  bool Admissible(Index item) const {
    return scratch_.stamp[item] != scratch_.generation &&
           eligibility_.Accepts(snapshot_.presents_[item]);
  }
  void TryAdd(Index item) {
    if (full() || !Admissible(item)) return;
    scratch_.stamp[item] = scratch_.generation;
    list_.push_back(item);
  }
  RankedList Take(Algorithm algorithm) { return {std::move(list_), algorithm}; }

 private:
  const Snapshot& snapshot_;
  const Eligibility& eligibility_;
  RequestScratch& scratch_;
  size_t max_results_;
  std::vector<Index> list_;
};

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
                              kPopularityExponent);
  std::vector<PopularityRow>().swap(inputs.popularity);

  s.profiles_ = ProfilesFromRows(inputs.profiles, data);
  s.profile_of_user_.assign(data.users.size(), -1);
  for (size_t k = 0; k < s.profiles_.size(); ++k) {
    s.profile_of_user_[s.profiles_[k].user] = static_cast<int32_t>(k);
  }
  s.similarities_ = SimilarityTable::FromRows(inputs.similarities, data.users.size());
  SimilarityOptions similarity_options = s.options_.similarity;
  similarity_options.max_similar_users = s.options_.max_similar_users;
  s.finder_ = NeighbourFinder(s.matrix_, similarity_options);
  ItemSimilarityOptions item_options = s.options_.item_similarity;
  item_options.threads = s.options_.threads;
  s.item_neighbours_ = ItemNeighbours::Compute(s.matrix_, item_options);
  if (s.options_.collaborative == CollaborativeMethod::kEase) s.BuildEaseWeights();
  return snapshot;
}

RankedList Snapshot::Popular(const PopularQuery& query, int max_results) const {
  const MainData& data = *data_;
  Eligibility eligibility(data, query.filters, query.segment.geo_id);
  eligibility.RestrictToSegment(data, query.segment);
  ListBuilder list(*this, eligibility, max_results);
  if (list.full()) return list.Take(Algorithm::kPopular);
  for (const ExternalId& id : query.filters.exclude_ids) list.Block(data.present_ids.Find(id));

  const int gender_slot =
      query.segment.gender ? PopularityModel::GenderSlot(*query.segment.gender) : 0;
  const uint32_t mask = PopularRanking::AgeMask(query.segment.age);
  if (std::popcount(mask) <= 1) {
    const int slot = SlotOf(gender_slot, mask == 0 ? 0 : std::countr_zero(mask) + 1);
    for (Index p : ranking_.List(slot, eligibility.category())) {
      if (list.full()) break;
      list.TryAdd(p);
    }
  } else {
    for (Index p : ranking_.ListFor(gender_slot, mask)) {
      if (list.full()) break;
      list.TryAdd(p);
    }
  }
  return list.Take(Algorithm::kPopular);
}

Algorithm Snapshot::ChooseAlgorithm(int interaction_count) const {
  if (interaction_count <= 0) return Algorithm::kPopular;
  if (interaction_count < 3) return Algorithm::kContentBased;
  return Algorithm::kCollaborative;
}

Snapshot::UserState Snapshot::LoadUser(const ExternalId& user,
                                       const UserActivity* activity_now) const {
  const MainData& data = *data_;
  UserState state;
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

UserProfile Snapshot::ProfileOf(const UserState& state) const {
  if (state.user != kNoIndex && !state.adds_to_snapshot && profile_of_user_[state.user] >= 0) {
    return profiles_[profile_of_user_[state.user]];
  }
  return ComputeUserProfile(state.user, state.items, state.weights, *data_);
}

void Snapshot::AddPopular(ListBuilder& list, int slot) const {
  if (list.full()) return;
  for (Index p : ranking_.List(slot, list.eligibility().category())) {
    if (list.full()) return;
    list.TryAdd(p);
  }
}

void Snapshot::AddCold(ListBuilder& list, uint32_t category) const {
  if (list.full()) return;
  for (Index p : ranking_.Cold(category)) {
    if (list.full()) return;
    list.TryAdd(p);
  }
}

void Snapshot::AddContentBased(ListBuilder& list, const UserState& state) const {
  if (list.full() || state.items.empty()) return;
  const UserProfile profile = ProfileOf(state);
  if (profile.categories.empty()) return;
  const MainData& data = *data_;
  const int slot = SlotOf(state.gender_slot, state.age_slot);
  const uint32_t only_category = list.eligibility().category();

  // Candidates: the most popular admissible presents of each preferred category (then the newest
  // unpopular ones), and of the overall ranking so platform and price can pull in others.
  // Candidates are marked in the scratch scores (all zero between uses) to skip duplicates.
  RequestScratch& scratch = list.scratch();
  std::vector<Index> candidates;
  auto take = [&](const std::vector<Index>& source, size_t limit) {
    size_t taken = 0;
    for (Index p : source) {
      if (taken >= limit) return taken;
      if (scratch.scores[p] == 0 && list.Admissible(p)) {
        scratch.scores[p] = 1;
        candidates.push_back(p);
        ++taken;
      }
    }
    return taken;
  };
  for (size_t k = 0; k < profile.categories.size() && k < kContentCategories; ++k) {
    const uint16_t category = profile.categories[k].first;
    if (only_category != Eligibility::kAnyName && category != only_category) continue;
    const size_t taken = take(ranking_.List(slot, category), kContentCandidates);
    if (taken < kContentCandidates) take(ranking_.Cold(category), kContentCandidates - taken);
  }
  take(ranking_.List(slot, only_category), kContentCandidates);
  for (Index p : candidates) scratch.scores[p] = 0;

  std::vector<float> category_weight(data.categories.size(), 0.0f);
  std::vector<float> platform_weight(data.platforms.size(), 0.0f);
  for (const auto& [c, w] : profile.categories) category_weight[c] = w;
  for (const auto& [p, w] : profile.platforms) platform_weight[p] = w;
  const double sigma = std::max(profile.log_price_std, kMinLogPriceStd);
  const std::span<const float> damped = ranking_.Damped(slot);
  std::vector<ScoredIndex> scored;
  scored.reserve(candidates.size());
  for (Index p : candidates) {
    const PresentAttributes& present = presents_[p];
    const double z = (present.log_price - profile.log_price_mean) / sigma;
    // Multiplicative: within the user's categories and budget, the segment's favourites first.
    const double popularity = damped[p];
    const double score = popularity * (kCategoryFloor + category_weight[present.category]) *
                         (kPriceFloor + std::exp(-0.5 * z * z)) *
                         (1.0 + kPlatformWeight * platform_weight[present.platform]);
    scored.push_back({p, static_cast<float>(score)});
  }
  AddBest(list, scored);
}

void Snapshot::AddBest(ListBuilder& list, std::vector<ScoredIndex>& scored) {
  // Only as many as the list still takes need ordering.
  std::erase_if(scored, [&](const ScoredIndex& entry) { return !list.Admissible(entry.index); });
  const size_t room = list.room();
  if (scored.size() > room) {
    std::partial_sort(scored.begin(), scored.begin() + room, scored.end(), BetterScored);
    scored.resize(room);
  } else {
    std::sort(scored.begin(), scored.end(), BetterScored);
  }
  for (const ScoredIndex& entry : scored) list.TryAdd(entry.index);
}

std::vector<ScoredIndex> Snapshot::UserKnnScores(const UserState& state) const {
  RequestScratch& scratch = ThreadScratch(presents_.size());
  std::vector<ScoredIndex> computed;
  std::span<const ScoredIndex> neighbours;
  if (state.user != kNoIndex && !state.adds_to_snapshot) neighbours = similarities_.Of(state.user);
  if (neighbours.empty()) {
    // Not in the similarity table (new to 3+ interactions since the last run): compute now.
    computed = finder_.Find(matrix_, state.user, state.items, state.weights, scratch.finder);
    neighbours = computed;
  }
  for (const ScoredIndex& neighbour : neighbours) {
    const auto items = matrix_.UserItems(neighbour.index);
    const auto weights = matrix_.UserWeights(neighbour.index);
    for (size_t k = 0; k < items.size(); ++k) {
      Accumulate(scratch, items[k], neighbour.score * weights[k]);
    }
  }
  return Drain(scratch);
}

std::vector<ScoredIndex> Snapshot::ItemKnnScores(const UserState& state,
                                                 const ItemNeighbours& neighbours,
                                                 bool binary) const {
  RequestScratch& scratch = ThreadScratch(presents_.size());
  for (size_t k = 0; k < state.items.size(); ++k) {
    const float weight = binary ? 1.0f : state.weights[k];
    for (const ScoredIndex& neighbour : neighbours.Of(state.items[k])) {
      Accumulate(scratch, neighbour.index, weight * neighbour.score);
    }
  }
  return Drain(scratch);
}

void Snapshot::BuildEaseWeights() {
  ease_settings_ = {options_.ease.lambda, options_.ease.dropout, options_.ease_popularity_weight};
  if (options_.tune_ease) {
    EaseTuningOptions tuning = options_.ease_tuning;
    tuning.threads = options_.threads;
    ease_settings_ = ChooseEaseSettings(matrix_, tuning, ease_settings_);
    options_.ease.lambda = ease_settings_.lambda;
    options_.ease.dropout = ease_settings_.dropout;
    options_.ease_popularity_weight = ease_settings_.prior;
  }
  const EaseModel ease = EaseModel::Fit(matrix_, options_.ease);
  auto rows = ease.StrongestWeights(static_cast<size_t>(std::max(options_.ease_kept_weights, 0)));
  rows.resize(presents_.size());
  const auto tail_scale = static_cast<float>(options_.ease_tail_scale);
  for (Index item = 0; item < rows.size(); ++item) {
    if (ease.PositionOf(item) >= 0) continue;
    for (const ScoredIndex& neighbour : item_neighbours_.Of(item)) {
      rows[item].push_back({neighbour.index, neighbour.score * tail_scale});
    }
  }
  ease_weights_ = ItemNeighbours::FromRows(std::move(rows));
}

std::vector<ScoredIndex> Snapshot::WithPopularityPrior(const UserState& state, double prior,
                                                       std::vector<ScoredIndex> scored) const {
  // The candidates scaled to a maximum of 1, plus the segment's popularity (also scaled to 1):
  // a popularity prior among the candidates breaks near-ties toward the segment's favourites.
  if (prior <= 0 || scored.empty()) return scored;
  const int slot = SlotOf(state.gender_slot, state.age_slot);
  const std::span<const float> popularity = ranking_.Scores(slot);
  const std::vector<Index>& best = ranking_.List(slot);
  const float max_popularity = best.empty() ? 0 : popularity[best[0]];
  float max_score = 0;
  for (const ScoredIndex& entry : scored) max_score = std::max(max_score, entry.score);
  if (max_score <= 0 || max_popularity <= 0) return scored;
  for (ScoredIndex& entry : scored) {
    entry.score = static_cast<float>(entry.score / max_score +
                                     prior * popularity[entry.index] / max_popularity);
  }
  return scored;
}

void Snapshot::AddCollaborative(ListBuilder& list, const UserState& state) const {
  if (list.full() || state.items.empty()) return;
  std::vector<ScoredIndex> scored;
  switch (options_.collaborative) {
    case CollaborativeMethod::kUserKnn: scored = UserKnnScores(state); break;
    case CollaborativeMethod::kItemKnn:
      scored = ItemKnnScores(state, item_neighbours_, /*binary=*/false);
      break;
    case CollaborativeMethod::kEase:
      // EASE is fitted on binary data: a user's score is the plain sum of their presents' rows.
      scored = WithPopularityPrior(state, options_.ease_popularity_weight,
                                   ItemKnnScores(state, ease_weights_, /*binary=*/true));
      break;
    case CollaborativeMethod::kBlend: {
      // Each source scaled to a maximum of 1, then mixed, then the popularity prior.
      RequestScratch& scratch = list.scratch();
      const double item_share = options_.blend_item_weight;
      for (const auto& [source, share] :
           {std::pair{UserKnnScores(state), 1.0 - item_share},
            std::pair{ItemKnnScores(state, item_neighbours_, /*binary=*/false), item_share}}) {
        float max_score = 0;
        for (const ScoredIndex& entry : source) max_score = std::max(max_score, entry.score);
        if (max_score <= 0) continue;
        for (const ScoredIndex& entry : source) {
          Accumulate(scratch, entry.index, static_cast<float>(share * entry.score / max_score));
        }
      }
      scored = WithPopularityPrior(state, options_.blend_popularity_weight, Drain(scratch));
      break;
    }
  }
  AddBest(list, scored);
}

RankedList Snapshot::Personalized(const PersonalizedQuery& query, const UserActivity* activity_now,
                                  int max_results) const {
  return Recommend(std::nullopt, query, activity_now, max_results);
}

RankedList Snapshot::Recommend(std::optional<Algorithm> tier, const PersonalizedQuery& query,
                               const UserActivity* activity_now, int max_results) const {
  const MainData& data = *data_;
  const UserState state = LoadUser(query.user_id, activity_now);
  const Algorithm named = tier.value_or(ChooseAlgorithm(static_cast<int>(state.items.size())));
  const std::optional<int32_t> region = query.geo_id ? query.geo_id : state.geo_id;
  const Eligibility eligibility(data, query.filters, region);
  ListBuilder list(*this, eligibility, max_results);
  for (Index p : state.liked) list.Block(p);
  for (const ExternalId& id : query.filters.exclude_ids) list.Block(data.present_ids.Find(id));

  if (named == Algorithm::kCollaborative) AddCollaborative(list, state);
  if (named != Algorithm::kPopular) AddContentBased(list, state);
  AddPopular(list, SlotOf(state.gender_slot, state.age_slot));
  AddCold(list, eligibility.category());
  return list.Take(named);
}

Algorithm Snapshot::TierOf(const ExternalId& user, const UserActivity* activity_now) const {
  return ChooseAlgorithm(static_cast<int>(LoadUser(user, activity_now).items.size()));
}

std::optional<UserProfileView> Snapshot::Profile(const ExternalId& user,
                                                 const UserActivity* activity_now) const {
  const UserState state = LoadUser(user, activity_now);
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
    std::span<const ScoredIndex> stored;
    if (state.user != kNoIndex && !state.adds_to_snapshot) stored = similarities_.Of(state.user);
    view.similar_users = !stored.empty()
        ? static_cast<int>(stored.size())
        : static_cast<int>(finder_.Find(matrix_, state.user, state.items, state.weights,
                                        ThreadScratch(presents_.size()).finder).size());
  }
  return view;
}

}  // namespace mysanta
