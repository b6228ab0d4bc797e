#include "eval/metrics.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace mysanta {
namespace {

TEST(MetricsTest, HandComputedValues) {
  // Relevant {2, 5, 9}; ranked 5 (hit), 1, 2 (hit), 7; k = 4.
  const std::vector<Index> ranked = {5, 1, 2, 7};
  const std::vector<Index> relevant = {2, 5, 9};
  const RankingMetrics m = ScoreUser(ranked, relevant, 4);
  EXPECT_DOUBLE_EQ(m.precision, 2.0 / 4);
  EXPECT_DOUBLE_EQ(m.recall, 2.0 / 3);
  const double dcg = 1.0 + 1.0 / std::log2(4.0);
  const double ideal = 1.0 + 1.0 / std::log2(3.0) + 1.0 / std::log2(4.0);
  EXPECT_DOUBLE_EQ(m.ndcg, dcg / ideal);
  EXPECT_DOUBLE_EQ(m.map, (1.0 / 1 + 2.0 / 3) / 3);
  EXPECT_DOUBLE_EQ(m.hit_rate, 1);
}

TEST(MetricsTest, OnlyTheTopKCountAndMapDividesByMinOfRelevantAndK) {
  const std::vector<Index> ranked = {1, 2, 3, 4};
  const std::vector<Index> relevant = {2, 4, 6, 8};
  const RankingMetrics m = ScoreUser(ranked, relevant, 2);  // only 1, 2 count
  EXPECT_DOUBLE_EQ(m.precision, 0.5);
  EXPECT_DOUBLE_EQ(m.recall, 0.25);
  EXPECT_DOUBLE_EQ(m.map, (1.0 / 2) / 2);
  EXPECT_DOUBLE_EQ(m.ndcg, (1.0 / std::log2(3.0)) / (1.0 + 1.0 / std::log2(3.0)));
}

TEST(MetricsTest, AnEmptyListScoresZeroAndStillCounts) {
  MetricsAccumulator accumulator(10);
  const std::vector<Index> perfect = {3};
  const std::vector<Index> relevant = {3};
  accumulator.Add(perfect, relevant);
  accumulator.Add({}, relevant);
  const RankingMetrics m = accumulator.Finish(4);
  EXPECT_EQ(m.users, 2);
  EXPECT_DOUBLE_EQ(m.recall, 0.5);
  EXPECT_DOUBLE_EQ(m.ndcg, 0.5);
  EXPECT_DOUBLE_EQ(m.precision, 0.05);
  EXPECT_DOUBLE_EQ(m.hit_rate, 0.5);
  EXPECT_DOUBLE_EQ(m.coverage, 0.25);  // one distinct present of four in train
}

}  // namespace
}  // namespace mysanta
