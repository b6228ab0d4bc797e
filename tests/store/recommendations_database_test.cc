#include "store/recommendations_database.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "scratch_database.h"
#include "store/store_error.h"
#include "test_support.h"

namespace mysanta {
namespace {

using testing::Backend;
using testing::ScratchDatabase;

ExternalId Id(IdKind kind, int64_t n) {
  if (kind == IdKind::kInteger) return n;
  return "user-" + std::to_string(n);
}

std::vector<UserSimilarityRow> Similarities(IdKind kind, int users, int per_user, double base) {
  std::vector<UserSimilarityRow> rows;
  for (int user = 1; user <= users; ++user) {
    for (int k = 1; k <= per_user; ++k) {
      rows.push_back(UserSimilarityRow{Id(kind, user), Id(kind, user + k), base + k * 0.001});
    }
  }
  return rows;
}

std::vector<UserSimilarityRow> Sorted(std::vector<UserSimilarityRow> rows) {
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return std::tie(a.user_id, a.similar_user_id) < std::tie(b.user_id, b.similar_user_id);
  });
  return rows;
}

class RecommendationsDatabaseTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { MYSANTA_SETUP_BACKEND(GetParam()); }

  std::unique_ptr<ScratchDatabase> NewDatabase() {
    return std::make_unique<ScratchDatabase>(GetParam(), admin_url_);
  }
  std::unique_ptr<RecommendationsDatabase> Migrated(const ScratchDatabase& database,
                                                    IdKind kind = IdKind::kInteger) {
    auto recommendations = RecommendationsDatabase::Open(database.url());
    recommendations->Migrate(kind);
    return recommendations;
  }

  std::string admin_url_;
};

