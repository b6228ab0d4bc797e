#include "eval/evaluation.h"

#include <gtest/gtest.h>

#include "eval/tiny_data.h"
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

namespace mysanta {
namespace {

// Four users with two likes each; the recent split holds out each one's second like:
//   u0: 0 then 2;  u1: 0 then 3;  u2: 1 then 2;  u3: 0 then 1.
// Train: present 0 has three users, present 1 one. most_popular lists (own presents left out):
// u0 [1], u1 [1], u2 [0], u3 [1]; only u3's list hits (present 1 at rank 1).
MainData FourUsers() {
  MainData data = testing::TinyData(4, 5);
  const Index likes[4][2] = {{0, 2}, {0, 3}, {1, 2}, {0, 1}};
  for (Index u = 0; u < 4; ++u) {
    data.likes.push_back({u, likes[u][0], 1000});
    data.likes.push_back({u, likes[u][1], 2000});
  }
  return data;
}

TEST(EvaluationTest, PinnedNumbersOnAHandComputedDataSet) {
  EvaluationOptions options;
  options.k = 2;
  options.split.kind = SplitKind::kRecent;
  const EvaluationReport report = Evaluate(FourUsers(), options);
  EXPECT_EQ(report.users_evaluated, 4);
  EXPECT_EQ(report.test_likes, 4);
  EXPECT_EQ(report.train_presents, 2);
  const RankingMetrics& popular = Of(report, "most_popular", kAllUsers);
  EXPECT_EQ(popular.users, 4);
  EXPECT_DOUBLE_EQ(popular.precision, 0.125);
  EXPECT_DOUBLE_EQ(popular.recall, 0.25);
  EXPECT_DOUBLE_EQ(popular.ndcg, 0.25);
  EXPECT_DOUBLE_EQ(popular.map, 0.25);
  EXPECT_DOUBLE_EQ(popular.hit_rate, 0.25);
  EXPECT_DOUBLE_EQ(popular.coverage, 1.0);
  // Every row is there, however little the data (EASE over two presents, no neighbours...).
  EXPECT_EQ(report.methods.size(), 8u);
}

}  // namespace
}  // namespace mysanta
