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
#include "recommend/collaborative.h"
#include "recommend/eligibility.h"
#include "recommend/interaction_matrix.h"
#include "recommend/item_similarity.h"
#include "recommend/popular_ranking.h"
#include "recommend/popularity.h"
#include "recommend/query.h"
#include "recommend/user_history.h"
#include "recommend/user_profile.h"
#include "recommend/user_similarity.h"

namespace mysanta {

// Where the content-based tier's co-liked presents come from (content_based.h).
enum class ContentCoLiked {
  kNone,
  kItemNeighbours,  // cosine item neighbours of the user's presents, summed
  kCollaborative,   // the collaborative model's scores (EASE: weights learnt from co-likes)
};

struct SnapshotOptions {
  int64_t now = 0;             // Required: "now" for decay and ages (seconds since epoch).
  int max_similar_users = 20;  // Default 20: MAX_SIMILAR_USERS, also for on-the-fly neighbours.
  // Default: likes 3, clicks 1, half-life 180 days (now is taken from `now` above).
  InteractionOptions interactions;
  PopularityOptions popularity;  // Default: see popularity.h (now is taken from `now` above).
  // Default: see user_similarity.h (max_similar_users and threads are taken from here).
  SimilarityOptions similarity;
  ItemSimilarityOptions item_similarity;  // Default: see item_similarity.h.
  // Default kCollaborative with weight 0.9: the co-liked presents' source and share of the
  // content-based tier's scores, chosen by the offline evaluation (README, quality: users given
  // two interactions on three real data sets).
  ContentCoLiked content_co_liked = ContentCoLiked::kCollaborative;
  double content_co_liked_weight = 0.9;
  CollaborativeOptions collaborative;  // Default: see collaborative.h (EASE).
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
  const EaseSettings& ease_settings() const { return collaborative_.ease_settings(); }

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
  // The tier Personalized chooses for `user` with `activity_now` (as Personalized reads it).
  Algorithm TierOf(const ExternalId& user, const UserActivity* activity_now) const;

 private:
  Snapshot() = default;
  UserHistory LoadUser(const ExternalId& user, const UserActivity* activity_now) const;
  UserProfile ProfileOf(const UserHistory& user) const;
  int SlotOf(const UserHistory& user) const;
  PopularityPrior PriorOf(int slot) const;
  std::vector<ScoredIndex> CoLiked(const UserHistory& user, int slot, RequestScratch& scratch) const;

  std::shared_ptr<const MainData> data_;
  SnapshotOptions options_;
  std::vector<PresentAttributes> presents_;
  InteractionMatrix matrix_;
  PopularRanking ranking_;                // popular: every segment's ranking
  std::vector<int32_t> profile_of_user_;  // index into profiles_, -1 when none
  std::vector<UserProfile> profiles_;     // content-based: the user_profiles table
  ItemNeighbours item_neighbours_;        // cosine
  CollaborativeModel collaborative_;
};

}  // namespace mysanta