TEST_P(RecommendationsDatabaseTest, MigrateTwiceIsANoOp) {
  auto database = NewDatabase();
  auto recommendations = Migrated(*database);
  ASSERT_EQ(recommendations->ReplaceUserSimilarities(Similarities(IdKind::kInteger, 3, 2, 0.5)),
            6);
  ASSERT_EQ(recommendations->BumpDataVersion(), 1);
  recommendations->RecordJobRun(JobRun{"popular_items", 1'700'000'000, 12.5, "completed", 6, {}});

  recommendations->Migrate(IdKind::kInteger);
  // And from another instance, as a restart would.
  auto again = RecommendationsDatabase::Open(database->url());
  EXPECT_EQ(again->id_kind(), IdKind::kInteger);
  again->Migrate(IdKind::kInteger);

  EXPECT_EQ(again->CountRows().user_similarities, 6);
  EXPECT_EQ(again->DataVersion(), 1);
  EXPECT_EQ(again->LatestJobRuns().size(), 1u);
  EXPECT_EQ(database->QueryInteger("SELECT count(*) FROM schema_migrations"), 1);
  EXPECT_EQ(database->QueryInteger("SELECT count(*) FROM data_version"), 1);
}

TEST_P(RecommendationsDatabaseTest, MigrateToTheOtherIdKindRecreatesDerivedTables) {
  auto database = NewDatabase();
  auto recommendations = Migrated(*database, IdKind::kInteger);
  recommendations->ReplaceUserSimilarities(Similarities(IdKind::kInteger, 3, 2, 0.5));
  recommendations->BumpDataVersion();

  recommendations->Migrate(IdKind::kText);
  EXPECT_EQ(recommendations->id_kind(), IdKind::kText);
  EXPECT_EQ(recommendations->CountRows().user_similarities, 0);
  EXPECT_EQ(recommendations->DataVersion(), 1);  // not derived data: kept
  const auto rows = Similarities(IdKind::kText, 2, 2, 0.25);
  recommendations->ReplaceUserSimilarities(rows);
  EXPECT_EQ(Sorted(RecommendationsDatabase::Open(database->url())->LoadUserSimilarities()),
            Sorted(rows));
}

TEST_P(RecommendationsDatabaseTest, PopularItemsRoundTrip) {
  for (const IdKind kind : {IdKind::kInteger, IdKind::kText}) {
    auto database = NewDatabase();
    auto recommendations = Migrated(*database, kind);
    std::vector<PopularItemRow> rows = {
        PopularItemRow{{}, {}, {}, {}, Id(kind, 1), 10.5},
        PopularItemRow{213, Gender::kFemale, "25-34", "books", Id(kind, 2), 0.1 + 0.2},
        PopularItemRow{{}, Gender::kMale, {}, "tab\there", Id(kind, 3), 1e-9},
        PopularItemRow{2, {}, "45+", {}, Id(kind, 1), 123456.789},
    };
    EXPECT_EQ(recommendations->ReplacePopularItems(rows), 4);
    auto loaded = recommendations->LoadPopularItems();
    auto key = [](const PopularItemRow& row) { return row.popularity_score; };
    std::sort(rows.begin(), rows.end(), [&](auto& a, auto& b) { return key(a) < key(b); });
    std::sort(loaded.begin(), loaded.end(), [&](auto& a, auto& b) { return key(a) < key(b); });
    EXPECT_EQ(loaded, rows);
    EXPECT_EQ(recommendations->CountRows().popular_items, 4);
  }
}

// A user_profiles table from before the log-price columns: migrate adds them, keeping its rows.
TEST_P(RecommendationsDatabaseTest, MigrateAddsTheLogPriceColumnsToAnOlderTable) {
  auto database = NewDatabase();
  Migrated(*database);
  for (const char* column : {"log_price_mean", "log_price_std"}) {
    database->Execute(std::string("ALTER TABLE user_profiles DROP COLUMN ") + column);
  }
  database->Execute(
      "INSERT INTO user_profiles (user_id, preferred_categories, preferred_platforms, avg_price, "
      "price_min, price_max, interaction_count, updated_at) "
      "VALUES (1, '{}', '{}', 10, 5, 15, 2, '2026-01-01 00:00:00')");
  auto recommendations = Migrated(*database);
  auto loaded = recommendations->LoadUserProfiles();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].interaction_count, 2);
  EXPECT_EQ(loaded[0].log_price_std, 0);  // unknown until the job runs again
  Migrated(*database);                   // and again: a no-op
  UserProfileRow row{ExternalId(int64_t{2}), {}, {}, 100, 50, 150, 4.5, 0.4, 3, 0};
  EXPECT_EQ(recommendations->ReplaceUserProfiles({row}), 1);
  loaded = recommendations->LoadUserProfiles();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].log_price_mean, 4.5);
  EXPECT_EQ(loaded[0].log_price_std, 0.4);
}

TEST_P(RecommendationsDatabaseTest, UserProfilesRoundTrip) {
  for (const IdKind kind : {IdKind::kInteger, IdKind::kText}) {
    auto database = NewDatabase();
    auto recommendations = Migrated(*database, kind);
    const auto before = std::chrono::system_clock::now();
    std::vector<UserProfileRow> rows = {
        UserProfileRow{Id(kind, 7), {{"books", 0.6}, {"electronics", 0.4}}, {{"ozon", 1.0}},
                       1500.25, 100, 3000, 7.25, 0.55, 3, 0},
        UserProfileRow{Id(kind, 8), {}, {{"wb \"quoted\"", 0.5}, {"ёлка", 0.5}}, 0.1, 0.1, 0.1,
                       0, 0, 1, 0},
    };
    EXPECT_EQ(recommendations->ReplaceUserProfiles(rows), 2);
    auto loaded = recommendations->LoadUserProfiles();
    ASSERT_EQ(loaded.size(), 2u);
    std::sort(loaded.begin(), loaded.end(),
              [](const auto& a, const auto& b) { return a.user_id < b.user_id; });
    for (size_t i = 0; i < rows.size(); ++i) {
      EXPECT_EQ(loaded[i].user_id, rows[i].user_id);
      EXPECT_EQ(loaded[i].preferred_categories, rows[i].preferred_categories);
      EXPECT_EQ(loaded[i].preferred_platforms, rows[i].preferred_platforms);
      EXPECT_EQ(loaded[i].avg_price, rows[i].avg_price);
      EXPECT_EQ(loaded[i].price_min, rows[i].price_min);
      EXPECT_EQ(loaded[i].price_max, rows[i].price_max);
      EXPECT_EQ(loaded[i].log_price_mean, rows[i].log_price_mean);
      EXPECT_EQ(loaded[i].log_price_std, rows[i].log_price_std);
      EXPECT_EQ(loaded[i].interaction_count, rows[i].interaction_count);
      const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                               before.time_since_epoch()).count();
      EXPECT_GE(loaded[i].updated_at, seconds - 1);
    }
  }
}

