// Drill: Redis restarted empty, and Redis full (maxmemory with noeviction: every write refused
// with OOM). Requests keep answering with the same lists as before, and `cache_hit` is true only
// for a list that was really computed earlier: never for a request asked for the first time.
// "Redis" in the suite's name: ctest runs it alone with the other tests that touch the shared
// redis-server.
#include <chrono>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "drill_support.h"
#include "redis_control.h"
#include "running_service.h"

namespace mysanta::e2e {
namespace {

using std::chrono::seconds;

struct Answer {
  boost::json::value items;
  bool cache_hit = false;
};

// Requests no other phase asks: `phase` goes into exclude_ids (an id that changes nothing).
std::vector<std::pair<std::string, std::string>> Requests(int phase) {
  std::vector<std::pair<std::string, std::string>> requests;
  for (int user = 1; user <= 15; ++user) {
    requests.emplace_back(
        "/personalized",
        fmt::format(R"({{"user_id": {}, "filters": {{"exclude_ids": [{}]}}}})", user + 40 * phase,
                    900000 + phase));
  }
  for (const char* gender : {"f", "m", "any"}) {
    requests.emplace_back(
        "/popular", fmt::format(R"({{"user_params": {{"gender": "{}"}}, "filters": {{"exclude_ids": [{}]}}}})",
                                gender, 900000 + phase));
  }
  return requests;
}

Answer Ask(HttpClient& client, const std::pair<std::string, std::string>& request) {
  HttpResponse response = client.Post(request.first, request.second);
  EXPECT_EQ(response.status, 200) << request.second << ": " << response.body;
  boost::json::value json = response.Json();
  if (!json.is_object()) return {};
  return {json.at("items"), json.at("cache_hit").as_bool()};
}

// Asks each request twice: the first time is never a hit; the second gives the same list.
// Returns the lists.
std::vector<boost::json::value> AskTwice(HttpClient& client, int phase, const std::string& when) {
  std::vector<boost::json::value> lists;
  for (const auto& request : Requests(phase)) {
    const Answer first = Ask(client, request);
    EXPECT_FALSE(first.cache_hit) << when << ": asked for the first time: " << request.second;
    const Answer again = Ask(client, request);
    EXPECT_EQ(again.items, first.items) << when << ": " << request.second;
    lists.push_back(first.items);
  }
  return lists;
}

// Restores the test server's memory settings at the end, whatever happens.
class RedisMemoryLimit {
 public:
  ~RedisMemoryLimit() { RedisCli("config set maxmemory 0"); }
  bool Fill() {
    return RedisCli("config set maxmemory-policy noeviction") && RedisCli("config set maxmemory 1");
  }
};

class DrillRedisTest : public ::testing::Test {
 protected:
  void SetUp() override { E2E_REQUIRE_BACKEND(BackendKind::kPostgresRedis); }
};

TEST_F(DrillRedisTest, RestartedEmptyAndFullRedisKeepAnswersCorrect) {
  RunningService service(BackendKind::kPostgresRedis, kTinyData, {});
  const uint16_t port = service.port();
  HttpClient client(port);
  const std::vector<boost::json::value> reference = AskTwice(client, 0, "Redis up");

  // Restarted empty: old requests still give their lists, new ones are misses first.
  {
    RedisStopper redis;
    redis.Stop();
    ASSERT_TRUE(redis.Restart()) << "redis-server did not come back";
  }
  ASSERT_TRUE(Eventually([&] { return HealthStatus(port) == "healthy"; }, seconds(30)));
  const auto old_requests = Requests(0);
  for (size_t i = 0; i < old_requests.size(); ++i) {
    EXPECT_EQ(Ask(client, old_requests[i]).items, reference[i]) << old_requests[i].second;
  }
  AskTwice(client, 1, "after the restart");

  // Full: Redis refuses every write (OOM); reads and answers go on.
  RedisMemoryLimit limit;
  ASSERT_TRUE(limit.Fill());
  ASSERT_NE(RedisOutput("set mysanta_drill_probe x").find("OOM"), std::string::npos)
      << "Redis refuses writes";
  for (size_t i = 0; i < old_requests.size(); ++i) {
    EXPECT_EQ(Ask(client, old_requests[i]).items, reference[i]) << old_requests[i].second;
  }
  AskTwice(client, 2, "Redis full");
  EXPECT_EQ(client.Get("/health").status, 200);
  EXPECT_EQ(client.Get("/stats").status, 200);
}

}  // namespace
}  // namespace mysanta::e2e
