// Drill: the recommendations database (PostgreSQL) becomes unreachable while the service serves.
// Answers go on from the in-memory snapshot, /health says "degraded" and names it, a job fails
// and is recorded (metrics), and nothing is half-written; once the database is back, the next job
// succeeds without a restart. The outage: the database refuses connections
// (ALLOW_CONNECTIONS false) and its sessions are ended, as when its server goes away.
#include <chrono>
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "drill_support.h"
#include "running_service.h"

namespace mysanta::e2e {
namespace {

using std::chrono::seconds;

// Makes a PostgreSQL database unreachable and reachable again (also at the end, whatever happens).
class DatabaseOutage {
 public:
  explicit DatabaseOutage(std::string database) : database_(std::move(database)) {}
  ~DatabaseOutage() { End(); }

  void Begin() {
    AdminSql("ALTER DATABASE " + database_ + " ALLOW_CONNECTIONS false");
    AdminSql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
             database_ + "'");
    down_ = true;
  }
  void End() {
    if (!down_) return;
    down_ = false;
    AdminSql("ALTER DATABASE " + database_ + " ALLOW_CONNECTIONS true");
  }

 private:
  std::string database_;
  bool down_ = false;
};

class DrillRecommendationsOutagePostgresRedisTest : public ::testing::Test {
 protected:
  void SetUp() override { E2E_REQUIRE_BACKEND(BackendKind::kPostgresRedis); }
};

TEST_F(DrillRecommendationsOutagePostgresRedisTest, ServesFromTheSnapshotAndRecoversWithoutRestart) {
  RunningService service(BackendKind::kPostgresRedis, kTinyData, {});
  const uint16_t port = service.port();
  const std::string recommendations = service.deployment().recommendations_url();
  HttpClient client(port);
  const std::string popular = R"({"user_params": {"gender": "f"}, "pagination": {"limit": 10}})";
  const std::string personalized = R"({"user_id": 5, "pagination": {"limit": 10}})";
  HttpResponse popular_before = client.Post("/popular", popular);
  HttpResponse personalized_before = client.Post("/personalized", personalized);
  ASSERT_EQ(popular_before.status, 200);
  ASSERT_EQ(personalized_before.status, 200);
  const std::string fingerprint = TableFingerprint(recommendations, "popular_items");
  const std::string version = QueryText(recommendations, "SELECT version FROM data_version");

  DatabaseOutage outage(DatabaseName(recommendations));
  outage.Begin();
  ASSERT_TRUE(Eventually([&] { return HealthStatus(port) == "degraded"; }, seconds(30)))
      << GetJson(port, "/health");
  boost::json::value health = GetJson(port, "/health");
  EXPECT_NE(health.at("checks").at("recommendations_database"), "ok") << health;
  EXPECT_EQ(health.at("checks").at("main_database"), "ok") << health;

  // The snapshot stands in: the same lists as before, for cached and new requests alike.
  for (int i = 0; i < 3; ++i) {
    HttpResponse answer = client.Post("/popular", popular);
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.Json().at("items"), popular_before.Json().at("items"));
    answer = client.Post("/personalized", personalized);
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.Json().at("items"), personalized_before.Json().at("items"));
  }
  HttpResponse fresh = client.Post("/popular", R"({"user_params": {"gender": "m"}})");
  EXPECT_EQ(fresh.status, 200) << fresh.body;
  EXPECT_EQ(client.Get("/stats").status, 200) << "/stats answers, saying what it cannot read";
  EXPECT_EQ(client.Get("/metrics").status, 200);

  // A job fails, is counted, and changes nothing.
  boost::json::value failed = RunAdminJob(port, "/admin/refresh-popular-items");
  EXPECT_EQ(failed.at("status"), "failed") << failed;
  const std::string metrics = client.Get("/metrics").body;
  EXPECT_NE(metrics.find("mysanta_job_runs_total{job=\"popular_items\",status=\"failed\"} 1"),
            std::string::npos)
      << metrics;

  outage.End();
  ASSERT_TRUE(Eventually([&] { return HealthStatus(port) == "healthy"; }, seconds(30)))
      << GetJson(port, "/health");
  EXPECT_EQ(TableFingerprint(recommendations, "popular_items"), fingerprint)
      << "the failed run left the old rows";
  EXPECT_EQ(QueryText(recommendations, "SELECT version FROM data_version"), version);

  // The next job succeeds on the same process and is recorded in the database again.
  boost::json::value completed = RunAdminJob(port, "/admin/refresh-popular-items");
  EXPECT_EQ(completed.at("status"), "completed") << completed;
  EXPECT_EQ(LastJobRun(port, "popular_items")["status"], "completed");
  EXPECT_GT(std::stoll(QueryText(recommendations, "SELECT version FROM data_version")),
            std::stoll(version));
  EXPECT_EQ(client.Post("/popular", popular).status, 200);
}

}  // namespace
}  // namespace mysanta::e2e
