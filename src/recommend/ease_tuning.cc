#include "recommend/ease_tuning.h"

#include <algorithm>
#include <cmath>

#include "core/bit_mix.h"
#include "recommend/ease.h"
#include "recommend/parallel.h"
#include "recommend/scored_index.h"

namespace mysanta {
namespace {

constexpr size_t kMinPresents = 4;
constexpr double kHiddenShare = 0.2;

struct Validation {
  UserItemLists train;
  std::vector<Index> users;                // validation users
  std::vector<std::vector<Index>> hidden;  // per validation user, sorted
};

Validation MakeValidation(const InteractionMatrix& matrix, const EaseTuningOptions& options) {
  Validation validation;
  validation.train = UserItemLists::FromMatrix(matrix);
  std::vector<Index> candidates;
  for (Index u = 0; u < matrix.user_count(); ++u) {
    if (matrix.UserItems(u).size() >= kMinPresents) candidates.push_back(u);
  }
  std::sort(candidates.begin(), candidates.end(), [&](Index a, Index b) {
    const uint64_t ha = MixBits(options.seed ^ (uint64_t{a} << 21));
    const uint64_t hb = MixBits(options.seed ^ (uint64_t{b} << 21));
    return ha != hb ? ha < hb : a < b;
  });
  candidates.resize(std::min(candidates.size(), static_cast<size_t>(std::max(options.users, 0))));
  std::sort(candidates.begin(), candidates.end());
  for (Index u : candidates) {
    std::vector<Index>& items = validation.train.users[u];
    std::sort(items.begin(), items.end(), [&](Index a, Index b) {
      const uint64_t ha = MixBits(options.seed * 31 + (uint64_t{u} << 24) + a);
      const uint64_t hb = MixBits(options.seed * 31 + (uint64_t{u} << 24) + b);
      return ha != hb ? ha < hb : a < b;
    });
    const auto hide = std::max<size_t>(1, std::lround(kHiddenShare * items.size()));
    std::vector<Index> hidden(items.end() - hide, items.end());
    items.resize(items.size() - hide);
    std::sort(items.begin(), items.end());
    std::sort(hidden.begin(), hidden.end());
    validation.users.push_back(u);
    validation.hidden.push_back(std::move(hidden));
  }
  return validation;
}

double Ndcg(const std::vector<ScoredIndex>& ranked, const std::vector<Index>& hidden, int k) {
  double dcg = 0;
  for (size_t rank = 0; rank < ranked.size() && rank < static_cast<size_t>(k); ++rank) {
    if (std::binary_search(hidden.begin(), hidden.end(), ranked[rank].index)) {
      dcg += 1.0 / std::log2(rank + 2.0);
    }
  }
  double ideal = 0;
  for (size_t rank = 0; rank < hidden.size() && rank < static_cast<size_t>(k); ++rank) {
    ideal += 1.0 / std::log2(rank + 2.0);
  }
  return ideal > 0 ? dcg / ideal : 0;
}

}  // namespace

EaseSettings ChooseEaseSettings(const InteractionMatrix& matrix, const EaseTuningOptions& options,
                                EaseSettings fallback) {
  const Validation validation = MakeValidation(matrix, options);
  if (validation.users.empty() || options.lambdas.empty() || options.dropouts.empty() ||
      options.priors.empty()) {
    fallback.validation_users = 0;
    return fallback;
  }
  std::vector<float> popularity(validation.train.item_count, 0.0f);
  for (const auto& items : validation.train.users) {
    for (Index item : items) popularity[item] += 1;
  }
  const float max_popularity = *std::max_element(popularity.begin(), popularity.end());
  for (float& value : popularity) value /= std::max(max_popularity, 1.0f);

  EaseSettings best = fallback;
  best.ndcg = -1;
  const size_t users = validation.users.size();
  for (double lambda : options.lambdas) {
    for (double dropout : options.dropouts) {
    const EaseModel model = EaseModel::Fit(
        validation.train, EaseOptions{.items = options.items, .lambda = lambda,
                                      .dropout = dropout, .min_users = 1});
    // Per prior, the sum of the users' NDCG (one slot per prior per worker, added in order).
    std::vector<std::vector<double>> ndcg(users, std::vector<double>(options.priors.size(), 0));
    ParallelFor(users, options.threads, 32, [&](size_t begin, size_t end, int) {
      for (size_t e = begin; e < end; ++e) {
        const std::vector<ScoredIndex> scores =
            model.Score(validation.train.users[validation.users[e]]);
        float max_score = 0;
        for (const ScoredIndex& entry : scores) max_score = std::max(max_score, entry.score);
        for (size_t p = 0; p < options.priors.size(); ++p) {
          std::vector<ScoredIndex> ranked = scores;
          for (ScoredIndex& entry : ranked) {
            entry.score = static_cast<float>(entry.score / max_score +
                                             options.priors[p] * popularity[entry.index]);
          }
          KeepTop(ranked, static_cast<size_t>(options.k));
          ndcg[e][p] = Ndcg(ranked, validation.hidden[e], options.k);
        }
      }
    });
    for (size_t p = 0; p < options.priors.size(); ++p) {
      double total = 0;
      for (size_t e = 0; e < users; ++e) total += ndcg[e][p];
      const double mean = total / users;
      if (mean > best.ndcg) {
        best = {lambda, dropout, options.priors[p], mean, static_cast<int64_t>(users)};
      }
    }
    }
  }
  return best;
}

}  // namespace mysanta
