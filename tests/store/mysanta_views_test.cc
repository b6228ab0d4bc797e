// The production views of sql/mysanta_views.postgresql.sql over minimal versions of MySanta's
// own tables (as MYSANTA.md describes them), read through MainDatabase.
#include <gtest/gtest.h>

#include <memory>

#include "scratch_database.h"
#include "store/main_database.h"
#include "store/sql_files.h"
#include "test_support.h"

namespace mysanta {
namespace {

using testing::Backend;
using testing::ScratchDatabase;

constexpr const char* kUserA = "0a6c2f1e-1111-4c1a-9a53-000000000001";
constexpr const char* kUserB = "0a6c2f1e-1111-4c1a-9a53-000000000002";
constexpr const char* kOwner = "0a6c2f1e-1111-4c1a-9a53-000000000003";
constexpr const char* kPresentWithCategories = "5b0e7a52-2222-4d0e-8f8e-000000000001";
constexpr const char* kPresentWithoutCategories = "5b0e7a52-2222-4d0e-8f8e-000000000002";
constexpr const char* kPresentOutOfStock = "5b0e7a52-2222-4d0e-8f8e-000000000003";
constexpr const char* kPrivatePresent = "5b0e7a52-2222-4d0e-8f8e-000000000004";

class MySantaViewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MYSANTA_REQUIRE_ENV(postgres_url, "TEST_POSTGRES_URL");
    database_ = std::make_unique<ScratchDatabase>(Backend::kPostgres, postgres_url);
    database_->Execute(R"sql(
      CREATE TABLE handpicked_presents (
        id uuid PRIMARY KEY, title varchar, geo_id integer, categories json,
        price numeric(10,2), platform varchar, status varchar, user_id uuid,
        created_at timestamp(6) NOT NULL);
      CREATE TABLE handpicked_likes (
        id bigserial PRIMARY KEY, user_id uuid, handpicked_present_id uuid,
        created_at timestamp(6) NOT NULL);
      CREATE INDEX ON handpicked_likes (user_id);
      CREATE TABLE handpicked_present_clicks (
        id bigserial PRIMARY KEY, handpicked_present_id uuid, created_at timestamp(6) NOT NULL);
    )sql");
    database_->Execute(fmt::format(R"sql(
      INSERT INTO handpicked_presents VALUES
        ('{0}', 'Lipstick', 213,
         '{{"gender": "f", "age": "45+", "category": "beauty", "suitable_for": "friend"}}',
         1999.90, 'ozon', 'in_stock', NULL, '2024-12-01 10:00:00.123456'),
        ('{1}', 'Mug', NULL, '{{}}', 300, 'wildberries', 'in_stock', NULL,
         '2024-11-01 00:00:00'),
        ('{2}', 'Lamp', NULL, '{{"gender": "m", "age": "25-34", "category": "home"}}', 2500,
         'ozon', 'out_of_stock', NULL, '2024-10-01 00:00:00'),
        ('{3}', 'My wish', NULL, '{{"category": "books"}}', 10, 'ozon', 'in_stock', '{6}',
         '2024-10-01 00:00:00');
      INSERT INTO handpicked_likes (user_id, handpicked_present_id, created_at) VALUES
        ('{4}', '{0}', '2024-12-02 00:00:00'), ('{4}', '{2}', '2024-12-03 00:00:00'),
        ('{4}', '{3}', '2024-12-04 00:00:00'), ('{5}', '{1}', '2024-12-05 00:00:00');
      INSERT INTO handpicked_present_clicks (handpicked_present_id, created_at) VALUES
        ('{0}', '2024-12-06 00:00:00'), ('{0}', '2024-12-07 00:00:00'),
        ('{3}', '2024-12-08 00:00:00');
    )sql", kPresentWithCategories, kPresentWithoutCategories, kPresentOutOfStock,
                                   kPrivatePresent, kUserA, kUserB, kOwner));
    database_->Execute(std::string(SqlFile("mysanta_views.postgresql.sql")));
  }

  std::unique_ptr<ScratchDatabase> database_;
};

