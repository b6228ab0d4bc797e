#include "eval/metrics.h"

#include <algorithm>
#include <cmath>

namespace mysanta {

RankingMetrics ScoreUser(std::span<const Index> ranked, std::span<const Index> relevant, int k) {
  RankingMetrics result;
  result.users = 1;
  if (relevant.empty() || k <= 0) return result;
  const size_t cut = std::min(ranked.size(), static_cast<size_t>(k));
  double dcg = 0;
  double precision_sum = 0;
  int hits = 0;
  for (size_t rank = 0; rank < cut; ++rank) {
    if (!std::binary_search(relevant.begin(), relevant.end(), ranked[rank])) continue;
    ++hits;
    dcg += 1.0 / std::log2(rank + 2.0);
    precision_sum += static_cast<double>(hits) / (rank + 1.0);
  }
  const size_t ideal_hits = std::min(relevant.size(), static_cast<size_t>(k));
  double ideal_dcg = 0;
  for (size_t rank = 0; rank < ideal_hits; ++rank) ideal_dcg += 1.0 / std::log2(rank + 2.0);
  result.precision = static_cast<double>(hits) / k;
  result.recall = static_cast<double>(hits) / relevant.size();
  result.ndcg = dcg / ideal_dcg;
  result.map = precision_sum / ideal_hits;
  result.hit_rate = hits > 0 ? 1 : 0;
  return result;
}

void MetricsAccumulator::Add(std::span<const Index> ranked, std::span<const Index> relevant) {
  const RankingMetrics user = ScoreUser(ranked, relevant, k_);
  sum_.precision += user.precision;
  sum_.recall += user.recall;
  sum_.ndcg += user.ndcg;
  sum_.map += user.map;
  sum_.hit_rate += user.hit_rate;
  ++sum_.users;
  const size_t cut = std::min(ranked.size(), static_cast<size_t>(std::max(k_, 0)));
  recommended_.insert(ranked.begin(), ranked.begin() + cut);
}

RankingMetrics MetricsAccumulator::Finish(int64_t train_presents) const {
  RankingMetrics mean = sum_;
  if (mean.users > 0) {
    const auto users = static_cast<double>(mean.users);
    mean.precision /= users;
    mean.recall /= users;
    mean.ndcg /= users;
    mean.map /= users;
    mean.hit_rate /= users;
  }
  mean.coverage = train_presents > 0
                      ? static_cast<double>(recommended_.size()) / train_presents
                      : 0;
  return mean;
}

}  // namespace mysanta
