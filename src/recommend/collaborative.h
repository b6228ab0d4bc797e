// The collaborative tier (SPEC section 1, users with 3+ interactions): scores for the presents a
// user has not interacted with, from the behaviour of everyone else.
//
// Methods (CollaborativeMethod): EASE (the default, chosen by the offline evaluation on real
// public data, README "Quality"): a linear item-item model over the most interacted-with
// presents, each present's strongest weights kept, cosine item neighbours for the presents
// outside the model (scaled down, so they fill in after the model's own), plus a popularity
// prior; item-item kNN (cosine); user-user kNN (the user_similarities table, or neighbours found
// on the fly for users new to it); and a blend of the two kNNs.
//
// Built once per snapshot; immutable afterwards and thread-safe for const use (per-request
// accumulation happens in the caller's RequestScratch).
#pragma once

#include <span>
#include <vector>

#include "recommend/ease.h"
#include "recommend/ease_tuning.h"
#include "recommend/interaction_matrix.h"
#include "recommend/item_similarity.h"
#include "recommend/list_builder.h"
#include "recommend/scored_index.h"
#include "recommend/user_history.h"
#include "recommend/user_similarity.h"

namespace mysanta {

enum class CollaborativeMethod { kUserKnn, kItemKnn, kBlend, kEase };

struct CollaborativeOptions {
  // Default kEase: chosen by the offline evaluation on real public data (README, quality).
  CollaborativeMethod method = CollaborativeMethod::kEase;
  EaseOptions ease;  // Default: see ease.h (kEase).
  // Default 0: weight of the segment's popularity (scaled to max 1) added to EASE's candidates
  // (scaled to max 1) when not tuned.
  double ease_popularity_weight = 0;
  // Default true: choose ease.lambda, ease.dropout and ease_popularity_weight for the data by
  // validation (ease_tuning.h; a small model, about a second at `seed`).
  bool tune_ease = true;
  EaseTuningOptions ease_tuning;  // Default: see ease_tuning.h.
  // Default 500: EASE weights kept per present for serving (the rest is dropped: memory).
  int ease_kept_weights = 500;
  // Default 0.05: cosine neighbours of presents outside the EASE model are scaled by this, so
  // they fill in after the model's own presents rather than compete with them.
  double ease_tail_scale = 0.05;
  double blend_item_weight = 0.6;  // Default 0.6: item-item's share of kBlend.
  // Default 0.3: weight of the segment's popularity (scaled to max 1) added to kBlend's
  // candidates (themselves scaled to max 1).
  double blend_popularity_weight = 0.3;
};

// Sum over the user's presents of their rows in `neighbours` ("people who liked this also
// liked"), each weighted by the user's interaction weight, or by 1 when `binary`.
std::vector<ScoredIndex> SumOfNeighbours(const UserHistory& user, const ItemNeighbours& neighbours,
                                         bool binary, RequestScratch& scratch);

// The segment's popularity for a user's slot, for the popularity prior.
struct PopularityPrior {
  std::span<const float> scores;  // by present
  float max_score = 0;            // the largest of `scores`
};

class CollaborativeModel {
 public:
  CollaborativeModel() = default;
  // `similarities`: the user_similarities table; `item_neighbours`: cosine, computed once per
  // snapshot (also for /similar and the EASE tail); `threads` for fitting and tuning EASE.
  static CollaborativeModel Build(const InteractionMatrix& matrix,
                                  const CollaborativeOptions& options,
                                  SimilarityTable similarities, NeighbourFinder finder,
                                  const ItemNeighbours& item_neighbours, int threads);

  // The user's candidates with their scores (any order; presents they interacted with may be
  // among them: the list blocks those).
  std::vector<ScoredIndex> Scores(const InteractionMatrix& matrix, const UserHistory& user,
                                  const ItemNeighbours& item_neighbours,
                                  const PopularityPrior& prior, RequestScratch& scratch) const;
  // The number of user neighbours the user has (stored, or found now for users new to the table).
  int SimilarUsers(const InteractionMatrix& matrix, const UserHistory& user,
                   RequestScratch& scratch) const;

  const CollaborativeOptions& options() const { return options_; }
  // kEase: the settings served (chosen by validation when options().tune_ease).
  const EaseSettings& ease_settings() const { return ease_settings_; }

 private:
  void BuildEaseWeights(const InteractionMatrix& matrix, const ItemNeighbours& item_neighbours,
                        int threads);
  std::span<const ScoredIndex> Neighbours(const InteractionMatrix& matrix, const UserHistory& user,
                                          RequestScratch& scratch,
                                          std::vector<ScoredIndex>& computed) const;
  std::vector<ScoredIndex> UserKnnScores(const InteractionMatrix& matrix, const UserHistory& user,
                                         RequestScratch& scratch) const;

  CollaborativeOptions options_;
  SimilarityTable similarities_;
  NeighbourFinder finder_;
  ItemNeighbours ease_weights_;  // kEase: EASE's strongest weights, cosine tail scaled
  EaseSettings ease_settings_;
};

}  // namespace mysanta
