// JobRunner against real databases (SQLite files and the PostgreSQL of
// scripts/with-test-services): jobs fill the tables, bump the data version and record their runs;
// a failing job leaves the previous data; a job never runs twice at once across instances.
#include "jobs/job_runner.h"

#include <thread>

#include <gtest/gtest.h>

#include "datagen/generator.h"
#include "store/main_database_writer.h"
#include "store/scratch_database.h"
#include "test_support.h"

namespace mysanta {
namespace {

using testing::Backend;
using testing::ScratchDatabase;

class JobRunnerTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres) {
      MYSANTA_REQUIRE_ENV(url, "TEST_POSTGRES_URL");
      admin_url_ = url;
    }
    main_db_ = std::make_unique<ScratchDatabase>(GetParam(), admin_url_);
    recommendations_db_ = std::make_unique<ScratchDatabase>(GetParam(), admin_url_);
    GenerateOptions options = *ScaleOptions("tiny");
    auto writer = MainDatabaseWriter::Open(main_db_->url());
    writer->CreateSchema(options.id_kind);
    writer->Write(Generate(options));
    main_ = MainDatabase::Open(main_db_->url());
    recommendations_ = OpenRecommendations();
  }

  std::unique_ptr<RecommendationsDatabase> OpenRecommendations() {
    auto database = RecommendationsDatabase::Open(recommendations_db_->url());
    database->Migrate(IdKind::kInteger);
    return database;
  }

  std::unique_ptr<JobRunner> Runner(RecommendationsDatabase& recommendations) {
    SnapshotOptions options;
    options.max_similar_users = 10;
    return std::make_unique<JobRunner>(*main_, recommendations, nullptr, options);
  }

  std::string admin_url_;
  std::unique_ptr<ScratchDatabase> main_db_;
  std::unique_ptr<ScratchDatabase> recommendations_db_;
  std::unique_ptr<MainDatabase> main_;
  std::unique_ptr<RecommendationsDatabase> recommendations_;
};

TEST_P(JobRunnerTest, RunAllFillsEveryTableBumpsTheVersionAndRecordsRuns) {
  ASSERT_EQ(recommendations_->DataVersion(), 0);
  const auto all = Runner(*recommendations_)->RunAll();
  ASSERT_TRUE(all.has_value());
  const std::vector<JobResult>& results = *all;
  ASSERT_EQ(results.size(), 4u);
  for (const JobResult& result : results) {
    EXPECT_EQ(result.status, JobResult::Status::kCompleted) << result.error.value_or("");
  }
  const RecommendationTableCounts counts = recommendations_->CountRows();
  EXPECT_EQ(counts.popular_items, results[0].rows);
  EXPECT_EQ(counts.user_profiles, results[1].rows);
  EXPECT_EQ(counts.user_similarities, results[2].rows);
  EXPECT_GT(counts.popular_items, 500);
  EXPECT_GT(counts.user_profiles, 1000);
  EXPECT_GT(counts.user_similarities, 1000);
  EXPECT_EQ(recommendations_->DataVersion(), 3);  // one bump per data job
  const auto runs = recommendations_->LatestJobRuns();
  EXPECT_EQ(runs.size(), 4u);
  for (const JobRun& run : runs) EXPECT_EQ(run.status, "completed") << run.job;
}

TEST_P(JobRunnerTest, AFailingJobLeavesThePreviousDataAndRecordsTheFailure) {
  auto runner = Runner(*recommendations_);
  ASSERT_EQ(runner->Run(JobKind::kPopularItems).status, JobResult::Status::kCompleted);
  const auto before = recommendations_->LoadPopularItems();
  const int64_t version = recommendations_->DataVersion();

  main_db_->Execute("DROP TABLE likes");  // the main database breaks mid-life
  const JobResult failed = runner->Run(JobKind::kPopularItems);
  EXPECT_EQ(failed.status, JobResult::Status::kFailed);
  ASSERT_TRUE(failed.error.has_value());
  EXPECT_EQ(recommendations_->LoadPopularItems(), before);
  EXPECT_EQ(recommendations_->DataVersion(), version);
  bool recorded = false;
  for (const JobRun& run : recommendations_->LatestJobRuns()) {
    if (run.job == "popular_items") {
      recorded = run.status == "failed" && run.error.has_value();
    }
  }
  EXPECT_TRUE(recorded);
}

TEST_P(JobRunnerTest, AJobHeldByAnotherInstanceReportsBusyAndChangesNothing) {
  auto other_instance = OpenRecommendations();
  auto lock = other_instance->TryLockJob("user_similarities");
  ASSERT_NE(lock, nullptr);
  auto runner = Runner(*recommendations_);
  const JobResult busy = runner->Run(JobKind::kUserSimilarities);
  EXPECT_EQ(busy.status, JobResult::Status::kBusy);
  EXPECT_EQ(recommendations_->CountRows().user_similarities, 0);
  EXPECT_EQ(recommendations_->DataVersion(), 0);
  // Other jobs are not blocked by it.
  EXPECT_EQ(runner->Run(JobKind::kUserProfiles).status, JobResult::Status::kCompleted);
  lock.reset();
  EXPECT_EQ(runner->Run(JobKind::kUserSimilarities).status, JobResult::Status::kCompleted);
}

TEST_P(JobRunnerTest, TwoInstancesRunningOneJobAtOnceNeverOverlap) {
  auto other_instance = OpenRecommendations();
  auto first = Runner(*recommendations_);
  auto second = Runner(*other_instance);
  for (int attempt = 0; attempt < 3; ++attempt) {
    JobResult a, b;
    std::thread thread([&] { a = first->Run(JobKind::kUserSimilarities); });
    b = second->Run(JobKind::kUserSimilarities);
    thread.join();
    // Either one ran while the other found it busy, or they ran one after the other.
    const int completed = (a.status == JobResult::Status::kCompleted) +
                          (b.status == JobResult::Status::kCompleted);
    const int busy =
        (a.status == JobResult::Status::kBusy) + (b.status == JobResult::Status::kBusy);
    EXPECT_EQ(completed + busy, 2);
    EXPECT_GE(completed, 1);
  }
  EXPECT_GT(recommendations_->CountRows().user_similarities, 0);
}

TEST_P(JobRunnerTest, RefreshAllIsOneAtATimeAndWaitsForAPartRunningElsewhere) {
  auto other_instance = OpenRecommendations();
  {
    auto all_lock = other_instance->TryLockJob("all");
    ASSERT_NE(all_lock, nullptr);
    EXPECT_FALSE(Runner(*recommendations_)->RunAll().has_value());
  }
  // A scheduled popular_items run elsewhere ends after a moment: refresh-all waits for it.
  auto popular_lock = other_instance->TryLockJob("popular_items");
  ASSERT_NE(popular_lock, nullptr);
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    popular_lock.reset();
  });
  const auto results = Runner(*recommendations_)->RunAll(std::chrono::seconds(30));
  release.join();
  ASSERT_TRUE(results.has_value());
  for (const JobResult& result : *results) {
    EXPECT_EQ(result.status, JobResult::Status::kCompleted) << JobName(result.job);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, JobRunnerTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

}  // namespace
}  // namespace mysanta
