// Snapshot: the immutable serving model. Built off the request path from MainData and the three
// precomputed tables (popular_items, user_profiles, user_similarities), then shared as
// std::shared_ptr<const Snapshot>; every const method is safe to call concurrently (per-request
// scratch space is thread_local).
//
// Build precomputes what makes requests cheap: the interaction matrix, item-item neighbours (and
// EASE when asked), and the segments' popularity rankings (popular_ranking.h), so /popular is a
// filtered scan.
//
// Serving rules (SPEC section 5): only existing active presents; filters, region and (for
// Popular) the segment hold for every present returned; Personalized never returns a present the
// user liked (snapshot likes and the activity read at request time); no duplicates; ties broken
// by present index so lists are deterministic; at most max_results. Personalized fills a short
// list with content-based, then popular (for the user's demographics), then the remaining
// eligible presents, newest first.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/ids.h"
#include "core/main_data.h"
#include "recommend/ease.h"
#include "recommend/ease_tuning.h"
#include "recommend/eligibility.h"
#include "recommend/interaction_matrix.h"
#include "recommend/item_similarity.h"
#include "recommend/popular_ranking.h"
#include "recommend/popularity.h"
#include "recommend/query.h"
#include "recommend/user_profile.h"
#include "recommend/user_similarity.h"

namespace mysanta {

// What "collaborative" serves. kEase: EASE over the most interacted-with presents, each
// present's strongest weights kept, cosine item neighbours for the presents outside the model,
// and a popularity prior (see ease.h and collaborative_popularity_weight below).
enum class CollaborativeMethod { kUserKnn, kItemKnn, kBlend, kEase };

struct SnapshotOptions {
  int64_t now = 0;             // Required: "now" for decay and ages (seconds since epoch).
  int max_similar_users = 20;  // Default 20: MAX_SIMILAR_USERS, also for on-the-fly neighbours.
  // Default: likes 3, clicks 1, half-life 180 days (now is taken from `now` above).
  InteractionOptions interactions;
  PopularityOptions popularity;  // Default: see popularity.h (now is taken from `now` above).
  // Default: see user_similarity.h (max_similar_users and threads are taken from here).
  SimilarityOptions similarity;
  ItemSimilarityOptions item_similarity;  // Default: see item_similarity.h.
  EaseOptions ease;  // Default: see ease.h (used when collaborative is kEase).
  // Default 0: weight of the segment's popularity (scaled to max 1) added to EASE's candidates
  // (scaled to max 1) when not tuned.
  double ease_popularity_weight = 0;
  // Default true: choose ease.lambda, ease.dropout and ease_popularity_weight for the data by
  // validation at Build (ease_tuning.h; a small model, about a second at `seed`).
  bool tune_ease = true;
  EaseTuningOptions ease_tuning;  // Default: see ease_tuning.h (threads taken from here).
  // Default 500: EASE weights kept per present for serving (the rest is dropped: memory).
  int ease_kept_weights = 500;
  // Default 0.05: cosine neighbours of presents outside the EASE model are scaled by this, so
  // they fill in after the model's own presents rather than compete with them.
  double ease_tail_scale = 0.05;
  // Default kEase: chosen by the offline evaluation on real public data (README, quality).
  CollaborativeMethod collaborative = CollaborativeMethod::kEase;
  double blend_item_weight = 0.6;  // Default 0.6: item-item's share of kBlend.
  // Default 0.3: weight of the segment's popularity (scaled to max 1) added to kBlend's
  // candidates (themselves scaled to max 1).
  double blend_popularity_weight = 0.3;
  int threads = 2;                 // Default 2: for Build (item neighbours).
};

// What Build takes: the data and the three tables (see tables.h for computing them).
struct SnapshotInputs {
  std::shared_ptr<const MainData> data;
  std::vector<PopularityRow> popularity;    // popular_items
  std::vector<ProfileRow> profiles;     // user_profiles
  std::vector<SimilarityRow> similarities;  // user_similarities
  SnapshotOptions options;
};

// GET /user-profile's view of a user.
struct UserProfileView {
  int interaction_count = 0;
  Algorithm algorithm = Algorithm::kPopular;
  std::vector<std::pair<std::string, double>> preferred_categories;  // weight descending
  std::vector<std::pair<std::string, double>> preferred_platforms;   // weight descending
  double avg_price = 0;
  int similar_users = 0;
};

class Snapshot {
 public:
  static std::shared_ptr<const Snapshot> Build(SnapshotInputs inputs);

  const MainData& data() const { return *data_; }
  const SnapshotOptions& options() const { return options_; }
  const InteractionMatrix& matrix() const { return matrix_; }
  // Each present's most similar presents (cosine, item_similarity.h): /similar's source.
  const ItemNeighbours& item_neighbours() const { return item_neighbours_; }
  // kEase: the settings served (chosen by validation when options().tune_ease).
  const EaseSettings& ease_settings() const { return ease_settings_; }

  RankedList Popular(const PopularQuery& query, int max_results) const;
  // activity_now: the user's likes and clicks read from the main database at request time
  // (unknown ids ignored); nullptr when it is unreachable (then the snapshot's knowledge is used).
  RankedList Personalized(const PersonalizedQuery& query, const UserActivity* activity_now,
                          int max_results) const;
  // Personalized with the tier forced (nullopt: the policy, i.e. Personalized itself), still
  // filled up as Personalized fills: for the offline evaluation.
  RankedList Recommend(std::optional<Algorithm> tier, const PersonalizedQuery& query,
                       const UserActivity* activity_now, int max_results) const;
  // nullopt for a user the data does not know (no users row, no interactions).
  std::optional<UserProfileView> Profile(const ExternalId& user,
                                         const UserActivity* activity_now) const;
  // 0: popular, 1-2: content-based, 3+: collaborative (SPEC section 1).
  Algorithm ChooseAlgorithm(int interaction_count) const;

 private:
  struct UserState;
  class ListBuilder;
  Snapshot() = default;
  UserState LoadUser(const ExternalId& user, const UserActivity* activity_now) const;
  UserProfile ProfileOf(const UserState& state) const;
  void BuildEaseWeights();
  void AddPopular(ListBuilder& list, int slot) const;
  void AddCold(ListBuilder& list, uint32_t category) const;
  void AddContentBased(ListBuilder& list, const UserState& state) const;
  void AddCollaborative(ListBuilder& list, const UserState& state) const;
  std::vector<ScoredIndex> WithPopularityPrior(const UserState& state, double prior,
                                               std::vector<ScoredIndex> scored) const;
  static void AddBest(ListBuilder& list, std::vector<ScoredIndex>& scored);
  std::vector<ScoredIndex> UserKnnScores(const UserState& state) const;
  // Sum over the user's presents of their rows in `neighbours`, each weighted by the user's
  // interaction weight (or 1 when `binary`).
  std::vector<ScoredIndex> ItemKnnScores(const UserState& state, const ItemNeighbours& neighbours,
                                         bool binary) const;

  std::shared_ptr<const MainData> data_;
  SnapshotOptions options_;
  std::vector<PresentAttributes> presents_;
  InteractionMatrix matrix_;
  PopularRanking ranking_;
  std::vector<int32_t> profile_of_user_;  // index into profiles_, -1 when none
  std::vector<UserProfile> profiles_;
  SimilarityTable similarities_;
  NeighbourFinder finder_;
  ItemNeighbours item_neighbours_;  // cosine; empty when the collaborative method needs none
  ItemNeighbours ease_weights_;     // kEase: EASE's strongest weights, cosine tail scaled
  EaseSettings ease_settings_;

};

}  // namespace mysanta
