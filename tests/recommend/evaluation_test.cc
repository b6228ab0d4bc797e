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

namespace mysanta {
namespace {

TEST(EvaluationTest, DeterministicAndFormatted) {
  SyntheticDataOptions data_options;
  data_options.users = 800;
  data_options.presents = 300;
  data_options.likes = 5000;
  data_options.clicks = 5000;
  const MainData data = MakeSyntheticData(data_options);
  EvaluationOptions options;
  options.holdout = HoldoutMode::kRandom;
  options.seed = 3;
  options.k = 10;
  options.max_users = 200;
  options.strategies = {Strategy::kPopular, Strategy::kPolicy};
  const EvaluationReport one = Evaluate(data, options);
  options.snapshot.threads = 1;
  const EvaluationReport two = Evaluate(data, options);
  EXPECT_EQ(FormatReportJson(one), FormatReportJson(two));
  EXPECT_EQ(one.users_evaluated, 200);
  EXPECT_EQ(one.holdout, "random");
  ASSERT_EQ(one.strategies.size(), 2u);
  const Metrics& all = one.strategies[1].buckets[kAllUsers];
  EXPECT_EQ(all.users, 200);
  EXPECT_EQ(all.users, one.strategies[1].buckets[kOneOrTwo].users +
                           one.strategies[1].buckets[kThreeOrMore].users);
  for (double value : {all.recall, all.ndcg, all.hit_rate, all.coverage}) {
    EXPECT_GE(value, 0.0);
    EXPECT_LE(value, 1.0);
  }
  EXPECT_GE(all.hit_rate, all.recall > 0 ? 1e-9 : 0.0);
  const std::string json = FormatReportJson(one);
  EXPECT_NE(json.find(R"("k":10)"), std::string::npos);
  EXPECT_NE(json.find(R"("strategy":"policy")"), std::string::npos);
  EXPECT_NE(json.find(R"("3+":{"users":)"), std::string::npos);
  const std::string table = FormatReportTable(one);
  EXPECT_NE(table.find("recall@10"), std::string::npos);
  EXPECT_NE(table.find("policy"), std::string::npos);
  // A different seed hides different likes.
  options.seed = 4;
  EXPECT_NE(FormatReportJson(Evaluate(data, options)), json);
}

TEST(EvaluationTest, PerfectRankingScoresOne) {
  // One user, who liked two presents that nobody else knows: the hidden one is the only
  // unseen present, so every strategy must rank it first.
  MainData data;
  data.categories.Intern("books");
  data.platforms.Intern("ozon");
  for (int p = 0; p < 2; ++p) {
    data.present_ids.Intern(int64_t{p});
    data.presents.push_back(Present{});
  }
  data.user_ids.Intern(int64_t{1});
  data.users.push_back(User{});
  data.likes = {{0, 0, 100}, {0, 1, 200}};
  EvaluationOptions options;
  options.now = 1000;
  const EvaluationReport report = Evaluate(data, options);
  EXPECT_EQ(report.users_evaluated, 1);
  EXPECT_EQ(report.hidden_likes, 1);
  for (const StrategyMetrics& row : report.strategies) {
    EXPECT_DOUBLE_EQ(row.buckets[kAllUsers].recall, 1.0) << StrategyName(row.strategy);
    EXPECT_DOUBLE_EQ(row.buckets[kAllUsers].ndcg, 1.0) << StrategyName(row.strategy);
    EXPECT_DOUBLE_EQ(row.buckets[kAllUsers].coverage, 0.5);
  }
}

}  // namespace
}  // namespace mysanta
