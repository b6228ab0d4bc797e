// Drill: dirty main data, as MySanta's views may give it. NULL and negative prices, a NULL
// category, unknown genders and age labels, orphan likes and clicks, duplicate clicks, and (on
// SQLite, whose columns take any type) ids that are a number in one row and text in another.
// The service starts, computes and serves; each dirty row is skipped or normalized and counted
// per cause in /stats; a present without a valid price is never recommended; jobs complete.
#include <set>
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "drill_support.h"
#include "running_service.h"
#include "store/main_database.h"

namespace mysanta::e2e {
namespace {

class DrillDirtyDataTest : public ::testing::TestWithParam<BackendKind> {
 protected:
  void SetUp() override { E2E_REQUIRE_BACKEND(GetParam()); }
};

// Lifts the main schema's NOT NULL on price and category, as a view over MySanta's tables has
// none.
void AllowNulls(const Deployment& deployment) {
  if (deployment.kind() == BackendKind::kPostgresRedis) {
    deployment.ExecuteOnMain(
        "ALTER TABLE presents ALTER COLUMN price DROP NOT NULL, "
        "ALTER COLUMN category DROP NOT NULL");
    return;
  }
  // SQLite cannot drop a constraint: the table is copied without them (types kept).
  deployment.ExecuteOnMain(
      "CREATE TABLE loose_presents (id INTEGER, title TEXT, price NUMERIC, category TEXT, "
      "platform TEXT, gender TEXT, age_group TEXT, geo_id INTEGER, is_active INTEGER, "
      "created_at TEXT);"
      "INSERT INTO loose_presents SELECT id, title, price, category, platform, gender, age_group, "
      "geo_id, is_active, created_at FROM presents;"
      "DROP TABLE presents; ALTER TABLE loose_presents RENAME TO presents;");
}

TEST_P(DrillDirtyDataTest, DirtyRowsAreSkippedOrNormalizedCountedAndTheRestServed) {
  Deployment deployment(GetParam(), kTinyData);
  const bool sqlite = GetParam() == BackendKind::kSqliteMemory;
  AllowNulls(deployment);
  // The generated data's own same-second repeats (rare) are duplicates too.
  const int64_t duplicates_before =
      MainDatabase::Open(deployment.MainDatabaseUrl())->LoadAll().duplicate_clicks;
  const std::string now = "'2026-11-01 12:00:00'";
  // Presents 900001..900004: no price, a negative price, no category, unknown labels. Each is
  // liked by user 1, so that it is part of the data the jobs compute from.
  deployment.ExecuteOnMain(
      "INSERT INTO presents (id, title, price, category, platform, gender, age_group, geo_id, "
      "is_active, created_at) VALUES "
      "(900001, 'no price', NULL, 'books', 'ozon', 'any', 'any', NULL, TRUE, " + now + "), "
      "(900002, 'negative price', -5, 'books', 'ozon', 'any', 'any', NULL, TRUE, " + now + "), "
      "(900003, 'no category', 100, NULL, 'ozon', 'any', 'any', NULL, TRUE, " + now + "), "
      "(900004, 'odd labels', 100, 'books', 'ozon', 'unisex', 'teen', NULL, TRUE, " + now + ")");
  deployment.ExecuteOnMain(
      "INSERT INTO users (id, gender, birth_date, geo_id, created_at) VALUES "
      "(900001, 'x', NULL, NULL, " + now + ")");
  deployment.ExecuteOnMain(
      "INSERT INTO likes (user_id, present_id, created_at) VALUES "
      "(1, 900001, " + now + "), (1, 900002, " + now + "), (1, 900003, " + now + "), "
      "(1, 900004, " + now + "), (2, 999999, " + now + ")");
  // An orphan click and three clicks repeated at the same second by the same user.
  deployment.ExecuteOnMain(
      "INSERT INTO clicks (id, user_id, present_id, created_at) VALUES "
      "(90000001, 3, 999998, " + now + ");"
      "INSERT INTO clicks (id, user_id, present_id, created_at) SELECT id + 80000000, user_id, "
      "present_id, created_at FROM clicks WHERE id IN (SELECT id FROM clicks WHERE "
      "user_id IS NOT NULL ORDER BY id LIMIT 3)");
  int malformed = 0;
  if (sqlite) {
    // Text where integers are: a present 'p-17' (skipped), a like by user 'u-3' (skipped), and
    // a like by user 4 written as the text '4' (the same user: normalized, not counted).
    deployment.ExecuteOnMain(
        "INSERT INTO presents (id, title, price, category, platform, gender, age_group, geo_id, "
        "is_active, created_at) VALUES ('p-17', 'text id', 10, 'books', 'ozon', 'any', 'any', "
        "NULL, 1, " + now + ");"
        "INSERT INTO likes (user_id, present_id, created_at) VALUES ('u-3', 5, " + now + ");"
        "INSERT INTO likes (user_id, present_id, created_at) VALUES (CAST('4' AS TEXT), 6, " +
        now + ")");
    malformed = 2;
  }

  ServerProcess server(deployment.ServerEnvironment(), deployment.dir() / "server.log");
  WaitHealthy(server);
  HttpClient client(server.port());
  const boost::json::value stats = client.Get("/stats").Json();
  const boost::json::value* quality = AtPointer(stats, "/snapshot/data_quality");
  ASSERT_NE(quality, nullptr) << stats;
  const boost::json::object& skipped = quality->at("skipped").as_object();
  const boost::json::object& normalized = quality->at("normalized").as_object();
  EXPECT_EQ(skipped.at("orphan_likes").as_int64(), 1) << *quality;
  EXPECT_EQ(skipped.at("orphan_clicks").as_int64(), 1) << *quality;
  EXPECT_EQ(skipped.at("duplicate_clicks").as_int64(), duplicates_before + 3) << *quality;
  EXPECT_EQ(skipped.at("malformed_ids").as_int64(), malformed) << *quality;
  EXPECT_EQ(normalized.at("unpriced_presents").as_int64(), 2) << *quality;
  EXPECT_EQ(normalized.at("missing_categories").as_int64(), 1) << *quality;
  EXPECT_EQ(normalized.at("unknown_genders").as_int64(), 2) << *quality;  // the present's and the user's
  EXPECT_EQ(normalized.at("unknown_age_groups").as_int64(), 1) << *quality;

  // Served: a present without a valid price never comes back; the others may.
  const std::set<int64_t> unpriced = {900001, 900002};
  for (const char* request :
       {R"({"pagination": {"limit": 100}})", R"({"user_params": {"category": "books"}, "pagination": {"limit": 100}})"}) {
    HttpResponse answer = client.Post("/popular", request);
    ASSERT_EQ(answer.status, 200) << answer.body;
    const boost::json::value body = answer.Json();
    EXPECT_FALSE(body.at("items").as_array().empty());
    for (const boost::json::value& id : body.at("items").as_array()) {
      EXPECT_FALSE(id.is_int64() && unpriced.contains(id.as_int64())) << id;
    }
  }
  for (const char* user : {"1", "2", "3", "4", "900001"}) {
    HttpResponse answer =
        client.Post("/personalized", std::string(R"({"user_id": )") + user + "}");
    ASSERT_EQ(answer.status, 200) << user << ": " << answer.body;
    const boost::json::value body = answer.Json();
    for (const boost::json::value& id : body.at("items").as_array()) {
      EXPECT_FALSE(id.is_int64() && unpriced.contains(id.as_int64())) << id;
    }
  }
  EXPECT_EQ(client.Get("/user-profile/1").status, 200);
  boost::json::value all = RunAdminJob(server.port(), "/admin/refresh-all");
  EXPECT_EQ(all.at("status"), "completed") << all;
  EXPECT_EQ(HealthStatus(server.port()), "healthy");
  EXPECT_TRUE(server.running()) << server.Log();
}

E2E_INSTANTIATE(DrillDirtyDataTest);

}  // namespace
}  // namespace mysanta::e2e