TEST_P(RecommendationsDatabaseTest, ReplaceReplacesEverything) {
  auto database = NewDatabase();
  auto recommendations = Migrated(*database);
  recommendations->ReplaceUserSimilarities(Similarities(IdKind::kInteger, 10, 3, 0.5));
  const auto second = Similarities(IdKind::kInteger, 4, 2, 0.75);
  EXPECT_EQ(recommendations->ReplaceUserSimilarities(second), 8);
  EXPECT_EQ(Sorted(recommendations->LoadUserSimilarities()), Sorted(second));
  EXPECT_EQ(recommendations->ReplaceUserSimilarities({}), 0);
  EXPECT_TRUE(recommendations->LoadUserSimilarities().empty());
}

TEST_P(RecommendationsDatabaseTest, FailedReplaceKeepsTheOldContents) {
  auto database = NewDatabase();
  auto recommendations = Migrated(*database);
  const auto old_rows = Similarities(IdKind::kInteger, 5, 2, 0.5);
  recommendations->ReplaceUserSimilarities(old_rows);
  // Many valid rows, then a duplicate primary key near the end.
  auto bad_rows = Similarities(IdKind::kInteger, 2000, 3, 0.25);
  bad_rows.push_back(bad_rows.front());
  EXPECT_THROW(recommendations->ReplaceUserSimilarities(bad_rows), StoreError);
  EXPECT_EQ(Sorted(recommendations->LoadUserSimilarities()), Sorted(old_rows));
  // The database stays usable.
  const auto next = Similarities(IdKind::kInteger, 2, 1, 0.125);
  EXPECT_EQ(recommendations->ReplaceUserSimilarities(next), 2);
  EXPECT_EQ(Sorted(recommendations->LoadUserSimilarities()), Sorted(next));
}

TEST_P(RecommendationsDatabaseTest, ConcurrentReadersSeeOldOrNewNeverAMix) {
  auto database = NewDatabase();
  auto writer = Migrated(*database);
  auto reader = RecommendationsDatabase::Open(database->url());
  // Two versions, told apart by size and by score.
  const auto small = Similarities(IdKind::kInteger, 300, 5, 0.25);
  const auto large = Similarities(IdKind::kInteger, 500, 5, 0.5);
  writer->ReplaceUserSimilarities(small);
  std::atomic<bool> done{false};
  std::atomic<int> reads{0};
  std::atomic<int> mixed{0};
  std::thread reading([&] {
    while (!done || reads < 5) {
      const auto rows = reader->LoadUserSimilarities();
      const double first = rows.empty() ? -1 : rows.front().score;
      bool consistent = rows.size() == small.size() || rows.size() == large.size();
      for (const auto& row : rows) {
        consistent = consistent && (row.score >= 0.5) == (first >= 0.5);
      }
      if (!consistent) ++mixed;
      ++reads;
    }
  });
  for (int i = 0; i < 20; ++i) writer->ReplaceUserSimilarities(i % 2 == 0 ? large : small);
  done = true;
  reading.join();
  EXPECT_EQ(mixed, 0);
  EXPECT_GE(reads, 5);
}

