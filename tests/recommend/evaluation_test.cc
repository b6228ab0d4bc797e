#include "recommend/evaluation.h"

#include <gtest/gtest.h>

#include "recommend/synthetic_data.h"

namespace mysanta {
namespace {

const Metrics& Of(const EvaluationReport& report, Strategy strategy, int bucket) {
  for (const StrategyMetrics& row : report.strategies) {
    if (row.strategy == strategy) return row.buckets[bucket];
  }
  ADD_FAILURE() << "no strategy " << StrategyName(strategy);
  static const Metrics kNone;
  return kNone;
}

EvaluationReport ClusteredReport() {
  SyntheticDataOptions data_options;
  data_options.users = 4000;
  data_options.presents = 2000;
  data_options.clusters = 30;
  data_options.likes = 30000;
  data_options.clicks = 40000;
  EvaluationOptions options;
  options.max_users = 1500;
  return Evaluate(MakeSyntheticData(data_options), options);
}

TEST(EvaluationTest, CollaborativeBeatsPopularOnClusteredTastes) {
  const EvaluationReport report = ClusteredReport();
  std::cout << FormatReportTable(report);
  EXPECT_EQ(report.users_evaluated, 1500);
  const Metrics& popular = Of(report, Strategy::kPopular, kThreeOrMore);
  ASSERT_GT(popular.users, 100);
  for (Strategy strategy : {Strategy::kUserKnn, Strategy::kItemKnn, Strategy::kBlend}) {
    EXPECT_GT(Of(report, strategy, kThreeOrMore).recall, popular.recall) << StrategyName(strategy);
  }
  // The service's policy: well ahead of popular for users with history (this fixture's tastes are
  // noisy draws from cluster favourites, so popularity per segment is a strong baseline here).
  EXPECT_GE(Of(report, Strategy::kPolicy, kThreeOrMore).recall, 1.5 * popular.recall);
  EXPECT_GE(Of(report, Strategy::kPolicy, kThreeOrMore).ndcg, 1.5 * popular.ndcg);
}

TEST(EvaluationTest, ContentBasedBeatsPopularForShortHistories) {
  const EvaluationReport report = ClusteredReport();
  const Metrics& popular = Of(report, Strategy::kPopular, kOneOrTwo);
  ASSERT_GT(popular.users, 20);
  EXPECT_GT(Of(report, Strategy::kContentBased, kOneOrTwo).recall, popular.recall);
}

}  // namespace
}  // namespace mysanta
