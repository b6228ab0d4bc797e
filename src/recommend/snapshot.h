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
#include "recommend/eligibility.h"
#include "recommend/interaction_matrix.h"
#include "recommend/item_similarity.h"
#include "recommend/popular_ranking.h"
#include "recommend/popularity.h"
#include "recommend/query.h"
#include "recommend/user_profile.h"
#include "recommend/user_similarity.h"

namespace mysanta {

// What "collaborative" serves.
enum class CollaborativeMethod { kUserKnn, kItemKnn, kBlend, kEase };

// A ranking strategy, for the offline evaluation; kPolicy is what Personalized serves.
// kEase ranks nothing (everything comes from the fill-up) unless the snapshot fitted EASE.
enum class Strategy { kPolicy, kPopular, kContentBased, kUserKnn, kItemKnn, kBlend, kEase };
std::string_view StrategyName(Strategy strategy);

struct SnapshotOptions {
  int64_t now = 0;             // Required: "now" for decay and ages (seconds since epoch).
  int max_similar_users = 20;  // Default 20: MAX_SIMILAR_USERS, also for on-the-fly neighbours.
  // Default: likes 3, clicks 1, half-life 180 days (now is taken from `now` above).
  InteractionOptions interactions;
  PopularityOptions popularity;  // Default: see popularity.h (now is taken from `now` above).
  // Default: see user_similarity.h (max_similar_users and threads are taken from here).
  SimilarityOptions similarity;
  ItemSimilarityOptions item_similarity;  // Default: see item_similarity.h.
  // Default false: EASE is fitted at Build only when this is set or collaborative is kEase (it is
  // a candidate for the evaluation; see ease.h for its cost).
  bool with_ease = false;
  EaseOptions ease;  // Default: see ease.h.
  // Default kBlend: chosen by the offline evaluation (item-item carries most of the quality,
  // user-user adds diversity on clustered tastes).
  CollaborativeMethod collaborative = CollaborativeMethod::kBlend;
  double blend_item_weight = 0.6;  // Default 0.6: item-item's share of the blend.
  // Default 0.3: weight of the segment's popularity (scaled to max 1) added to blend candidates.
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

  RankedList Popular(const PopularQuery& query, int max_results) const;
  // activity_now: the user's likes and clicks read from the main database at request time
  // (unknown ids ignored); nullptr when it is unreachable (then the snapshot's knowledge is used).
  RankedList Personalized(const PersonalizedQuery& query, const UserActivity* activity_now,
                          int max_results) const;
  // Personalized with a given strategy (kPolicy is Personalized itself): for the evaluation.
  RankedList Recommend(Strategy strategy, const PersonalizedQuery& query,
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
  void AddPopular(ListBuilder& list, int slot) const;
  void AddCold(ListBuilder& list, uint32_t category) const;
  void AddContentBased(ListBuilder& list, const UserState& state) const;
  void AddCollaborative(ListBuilder& list, const UserState& state, CollaborativeMethod method) const;
  static void AddBest(ListBuilder& list, std::vector<ScoredIndex>& scored);
  std::vector<ScoredIndex> UserKnnScores(const UserState& state) const;
  std::vector<ScoredIndex> ItemKnnScores(const UserState& state) const;

  std::shared_ptr<const MainData> data_;
  SnapshotOptions options_;
  std::vector<PresentAttributes> presents_;
  InteractionMatrix matrix_;
  PopularRanking ranking_;
  std::vector<int32_t> profile_of_user_;  // index into profiles_, -1 when none
  std::vector<UserProfile> profiles_;
  SimilarityTable similarities_;
  NeighbourFinder finder_;
  ItemNeighbours item_neighbours_;
  EaseModel ease_;
};

}  // namespace mysanta
