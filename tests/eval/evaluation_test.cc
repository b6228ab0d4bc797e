#include "eval/evaluation.h"

#include <gtest/gtest.h>

#include "support/synthetic_data.h"

namespace mysanta {
namespace {

const RankingMetrics& Of(const EvaluationReport& report, std::string_view name, int bucket) {
  for (const MethodMetrics& row : report.methods) {
    if (row.name == name) return row.buckets[bucket];
  }
  ADD_FAILURE() << "no method " << name;
  static const RankingMetrics kNone;
  return kNone;
}

MainData Clustered() {
  SyntheticDataOptions data_options;
  data_options.users = 3000;
  data_options.presents = 1500;
  data_options.clusters = 30;
  data_options.likes = 24000;
  data_options.clicks = 30000;
  return MakeSyntheticData(data_options);
}

EvaluationOptions RandomSplit() {
  EvaluationOptions options;
  options.k = 10;
  options.split.kind = SplitKind::kRandom;
  options.split.seed = 42;
  options.split.max_users = 1000;
  return options;
}

TEST(EvaluationTest, EveryTierAndBaselineIsReportedAndLearnsMoreThanPopularity) {
  const EvaluationReport report = Evaluate(Clustered(), RandomSplit());
  std::cout << FormatReportTable(report);
  EXPECT_EQ(report.users_evaluated, 1000);
  for (std::string_view name : {"popular", "content_based", "collaborative", "policy",
                                "most_popular", "item_knn", "user_knn", "ease"}) {
    EXPECT_EQ(Of(report, name, kAllUsers).users, 1000) << name;
  }
  const RankingMetrics& popular = Of(report, "most_popular", kThreeOrMore);
  ASSERT_GT(popular.users, 100);
  for (std::string_view name : {"collaborative", "item_knn", "user_knn", "ease"}) {
    EXPECT_GT(Of(report, name, kThreeOrMore).ndcg, popular.ndcg) << name;
  }
  EXPECT_GT(Of(report, "policy", kThreeOrMore).ndcg, 1.5 * Of(report, "popular", kThreeOrMore).ndcg);
}

TEST(EvaluationTest, SameSeedSameNumbersForAnyThreadCount) {
  SyntheticDataOptions data_options;
  data_options.users = 600;
  data_options.presents = 300;
  data_options.likes = 5000;
  data_options.clicks = 5000;
  const MainData data = MakeSyntheticData(data_options);
  EvaluationOptions options = RandomSplit();
  options.split.max_users = 200;
  const EvaluationReport one = Evaluate(data, options);
  options.snapshot.threads = 1;
  const EvaluationReport two = Evaluate(data, options);
  EXPECT_EQ(FormatReportJson(one), FormatReportJson(two));
  EXPECT_EQ(one.users_evaluated, 200);
  EXPECT_EQ(one.split, "random 0.75, seed 42");
  options.split.seed = 7;
  EXPECT_NE(FormatReportJson(Evaluate(data, options)), FormatReportJson(one));
}

}  // namespace
}  // namespace mysanta
