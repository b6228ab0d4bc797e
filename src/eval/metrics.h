// Ranking metrics at k, as Microsoft Recommenders defines them (python_evaluation, binary
// relevance; every test user counts, and a user without a list scores zero):
//   precision@k = hits in the top k / k
//   recall@k    = hits in the top k / relevant
//   ndcg@k      = DCG / ideal DCG, gains 1 / log2(rank + 1), ideal over min(relevant, k) hits
//   map@k       = sum over hits at rank r <= k of (hits up to r) / r, divided by min(relevant, k)
//   hit rate    = share of users with at least one hit in the top k
//   coverage    = distinct presents in anyone's top k / distinct presents in train
// Not thread-safe: one accumulator per thread, or add serially.
#pragma once

#include <cstdint>
#include <span>
#include <unordered_set>

#include "core/ids.h"

namespace mysanta {

struct RankingMetrics {
  double precision = 0;
  double recall = 0;
  double ndcg = 0;
  double map = 0;
  double hit_rate = 0;
  double coverage = 0;
  int64_t users = 0;
};

// One user's metrics; `relevant` sorted ascending and unique.
RankingMetrics ScoreUser(std::span<const Index> ranked, std::span<const Index> relevant, int k);

class MetricsAccumulator {
 public:
  explicit MetricsAccumulator(int k) : k_(k) {}
  // One test user's list (best first; only the top k count) and held-out presents (sorted).
  void Add(std::span<const Index> ranked, std::span<const Index> relevant);
  // Means over the users added; coverage relative to `train_presents` distinct presents.
  RankingMetrics Finish(int64_t train_presents) const;

 private:
  int k_;
  RankingMetrics sum_;
  std::unordered_set<Index> recommended_;
};

}  // namespace mysanta
