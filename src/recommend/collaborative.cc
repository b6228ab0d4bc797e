#include "recommend/collaborative.h"

#include <algorithm>
#include <utility>

namespace mysanta {
namespace {

float MaxScore(std::span<const ScoredIndex> scored) {
  float max_score = 0;
  for (const ScoredIndex& entry : scored) max_score = std::max(max_score, entry.score);
  return max_score;
}

// The candidates scaled to a maximum of 1, plus the segment's popularity (also scaled to 1):
// a popularity prior among the candidates breaks near-ties toward the segment's favourites.
std::vector<ScoredIndex> WithPopularityPrior(const PopularityPrior& popularity, double weight,
                                             std::vector<ScoredIndex> scored) {
  const float max_score = MaxScore(scored);
  if (weight <= 0 || max_score <= 0 || popularity.max_score <= 0) return scored;
  for (ScoredIndex& entry : scored) {
    entry.score = static_cast<float>(entry.score / max_score +
                                     weight * popularity.scores[entry.index] /
                                         popularity.max_score);
  }
  return scored;
}

}  // namespace

std::vector<ScoredIndex> SumOfNeighbours(const UserHistory& user, const ItemNeighbours& neighbours,
                                         bool binary, RequestScratch& scratch) {
  for (size_t k = 0; k < user.items.size(); ++k) {
    const float weight = binary ? 1.0f : user.weights[k];
    for (const ScoredIndex& neighbour : neighbours.Of(user.items[k])) {
      Accumulate(scratch, neighbour.index, weight * neighbour.score);
    }
  }
  return Drain(scratch);
}

CollaborativeModel CollaborativeModel::Build(const InteractionMatrix& matrix,
                                             const CollaborativeOptions& options,
                                             SimilarityTable similarities, NeighbourFinder finder,
                                             const ItemNeighbours& item_neighbours, int threads) {
  CollaborativeModel model;
  model.options_ = options;
  model.similarities_ = std::move(similarities);
  model.finder_ = std::move(finder);
  if (options.method == CollaborativeMethod::kEase) {
    model.BuildEaseWeights(matrix, item_neighbours, threads);
  }
  return model;
}

void CollaborativeModel::BuildEaseWeights(const InteractionMatrix& matrix,
                                          const ItemNeighbours& item_neighbours, int threads) {
  ease_settings_ = {options_.ease.lambda, options_.ease.dropout, options_.ease_popularity_weight};
  if (options_.tune_ease) {
    EaseTuningOptions tuning = options_.ease_tuning;
    tuning.threads = threads;
    ease_settings_ = ChooseEaseSettings(matrix, tuning, ease_settings_);
    options_.ease.lambda = ease_settings_.lambda;
    options_.ease.dropout = ease_settings_.dropout;
    options_.ease_popularity_weight = ease_settings_.prior;
  }
  const EaseModel ease = EaseModel::Fit(matrix, options_.ease);
  auto rows = ease.StrongestWeights(static_cast<size_t>(std::max(options_.ease_kept_weights, 0)));
  rows.resize(matrix.item_count());
  const auto tail_scale = static_cast<float>(options_.ease_tail_scale);
  for (Index item = 0; item < rows.size(); ++item) {
    if (ease.PositionOf(item) >= 0) continue;
    for (const ScoredIndex& neighbour : item_neighbours.Of(item)) {
      rows[item].push_back({neighbour.index, neighbour.score * tail_scale});
    }
  }
  ease_weights_ = ItemNeighbours::FromRows(std::move(rows));
}

std::span<const ScoredIndex> CollaborativeModel::Neighbours(
    const InteractionMatrix& matrix, const UserHistory& user, RequestScratch& scratch,
    std::vector<ScoredIndex>& computed) const {
  std::span<const ScoredIndex> stored;
  if (user.user != kNoIndex && !user.adds_to_snapshot) stored = similarities_.Of(user.user);
  if (!stored.empty()) return stored;
  // Not in the similarity table (new to 3+ interactions since the last run): compute now.
  computed = finder_.Find(matrix, user.user, user.items, user.weights, scratch.finder);
  return computed;
}

std::vector<ScoredIndex> CollaborativeModel::UserKnnScores(const InteractionMatrix& matrix,
                                                           const UserHistory& user,
                                                           RequestScratch& scratch) const {
  std::vector<ScoredIndex> computed;
  for (const ScoredIndex& neighbour : Neighbours(matrix, user, scratch, computed)) {
    const auto items = matrix.UserItems(neighbour.index);
    const auto weights = matrix.UserWeights(neighbour.index);
    for (size_t k = 0; k < items.size(); ++k) {
      Accumulate(scratch, items[k], neighbour.score * weights[k]);
    }
  }
  return Drain(scratch);
}

int CollaborativeModel::SimilarUsers(const InteractionMatrix& matrix, const UserHistory& user,
                                     RequestScratch& scratch) const {
  std::vector<ScoredIndex> computed;
  return static_cast<int>(Neighbours(matrix, user, scratch, computed).size());
}

std::vector<ScoredIndex> CollaborativeModel::Scores(const InteractionMatrix& matrix,
                                                    const UserHistory& user,
                                                    const ItemNeighbours& item_neighbours,
                                                    const PopularityPrior& prior,
                                                    RequestScratch& scratch) const {
  if (user.items.empty()) return {};
  switch (options_.method) {
    case CollaborativeMethod::kUserKnn: return UserKnnScores(matrix, user, scratch);
    case CollaborativeMethod::kItemKnn:
      return SumOfNeighbours(user, item_neighbours, /*binary=*/false, scratch);
    case CollaborativeMethod::kEase:
      // EASE is fitted on binary data: a user's score is the plain sum of their presents' rows.
      return WithPopularityPrior(prior, options_.ease_popularity_weight,
                                 SumOfNeighbours(user, ease_weights_, /*binary=*/true, scratch));
    case CollaborativeMethod::kBlend: {
      // Each source scaled to a maximum of 1, then mixed, then the popularity prior.
      const double item_share = options_.blend_item_weight;
      for (const auto& [source, share] :
           {std::pair{UserKnnScores(matrix, user, scratch), 1.0 - item_share},
            std::pair{SumOfNeighbours(user, item_neighbours, /*binary=*/false, scratch),
                      item_share}}) {
        const float max_score = MaxScore(source);
        if (max_score <= 0) continue;
        for (const ScoredIndex& entry : source) {
          Accumulate(scratch, entry.index, static_cast<float>(share * entry.score / max_score));
        }
      }
      return WithPopularityPrior(prior, options_.blend_popularity_weight, Drain(scratch));
    }
  }
  return {};
}

}  // namespace mysanta
