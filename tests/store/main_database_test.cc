#include "store/main_database.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>

#include "scratch_database.h"
#include "store/main_database_writer.h"
#include "store/store_error.h"
#include "synthetic_main_data.h"
#include "test_support.h"

namespace mysanta {
namespace {

using testing::Backend;
using testing::ScratchDatabase;

class MainDatabaseTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { MYSANTA_SETUP_BACKEND(GetParam()); }

  std::unique_ptr<ScratchDatabase> NewDatabase() {
    return std::make_unique<ScratchDatabase>(GetParam(), admin_url_);
  }

  // A scratch database holding `data`, written by MainDatabaseWriter.
  std::unique_ptr<ScratchDatabase> DatabaseWith(const MainData& data) {
    auto database = NewDatabase();
    auto writer = MainDatabaseWriter::Open(database->url());
    writer->CreateSchema(data.user_ids.kind());
    writer->Write(data);
    return database;
  }

  std::string admin_url_;
};

TEST_P(MainDatabaseTest, WrittenIntegerIdDataLoadsBackIdentical) {
  const MainData data = testing::MakeSyntheticMainData(IdKind::kInteger, {});
  auto database = DatabaseWith(data);
  auto main = MainDatabase::Open(database->url());
  EXPECT_EQ(main->user_id_kind(), IdKind::kInteger);
  EXPECT_EQ(main->present_id_kind(), IdKind::kInteger);
  testing::ExpectSameMainData(data, main->LoadAll());
}

TEST_P(MainDatabaseTest, WrittenTextIdDataLoadsBackIdentical) {
  const MainData data = testing::MakeSyntheticMainData(IdKind::kText, {});
  auto database = DatabaseWith(data);
  auto main = MainDatabase::Open(database->url());
  EXPECT_EQ(main->user_id_kind(), IdKind::kText);
  EXPECT_EQ(main->present_id_kind(), IdKind::kText);
  testing::ExpectSameMainData(data, main->LoadAll());
}

TEST_P(MainDatabaseTest, UsersMissingFromUsersTableStillHaveTheirInteractions) {
  MainData data = testing::MakeSyntheticMainData(IdKind::kInteger, {});
  const Index ghost = 3;  // i % 7 == 3: not in the users table
  ASSERT_FALSE(data.users[ghost].in_users_table);
  auto database = DatabaseWith(data);
  const MainData loaded = MainDatabase::Open(database->url())->LoadAll();
  const Index index = loaded.user_ids.Find(data.user_ids.At(ghost));
  ASSERT_NE(index, kNoIndex);
  EXPECT_FALSE(loaded.users[index].in_users_table);
  EXPECT_EQ(loaded.users[index].gender, Gender::kAny);
  EXPECT_EQ(loaded.users[index].birth_date, kUnknownDate);
  int likes = 0;
  for (const Interaction& like : loaded.likes) likes += like.user == index ? 1 : 0;
  EXPECT_GT(likes, 0);
}

TEST_P(MainDatabaseTest, ConnectionsRefuseWrites) {
  const MainData data = testing::MakeSyntheticMainData(IdKind::kInteger, {});
  auto database = DatabaseWith(data);
  auto main = MainDatabase::Open(database->url());
  const MainTableCounts before = main->CountRows();
  EXPECT_THROW(main->ExecuteForTest("DELETE FROM likes"), StoreError);
  EXPECT_THROW(main->ExecuteForTest("CREATE TABLE intruder (a INTEGER)"), StoreError);
  EXPECT_THROW(main->ExecuteForTest("INSERT INTO clicks (id, user_id, present_id, created_at) "
                                    "VALUES (999999, NULL, 1, '2024-01-01 00:00:00')"),
               StoreError);
  // Reads still work through the same pool afterwards, and nothing changed.
  const MainTableCounts after = main->CountRows();
  EXPECT_EQ(after.likes, before.likes);
  EXPECT_EQ(after.clicks, before.clicks);
  main->ExecuteForTest("SELECT count(*) FROM likes");
}

TEST_P(MainDatabaseTest, OrphanLikesAndClicksAreSkippedAndCounted) {
  const MainData data = testing::MakeSyntheticMainData(IdKind::kInteger, {});
  auto database = DatabaseWith(data);
  // Present 999998 does not exist; user 777777 appears nowhere else.
  database->Execute(
      "INSERT INTO likes (user_id, present_id, created_at) VALUES "
      "(777777, 999998, '2024-01-01 00:00:00'), (1000, 999998, '2024-01-01 00:00:00');"
      "INSERT INTO clicks (id, user_id, present_id, created_at) VALUES "
      "(900001, 777777, 999998, '2024-01-01 00:00:00'), "
      "(900002, NULL, 999998, '2024-01-01 00:00:00'), "
      "(900003, NULL, 1, '2024-01-02 00:00:00');");
  const MainData loaded = MainDatabase::Open(database->url())->LoadAll();
  EXPECT_EQ(loaded.orphan_likes, 2);
  EXPECT_EQ(loaded.orphan_clicks, 2);
  EXPECT_EQ(loaded.likes.size(), data.likes.size());
  EXPECT_EQ(loaded.clicks.size(), data.clicks.size() + 1);
  EXPECT_EQ(loaded.user_ids.Find(int64_t{777777}), kNoIndex);
  // The anonymous click of an existing present counts, without a user.
  const Index present = loaded.present_ids.Find(int64_t{1});
  bool found = false;
  for (const Interaction& click : loaded.clicks) {
    if (click.created_at == 1704153600 && click.present == present) {
      found = true;
      EXPECT_EQ(click.user, kNoIndex);
    }
  }
  EXPECT_TRUE(found);
}

TEST_P(MainDatabaseTest, LoadUserActivityReadsDistinctExistingPresents) {
  MainData data = testing::MakeSyntheticMainData(IdKind::kInteger, {});
  auto database = DatabaseWith(data);
  // User 555555: likes presents 1 and 3 and a deleted 999999; clicks 5 twice, 1 and 999999.
  database->Execute(
      "INSERT INTO likes (user_id, present_id, created_at) VALUES "
      "(555555, 3, '2024-01-01 00:00:00'), (555555, 1, '2024-01-01 00:00:00'), "
      "(555555, 999999, '2024-01-01 00:00:00');"
      "INSERT INTO clicks (id, user_id, present_id, created_at) VALUES "
      "(900001, 555555, 5, '2024-01-01 00:00:00'), (900002, 555555, 5, '2024-01-02 00:00:00'), "
      "(900003, 555555, 1, '2024-01-01 00:00:00'), "
      "(900004, 555555, 999999, '2024-01-01 00:00:00');");
  auto main = MainDatabase::Open(database->url());
  const UserActivity activity = main->LoadUserActivity(int64_t{555555});
  EXPECT_EQ(activity.liked, (std::vector<ExternalId>{int64_t{1}, int64_t{3}}));
  EXPECT_EQ(activity.clicked, (std::vector<ExternalId>{int64_t{1}, int64_t{5}}));
  // Repeated calls reuse the pooled prepared statement and give the same answer.
  EXPECT_EQ(main->LoadUserActivity(int64_t{555555}).liked, activity.liked);

  const UserActivity unknown = main->LoadUserActivity(int64_t{424242});
  EXPECT_TRUE(unknown.liked.empty());
  EXPECT_TRUE(unknown.clicked.empty());
  // A text id cannot name a user of an integer-id database.
  EXPECT_TRUE(main->LoadUserActivity(std::string("abc")).liked.empty());
}

TEST_P(MainDatabaseTest, LoadUserActivityWithTextIds) {
  const MainData data = testing::MakeSyntheticMainData(IdKind::kText, {});
  auto database = DatabaseWith(data);
  auto main = MainDatabase::Open(database->url());
  const ExternalId user = data.user_ids.At(0);
  std::set<std::string> expected;
  for (const Interaction& like : data.likes) {
    if (like.user == 0) expected.insert(ExternalIdToString(data.present_ids.At(like.present)));
  }
  const UserActivity activity = main->LoadUserActivity(user);
  std::set<std::string> got;
  for (const ExternalId& id : activity.liked) got.insert(ExternalIdToString(id));
  EXPECT_EQ(got, expected);
  EXPECT_FALSE(got.empty());
  EXPECT_TRUE(main->LoadUserActivity(std::string("no such user")).liked.empty());
  EXPECT_TRUE(main->LoadUserActivity(int64_t{1}).liked.empty());
}

TEST_P(MainDatabaseTest, ConcurrentCallsShareThePoolSafely) {
  const MainData data = testing::MakeSyntheticMainData(IdKind::kInteger, {});
  auto database = DatabaseWith(data);
  auto main = MainDatabase::Open(database->url());
  std::vector<UserActivity> expected;
  for (Index user = 0; user < 8; ++user) {
    expected.push_back(main->LoadUserActivity(data.user_ids.At(user)));
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (Index t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        const Index user = (t + i) % 8;
        const UserActivity activity = main->LoadUserActivity(data.user_ids.At(user));
        if (activity.liked != expected[user].liked ||
            activity.clicked != expected[user].clicked) {
          ++mismatches;
        }
        if (i % 10 == 0 && main->CountRows().likes != static_cast<int64_t>(data.likes.size())) {
          ++mismatches;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, 0);
}

TEST_P(MainDatabaseTest, CountRowsCountsTablesAsTheyStand) {
  const MainData data = testing::MakeSyntheticMainData(IdKind::kInteger, {});
  auto database = DatabaseWith(data);
  const MainTableCounts counts = MainDatabase::Open(database->url())->CountRows();
  int64_t active = 0;
  int64_t in_table = 0;
  for (const Present& present : data.presents) active += present.is_active ? 1 : 0;
  for (const User& user : data.users) in_table += user.in_users_table ? 1 : 0;
  EXPECT_EQ(counts.presents, static_cast<int64_t>(data.presents.size()));
  EXPECT_EQ(counts.active_presents, active);
  EXPECT_EQ(counts.users, in_table);
  EXPECT_EQ(counts.likes, static_cast<int64_t>(data.likes.size()));
  EXPECT_EQ(counts.clicks, static_cast<int64_t>(data.clicks.size()));
}

TEST_P(MainDatabaseTest, OpenWithoutSchemaFails) {
  auto database = NewDatabase();
  if (GetParam() == Backend::kSqlite) {
    // A missing file is not created by a read-only open.
    EXPECT_THROW(MainDatabase::Open(database->url()), StoreError);
  }
  database->Execute("CREATE TABLE unrelated (a INTEGER)");
  EXPECT_THROW(MainDatabase::Open(database->url()), StoreError);
}

TEST_P(MainDatabaseTest, PingAnswers) {
  auto database = DatabaseWith(testing::MakeSyntheticMainData(IdKind::kInteger, {}));
  EXPECT_NO_THROW(MainDatabase::Open(database->url())->Ping());
}

INSTANTIATE_TEST_SUITE_P(Backends, MainDatabaseTest,
                         ::testing::Values(Backend::kPostgres, Backend::kSqlite),
                         [](const auto& info) { return testing::BackendName(info.param); });

TEST(MainDatabaseErrorsTest, MessagesNeverContainThePassword) {
  const DatabaseUrl url =
      *ParseDatabaseUrl("postgresql://someone:s3cretPassw0rd@127.0.0.1:1/nowhere");
  try {
    MainDatabase::Open(url);
    FAIL() << "connecting to port 1 should fail";
  } catch (const StoreError& error) {
    const std::string message = error.what();
    EXPECT_EQ(message.find("s3cretPassw0rd"), std::string::npos) << message;
    EXPECT_NE(message.find("***"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace mysanta
