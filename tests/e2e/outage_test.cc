// End-to-end tests of outages on the PostgreSQL + Redis deployment: with Redis down the service
// answers without cache and says "degraded", and uses Redis again when it returns (SPEC section
// 6); with the main database gone it keeps serving from its snapshot, "degraded". (The embedded
// default has nothing to stop: its cache lives in the process.) "Redis" in the suite's name makes
// ctest run these alone with the other Redis tests: they stop the shared redis-server.
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "ground_truth.h"
#include "http_client.h"
#include "redis_control.h"
#include "running_service.h"

namespace mysanta::e2e {
namespace {

using std::chrono::seconds;

// Polls /health until its status is `status` (at most `timeout`); the last body.
boost::json::value WaitForHealth(HttpClient& client, const std::string& status, seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  boost::json::value body;
  do {
    HttpResponse health = client.Get("/health");
    body = health.Json();
    if (body.is_object() && body.at("status") == boost::json::value(status)) {
      EXPECT_EQ(health.status, 200) << health.body;
      return body;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  } while (std::chrono::steady_clock::now() < deadline);
  ADD_FAILURE() << "/health never said " << status << "; last: " << body;
  return body;
}

bool CacheHit(HttpClient& client, const std::string& endpoint, const std::string& body) {
  HttpResponse response = client.Post(endpoint, body);
  EXPECT_EQ(response.status, 200) << response.body;
  if (response.status != 200) return false;
  return response.Json().at("cache_hit").as_bool();
}

class PostgresRedisOutageTest : public ::testing::Test {
 protected:
  void SetUp() override { E2E_REQUIRE_BACKEND(BackendKind::kPostgresRedis); }
};

TEST_F(PostgresRedisOutageTest, DegradedWithoutRedisThenHealthyAgain) {
  RunningService service(BackendKind::kPostgresRedis, kTinyData, {});
  HttpClient client(service.port());
  const std::string popular = R"({"user_params": {"gender": "m"}, "pagination": {"limit": 7}})";
  const std::string personalized = R"({"user_id": 3, "pagination": {"limit": 7}})";
  EXPECT_FALSE(CacheHit(client, "/popular", popular));
  EXPECT_TRUE(CacheHit(client, "/popular", popular));

  RedisStopper redis;
  redis.Stop();
  boost::json::value degraded = WaitForHealth(client, "degraded", seconds(20));
  const boost::json::value& cache_check = degraded.at("checks").at("cache");
  EXPECT_TRUE(cache_check.is_string() && cache_check != "ok" && !cache_check.as_string().empty())
      << "the cache check is an error text: " << degraded;
  EXPECT_EQ(degraded.at("checks").at("main_database"), "ok");
  EXPECT_EQ(degraded.at("checks").at("recommendations_database"), "ok");
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(CacheHit(client, "/popular", popular)) << "no cache: nothing is a hit";
    EXPECT_FALSE(CacheHit(client, "/personalized", personalized));
  }
  EXPECT_EQ(client.Get("/stats").status, 200);
  EXPECT_EQ(client.Get("/metrics").status, 200);

  ASSERT_TRUE(redis.Restart()) << "redis-server did not come back";
  WaitForHealth(client, "healthy", seconds(30));
  // Redis came back empty: the first request fills it, a later one hits it.
  bool hit = false;
  const auto deadline = std::chrono::steady_clock::now() + seconds(30);
  while (!hit && std::chrono::steady_clock::now() < deadline) {
    hit = CacheHit(client, "/popular", popular);
    if (!hit) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(hit) << "the cache is used again once Redis returns";
}

TEST_F(PostgresRedisOutageTest, MainDatabaseLostWhileServing) {
  RunningService service(BackendKind::kPostgresRedis, kTinyData, {});
  HttpClient client(service.port());
  GroundTruth truth(service.truth());
  Index heavy = 0;
  while (truth.InteractionCount(heavy) < 3) ++heavy;
  const std::string personalized = boost::json::serialize(
      boost::json::object{{"user_id", truth.UserIdJson(heavy)}, {"pagination", {{"limit", 50}}}});

  service.deployment().DropMainDatabase();
  boost::json::value degraded = WaitForHealth(client, "degraded", seconds(20));
  EXPECT_NE(degraded.at("checks").at("main_database"), "ok") << degraded;
  EXPECT_EQ(degraded.at("checks").at("recommendations_database"), "ok");
  // The snapshot stands in: recommendations still come, liked presents still left out.
  HttpResponse popular = client.Post("/popular", "{}");
  EXPECT_EQ(popular.status, 200) << popular.body;
  HttpResponse answer = client.Post("/personalized", personalized);
  ASSERT_EQ(answer.status, 200) << answer.body;
  const boost::json::value body = answer.Json();
  EXPECT_FALSE(body.at("items").as_array().empty());
  for (const boost::json::value& id : body.at("items").as_array()) {
    std::optional<Index> present = truth.PresentOf(id);
    ASSERT_TRUE(present.has_value()) << id;
    EXPECT_FALSE(truth.Liked(heavy).contains(*present)) << "liked present " << id;
  }
  EXPECT_EQ(client.Get("/stats").status, 200);
}

}  // namespace
}  // namespace mysanta::e2e
