// Seed-scale measurements of the store (SPEC section 7 `seed`: 16k presents, 100k users, 600k
// likes, 800k clicks), disabled by default because they take a while. They check that the data
// arrives whole and print how long each step took; they never assert on time. Run with
//   scripts/with-test-services build/store_test --gtest_also_run_disabled_tests
//     --gtest_filter='*SeedScale*'
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "scratch_database.h"
#include "store/main_database.h"
#include "store/main_database_writer.h"
#include "store/recommendations_database.h"
#include "synthetic_main_data.h"
#include "test_support.h"

namespace mysanta {
namespace {

using testing::Backend;
using testing::ScratchDatabase;

class Stopwatch {
 public:
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

class SeedScaleTest : public ::testing::TestWithParam<std::tuple<Backend, IdKind>> {
 protected:
  void SetUp() override { MYSANTA_SETUP_BACKEND(std::get<0>(GetParam())); }
  std::string admin_url_;
};

TEST_P(SeedScaleTest, DISABLED_WriteLoadAndReplace) {
  const auto [backend, kind] = GetParam();
  const char* label = backend == Backend::kPostgres ? "postgres" : "sqlite";
  const char* ids = kind == IdKind::kInteger ? "integer" : "text";
  const MainData data = testing::MakeSyntheticMainData(
      kind, {.users = 100'000, .presents = 16'000, .likes = 600'000, .clicks = 800'000});

  ScratchDatabase main_database(backend, admin_url_);
  Stopwatch write;
  auto writer = MainDatabaseWriter::Open(main_database.url());
  writer->CreateSchema(kind);
  writer->Write(data);
  std::printf("[%s %s ids] write main database: %.2f s\n", label, ids, write.Seconds());

  auto main = MainDatabase::Open(main_database.url());
  Stopwatch load;
  const MainData loaded = main->LoadAll();
  std::printf("[%s %s ids] LoadAll: %.2f s\n", label, ids, load.Seconds());
  EXPECT_EQ(loaded.presents.size(), data.presents.size());
  EXPECT_EQ(loaded.users.size(), data.users.size());
  EXPECT_EQ(loaded.likes.size(), data.likes.size());
  EXPECT_EQ(loaded.clicks.size(), data.clicks.size());

  Stopwatch activity;
  constexpr int kReads = 2000;
  size_t liked = 0;
  for (int i = 0; i < kReads; ++i) {
    liked += main->LoadUserActivity(data.user_ids.At(static_cast<Index>(i * 37 % 100'000)))
                 .liked.size();
  }
  std::printf("[%s %s ids] LoadUserActivity: %.1f us per call (%zu likes read)\n", label, ids,
              activity.Seconds() * 1e6 / kReads, liked);
  EXPECT_GT(liked, 0u);

  ScratchDatabase recommendations_database(backend, admin_url_);
  auto recommendations = RecommendationsDatabase::Open(recommendations_database.url());
  recommendations->Migrate(kind);
  std::vector<UserSimilarityRow> similarities;
  for (Index user = 0; user < 100'000; ++user) {
    for (Index k = 1; k <= 5; ++k) {
      similarities.push_back(UserSimilarityRow{data.user_ids.At(user),
                                               data.user_ids.At((user + k) % 100'000),
                                               1.0 / (k + 1)});
    }
  }
  Stopwatch replace;
  recommendations->ReplaceUserSimilarities(similarities);
  std::printf("[%s %s ids] ReplaceUserSimilarities(%zu rows): %.2f s\n", label, ids,
              similarities.size(), replace.Seconds());
  Stopwatch replace_again;
  recommendations->ReplaceUserSimilarities(similarities);
  std::printf("[%s %s ids] ReplaceUserSimilarities again: %.2f s\n", label, ids,
              replace_again.Seconds());
  Stopwatch load_similarities;
  EXPECT_EQ(recommendations->LoadUserSimilarities().size(), similarities.size());
  std::printf("[%s %s ids] LoadUserSimilarities: %.2f s\n", label, ids,
              load_similarities.Seconds());
}

INSTANTIATE_TEST_SUITE_P(
    Backends, SeedScaleTest,
    ::testing::Combine(::testing::Values(Backend::kPostgres, Backend::kSqlite),
                       ::testing::Values(IdKind::kInteger, IdKind::kText)),
    [](const auto& info) {
      return testing::BackendName(std::get<0>(info.param)) +
             (std::get<1>(info.param) == IdKind::kInteger ? "IntegerIds" : "TextIds");
    });

}  // namespace
}  // namespace mysanta