TEST_F(MySantaViewsTest, LoadAllReadsMySantaTablesThroughTheViews) {
  auto main = MainDatabase::Open(database_->url());
  EXPECT_EQ(main->user_id_kind(), IdKind::kText);
  EXPECT_EQ(main->present_id_kind(), IdKind::kText);
  const MainData data = main->LoadAll();

  // The private present is not exposed; the out-of-stock one is, inactive.
  ASSERT_EQ(data.presents.size(), 3u);
  EXPECT_EQ(data.present_ids.Find(std::string_view(kPrivatePresent)), kNoIndex);
  const Present& lipstick =
      data.presents[data.present_ids.Find(std::string_view(kPresentWithCategories))];
  EXPECT_EQ(lipstick.gender, Gender::kFemale);
  EXPECT_EQ(lipstick.age, (AgeRange{45, AgeRange::kMaxAge}));
  EXPECT_EQ(data.categories.At(lipstick.category), "beauty");
  EXPECT_EQ(data.platforms.At(lipstick.platform), "ozon");
  EXPECT_EQ(lipstick.geo_id, 213);
  EXPECT_DOUBLE_EQ(lipstick.price, 1999.90);
  EXPECT_TRUE(lipstick.is_active);
  EXPECT_EQ(lipstick.created_at, *ParseTimestamp("2024-12-01 10:00:00"));
  const Present& mug =
      data.presents[data.present_ids.Find(std::string_view(kPresentWithoutCategories))];
  EXPECT_EQ(mug.gender, Gender::kAny);
  EXPECT_TRUE(mug.age.is_any());
  EXPECT_EQ(mug.geo_id, kNoGeo);
  EXPECT_TRUE(mug.is_active);
  const Present& lamp = data.presents[data.present_ids.Find(std::string_view(kPresentOutOfStock))];
  EXPECT_FALSE(lamp.is_active);
  EXPECT_EQ(lamp.gender, Gender::kMale);

  // No users table content: users come from likes, with unknown demographics.
  ASSERT_EQ(data.users.size(), 2u);
  for (const User& user : data.users) EXPECT_FALSE(user.in_users_table);
  EXPECT_NE(data.user_ids.Find(std::string_view(kUserA)), kNoIndex);
  EXPECT_EQ(data.user_ids.Find(std::string_view(kOwner)), kNoIndex);

  // The like and the click of the private present are skipped like those of deleted ones.
  EXPECT_EQ(data.likes.size(), 3u);
  EXPECT_EQ(data.orphan_likes, 1);
  ASSERT_EQ(data.clicks.size(), 2u);
  EXPECT_EQ(data.orphan_clicks, 1);
  for (const Interaction& click : data.clicks) EXPECT_EQ(click.user, kNoIndex);
}

TEST_F(MySantaViewsTest, UserActivityAndCountsThroughTheViews) {
  auto main = MainDatabase::Open(database_->url());
  const UserActivity activity = main->LoadUserActivity(std::string(kUserA));
  EXPECT_EQ(activity.liked, (std::vector<ExternalId>{std::string(kPresentWithCategories),
                                                     std::string(kPresentOutOfStock)}));
  EXPECT_TRUE(activity.clicked.empty());
  // Not a UUID: no such user, not an error.
  EXPECT_TRUE(main->LoadUserActivity(std::string("not-a-uuid")).liked.empty());

  const MainTableCounts counts = main->CountRows();
  EXPECT_EQ(counts.presents, 3);
  EXPECT_EQ(counts.active_presents, 2);
  EXPECT_EQ(counts.users, 0);
  EXPECT_EQ(counts.likes, 4);
  EXPECT_EQ(counts.clicks, 3);
}

}  // namespace
}  // namespace mysanta
