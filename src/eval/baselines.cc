#include "eval/baselines.h"

#include <algorithm>
#include <cmath>

#include "recommend/ease.h"
#include "recommend/parallel.h"
#include "recommend/scored_index.h"

namespace mysanta {
namespace {

// The best k of dense `scores` (indexed by present) that are positive and not the user's own.
std::vector<Index> TopK(std::vector<float>& scores, std::span<const Index> own, int k) {
  for (Index item : own) scores[item] = 0;
  std::vector<ScoredIndex> candidates;
  for (Index item = 0; item < scores.size(); ++item) {
    if (scores[item] > 0) candidates.push_back({item, scores[item]});
  }
  KeepTop(candidates, static_cast<size_t>(std::max(k, 0)));
  std::vector<Index> ranked;
  ranked.reserve(candidates.size());
  for (const ScoredIndex& entry : candidates) ranked.push_back(entry.index);
  return ranked;
}

class MostPopular : public Baseline {
 public:
  explicit MostPopular(const InteractionMatrix& matrix) : matrix_(matrix) {
    for (Index item = 0; item < matrix.item_count(); ++item) {
      if (!matrix.ItemUsers(item).empty()) {
        order_.push_back({item, static_cast<float>(matrix.ItemUsers(item).size())});
      }
    }
    std::sort(order_.begin(), order_.end(), BetterScored);
  }
  std::vector<Index> Recommend(Index user, int k) const override {
    const auto own = matrix_.UserItems(user);
    std::vector<Index> ranked;
    for (const ScoredIndex& entry : order_) {
      if (ranked.size() >= static_cast<size_t>(k)) break;
      if (!std::binary_search(own.begin(), own.end(), entry.index)) ranked.push_back(entry.index);
    }
    return ranked;
  }

 private:
  const InteractionMatrix& matrix_;
  std::vector<ScoredIndex> order_;
};

// Cosine between the binary columns (or rows) of a and b given their co-occurrence count.
float Cosine(size_t common, size_t a, size_t b) {
  return static_cast<float>(common / std::sqrt(static_cast<double>(a) * static_cast<double>(b)));
}

class ItemKnn : public Baseline {
 public:
  ItemKnn(const InteractionMatrix& matrix, int neighbours, int threads)
      : matrix_(matrix), neighbours_(matrix.item_count()) {
    const size_t items = matrix.item_count();
    std::vector<std::vector<uint32_t>> counts(std::max(threads, 1),
                                              std::vector<uint32_t>(items, 0));
    ParallelFor(items, threads, 16, [&](size_t begin, size_t end, int worker) {
      std::vector<uint32_t>& count = counts[worker];
      std::vector<Index> touched;
      for (Index i = static_cast<Index>(begin); i < end; ++i) {
        for (Index u : matrix.ItemUsers(i)) {
          for (Index j : matrix.UserItems(u)) {
            if (j != i && count[j]++ == 0) touched.push_back(j);
          }
        }
        std::vector<ScoredIndex>& row = neighbours_[i];
        for (Index j : touched) {
          row.push_back({j, Cosine(count[j], matrix.ItemUsers(i).size(),
                                   matrix.ItemUsers(j).size())});
          count[j] = 0;
        }
        touched.clear();
        KeepTop(row, static_cast<size_t>(neighbours));
      }
    });
  }
  std::vector<Index> Recommend(Index user, int k) const override {
    std::vector<float> scores(matrix_.item_count(), 0.0f);
    for (Index i : matrix_.UserItems(user)) {
      for (const ScoredIndex& neighbour : neighbours_[i]) scores[neighbour.index] += neighbour.score;
    }
    return TopK(scores, matrix_.UserItems(user), k);
  }

 private:
  const InteractionMatrix& matrix_;
  std::vector<std::vector<ScoredIndex>> neighbours_;
};

class UserKnn : public Baseline {
 public:
  UserKnn(const InteractionMatrix& matrix, int neighbours)
      : matrix_(matrix), neighbours_(neighbours) {}
  std::vector<Index> Recommend(Index user, int k) const override {
    std::vector<uint32_t> common(matrix_.user_count(), 0);
    std::vector<Index> touched;
    const auto own = matrix_.UserItems(user);
    for (Index i : own) {
      for (Index v : matrix_.ItemUsers(i)) {
        if (v != user && common[v]++ == 0) touched.push_back(v);
      }
    }
    std::vector<ScoredIndex> similar;
    similar.reserve(touched.size());
    for (Index v : touched) {
      similar.push_back({v, Cosine(common[v], own.size(), matrix_.UserItems(v).size())});
    }
    KeepTop(similar, static_cast<size_t>(neighbours_));
    std::vector<float> scores(matrix_.item_count(), 0.0f);
    for (const ScoredIndex& neighbour : similar) {
      for (Index j : matrix_.UserItems(neighbour.index)) scores[j] += neighbour.score;
    }
    return TopK(scores, own, k);
  }

 private:
  const InteractionMatrix& matrix_;
  int neighbours_;
};

class Ease : public Baseline {
 public:
  Ease(const InteractionMatrix& matrix, double lambda, int max_items)
      : matrix_(matrix),
        model_(EaseModel::Fit(matrix, EaseOptions{.items = max_items, .lambda = lambda,
                                                   .min_users = 1})) {}
  std::vector<Index> Recommend(Index user, int k) const override {
    std::vector<ScoredIndex> scored = model_.Score(matrix_.UserItems(user));
    KeepTop(scored, static_cast<size_t>(std::max(k, 0)));
    std::vector<Index> ranked;
    for (const ScoredIndex& entry : scored) ranked.push_back(entry.index);
    return ranked;
  }

 private:
  const InteractionMatrix& matrix_;
  EaseModel model_;
};

}  // namespace

std::unique_ptr<Baseline> MakeMostPopular(const InteractionMatrix& matrix) {
  return std::make_unique<MostPopular>(matrix);
}
std::unique_ptr<Baseline> MakeItemKnn(const InteractionMatrix& matrix, int neighbours,
                                      int threads) {
  return std::make_unique<ItemKnn>(matrix, neighbours, threads);
}
std::unique_ptr<Baseline> MakeUserKnn(const InteractionMatrix& matrix, int neighbours) {
  return std::make_unique<UserKnn>(matrix, neighbours);
}
std::unique_ptr<Baseline> MakeEase(const InteractionMatrix& matrix, double lambda,
                                   int max_items) {
  return std::make_unique<Ease>(matrix, lambda, max_items);
}

}  // namespace mysanta