TEST_P(RecommendationsDatabaseTest, DataVersionBumpsAtomically) {
  auto database = NewDatabase();
  auto recommendations = Migrated(*database);
  EXPECT_EQ(recommendations->DataVersion(), 0);
  EXPECT_EQ(recommendations->BumpDataVersion(), 1);
  EXPECT_EQ(recommendations->BumpDataVersion(), 2);
  auto other = RecommendationsDatabase::Open(database->url());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      RecommendationsDatabase& target = t % 2 == 0 ? *recommendations : *other;
      for (int i = 0; i < 10; ++i) target.BumpDataVersion();
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(other->DataVersion(), 42);
}

TEST_P(RecommendationsDatabaseTest, LatestJobRunsGivesTheLastRunOfEachJob) {
  auto database = NewDatabase();
  auto recommendations = Migrated(*database);
  EXPECT_TRUE(recommendations->LatestJobRuns().empty());
  const JobRun first{"user_profiles", 1'700'000'000, 10, "completed", 100, {}};
  const JobRun failed{"popular_items", 1'700'000'100, 2.5, "failed", 0, "main database down"};
  const JobRun second{"user_profiles", 1'700'000'200, 11.25, "completed", 101, {}};
  recommendations->RecordJobRun(first);
  recommendations->RecordJobRun(failed);
  recommendations->RecordJobRun(second);
  EXPECT_EQ(recommendations->LatestJobRuns(), (std::vector<JobRun>{failed, second}));
  for (int i = 0; i < 120; ++i) recommendations->RecordJobRun(first);
  EXPECT_EQ(recommendations->LatestJobRuns(), (std::vector<JobRun>{failed, first}));
}

TEST_P(RecommendationsDatabaseTest, JobLockIsExclusiveUntilReleased) {
  auto database = NewDatabase();
  auto one = Migrated(*database);
  auto two = RecommendationsDatabase::Open(database->url());
  auto lock = one->TryLockJob("popular_items");
  ASSERT_NE(lock, nullptr);
  EXPECT_EQ(lock->job(), "popular_items");
  EXPECT_EQ(one->TryLockJob("popular_items"), nullptr);
  EXPECT_EQ(two->TryLockJob("popular_items"), nullptr);
  auto other_job = two->TryLockJob("user_profiles");
  EXPECT_NE(other_job, nullptr);
  lock.reset();
  auto taken_over = two->TryLockJob("popular_items");
  EXPECT_NE(taken_over, nullptr);
  EXPECT_EQ(one->TryLockJob("popular_items"), nullptr);
}

TEST_P(RecommendationsDatabaseTest, PingAnswers) {
  auto database = NewDatabase();
  EXPECT_NO_THROW(Migrated(*database)->Ping());
}

INSTANTIATE_TEST_SUITE_P(Backends, RecommendationsDatabaseTest,
                         ::testing::Values(Backend::kPostgres, Backend::kSqlite),
                         [](const auto& info) { return testing::BackendName(info.param); });

TEST(SqliteJobLockTest, AnExpiredLeaseCanBeTakenOver) {
  ScratchDatabase database(Backend::kSqlite, "");
  auto recommendations = RecommendationsDatabase::Open(database.url());
  recommendations->Migrate(IdKind::kInteger);
  // A holder that died: its lease ran out and nobody renews it.
  database.Execute(
      "INSERT INTO job_locks (job, holder, expires_at) VALUES ('cache_cleanup', 'dead', 1)");
  {
    auto lock = recommendations->TryLockJob("cache_cleanup");
    EXPECT_NE(lock, nullptr);
  }
  // A live lease of another holder is respected.
  database.Execute(
      "INSERT INTO job_locks (job, holder, expires_at) VALUES ('cache_cleanup', 'alive', "
      "99999999999)");
  EXPECT_EQ(recommendations->TryLockJob("cache_cleanup"), nullptr);
}

}  // namespace
}  // namespace mysanta
