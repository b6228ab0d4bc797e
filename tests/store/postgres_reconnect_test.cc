// After PostgreSQL drops the pooled connections (a restart, a failover, an idle timeout), the
// next call reconnects instead of failing.
#include <gtest/gtest.h>

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

TEST(PostgresReconnectTest, MainDatabaseRecoversFromDroppedConnections) {
  MYSANTA_REQUIRE_ENV(postgres_url, "TEST_POSTGRES_URL");
  ScratchDatabase database(Backend::kPostgres, postgres_url);
  const MainData data = testing::MakeSyntheticMainData(IdKind::kInteger, {});
  auto writer = MainDatabaseWriter::Open(database.url());
  writer->CreateSchema(IdKind::kInteger);
  writer->Write(data);
  writer.reset();

  auto main = MainDatabase::Open(database.url());
  const UserActivity before = main->LoadUserActivity(data.user_ids.At(0));
  ASSERT_FALSE(before.liked.empty());
  database.TerminateConnections();
  EXPECT_EQ(main->LoadUserActivity(data.user_ids.At(0)).liked, before.liked);
  database.TerminateConnections();
  EXPECT_NO_THROW(main->Ping());
  database.TerminateConnections();
  EXPECT_EQ(main->LoadAll().likes.size(), data.likes.size());
}

TEST(PostgresReconnectTest, RecommendationsDatabaseRecoversFromDroppedConnections) {
  MYSANTA_REQUIRE_ENV(postgres_url, "TEST_POSTGRES_URL");
  ScratchDatabase database(Backend::kPostgres, postgres_url);
  auto recommendations = RecommendationsDatabase::Open(database.url());
  recommendations->Migrate(IdKind::kInteger);
  recommendations->ReplaceUserSimilarities({UserSimilarityRow{int64_t{1}, int64_t{2}, 0.5}});
  database.TerminateConnections();
  EXPECT_EQ(recommendations->LoadUserSimilarities().size(), 1u);
  database.TerminateConnections();
  EXPECT_EQ(recommendations->BumpDataVersion(), 1);
  database.TerminateConnections();
  EXPECT_EQ(recommendations->ReplaceUserSimilarities({}), 0);
}

}  // namespace
}  // namespace mysanta
