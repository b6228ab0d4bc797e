// RedisCache against the real redis-server of scripts/with-test-services. The tests own database
// 1 of that server (TEST_REDIS_URL) and empty it before each test.
#include "store/redis_cache.h"

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "store/cache_behaviour.h"
#include "store/redis_connection.h"
#include "test_support.h"

namespace mysanta {
namespace {

using std::chrono::seconds;
using Clock = std::chrono::steady_clock;

CacheUrl MustParse(const std::string& text) {
  auto url = ParseCacheUrl(text);
  EXPECT_TRUE(url.has_value()) << text;
  return url.value_or(CacheUrl{});
}

// A direct connection to the test server, to arrange and inspect state behind the cache's back.
std::unique_ptr<RedisConnection> Direct(CacheUrl url) {
  auto connection = RedisConnection::Open(url, std::chrono::milliseconds(500), seconds(5));
  if (!connection) return nullptr;
  return std::move(*connection);
}

bool ServerAnswers(const CacheUrl& url) {
  auto connection = Direct(url);
  if (connection == nullptr) return false;
  auto reply = connection->Command({"PING"});
  return reply && (*reply)->type == REDIS_REPLY_STATUS;
}

// Polls `condition` every 50 ms for at most `limit`; a deadline, not a timing expectation.
template <typename Condition>
bool Eventually(Condition condition, std::chrono::milliseconds limit = seconds(15)) {
  const Clock::time_point deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return condition();
}

// Restarts the shared test server on scope exit if it is not answering, so that a failing
// outage test does not break the tests that run after it.
class RedisServerGuard {
 public:
  explicit RedisServerGuard(CacheUrl url) : url_(std::move(url)) {}
  ~RedisServerGuard() {
    if (ServerAnswers(url_)) return;
    Start();
  }
  bool Start() {
    const char* command = std::getenv("TEST_REDIS_SERVER_COMMAND");
    if (command == nullptr || std::system(command) != 0) return false;
    return Eventually([&] { return ServerAnswers(url_); });
  }

 private:
  CacheUrl url_;
};

class RedisCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MYSANTA_REQUIRE_ENV(url_text, "TEST_REDIS_URL");
    url_ = MustParse(url_text);
    ASSERT_TRUE(url_.is_redis());
    ASSERT_NE(url_.database, 0) << "the tests empty this database: it must not be 0";
    direct_ = Direct(url_);
    ASSERT_NE(direct_, nullptr) << "cannot reach " << url_text;
    auto flushed = direct_->Command({"FLUSHDB"});
    ASSERT_TRUE(flushed.has_value()) << flushed.error();
  }

  std::string DirectGet(std::string_view key) {
    auto reply = direct_->Command({"GET", key});
    if (!reply || (*reply)->type != REDIS_REPLY_STRING) return "<none>";
    return std::string((*reply)->str, (*reply)->len);
  }

  CacheUrl url_;
  std::unique_ptr<RedisConnection> direct_;
};

TEST_F(RedisCacheTest, GetSetMiss) {
  RedisCache cache(url_);
  testing::ExpectGetSetMiss(cache);
  EXPECT_EQ(cache.backend(), "redis");
  EXPECT_EQ(cache.Check(), "");
}

TEST_F(RedisCacheTest, TtlExpiry) {
  RedisCache cache(url_);
  testing::ExpectTtlExpiry(cache);
}

TEST_F(RedisCacheTest, SetsTheTtlOnTheKey) {
  RedisCache cache(url_);
  cache.Set(CacheKeyPrefix(1) + "k", "v", seconds(900));
  auto ttl = direct_->Command({"TTL", CacheKeyPrefix(1) + "k"});
  ASSERT_TRUE(ttl.has_value());
  ASSERT_EQ((*ttl)->type, REDIS_REPLY_INTEGER);
  EXPECT_GT((*ttl)->integer, 800);
  EXPECT_LE((*ttl)->integer, 900);
}

TEST_F(RedisCacheTest, RemoveOtherVersions) {
  RedisCache cache(url_);
  testing::ExpectRemoveOtherVersions(cache);
}

TEST_F(RedisCacheTest, RemoveOtherVersionsScansManyKeysAndLeavesForeignKeys) {
  RedisCache cache(url_, {.pool = {}, .scan_count = 100});  // Many SCAN rounds.
  for (int i = 0; i < 2500; ++i) {
    cache.Set(CacheKeyPrefix(i % 2 == 0 ? 5 : 6) + std::to_string(i), "v", seconds(600));
  }
  ASSERT_TRUE(direct_->Command({"SET", "someone-else:key", "theirs"}).has_value());
  EXPECT_EQ(cache.RemoveOtherVersions(6), 1250u);
  EXPECT_EQ(cache.Stats().keys, 1250u);
  EXPECT_EQ(DirectGet("someone-else:key"), "theirs");
}

TEST_F(RedisCacheTest, StatsCounts) {
  ASSERT_TRUE(direct_->Command({"SET", "someone-else:key", "x"}).has_value());  // Not counted.
  RedisCache cache(url_);
  testing::ExpectStatsCounts(cache);
}

TEST_F(RedisCacheTest, ConcurrentUse) {
  RedisCache cache(url_);  // 4 threads over the default pool of 4 connections.
  testing::ExpectConcurrentUse(cache);
}

TEST_F(RedisCacheTest, MoreThreadsThanConnections) {
  RedisCache cache(url_, {.pool = {.size = 2, .acquire_timeout = seconds(5)}});
  testing::ExpectConcurrentUse(cache);
}

TEST_F(RedisCacheTest, ValuesAndKeysAreBinarySafe) {
  RedisCache cache(url_);
  std::string value;
  for (int byte = 0; byte < 256; ++byte) value.push_back(static_cast<char>(byte));
  value += std::string("\r\n$-1\r\n\0end", 11);
  const std::string key = CacheKeyPrefix(1) + std::string("bin\0\r\n key", 10);
  cache.Set(key, value, seconds(60));
  EXPECT_EQ(cache.Get(key), value);
  EXPECT_EQ(cache.Get(CacheKeyPrefix(1) + "bin"), std::nullopt);
}

TEST_F(RedisCacheTest, UsesTheDatabaseOfTheUrl) {
  RedisCache cache(url_);
  cache.Set(CacheKeyPrefix(1) + "where", "here", seconds(60));
  EXPECT_EQ(DirectGet(CacheKeyPrefix(1) + "where"), "here");
  CacheUrl other = url_;
  other.database = url_.database + 1;
  auto other_db = Direct(other);
  ASSERT_NE(other_db, nullptr);
  auto reply = other_db->Command({"EXISTS", CacheKeyPrefix(1) + "where"});
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ((*reply)->integer, 0);
}

TEST_F(RedisCacheTest, AuthFailureIsReportedNotThrown) {
  CacheUrl with_password = url_;
  with_password.password = "not-the-password";  // The test server has none: AUTH fails.
  RedisCache cache(with_password);
  const std::string error = cache.Check();
  EXPECT_NE(error, "");
  EXPECT_NE(error.find("AUTH"), std::string::npos) << error;
  EXPECT_EQ(error.find("not-the-password"), std::string::npos) << "leaks the password: " << error;
  EXPECT_EQ(cache.Get(CacheKeyPrefix(1) + "k"), std::nullopt);
  cache.Set(CacheKeyPrefix(1) + "k", "v", seconds(60));
  EXPECT_EQ(DirectGet(CacheKeyPrefix(1) + "k"), "<none>");
  EXPECT_THROW(cache.RemoveOtherVersions(1), CacheUnavailableError);
}

TEST_F(RedisCacheTest, AuthenticatesWithThePasswordOfTheUrl) {
  ASSERT_TRUE(direct_->Command({"CONFIG", "SET", "requirepass", "s3cret"}).has_value());
  struct ResetPassword {
    RedisConnection* connection;
    ~ResetPassword() { (void)connection->Command({"CONFIG", "SET", "requirepass", ""}); }
  } reset{direct_.get()};  // The direct connection authenticated before the password was set.

  RedisCache without_password(url_);
  EXPECT_NE(without_password.Check(), "");
  CacheUrl with_password = url_;
  with_password.password = "s3cret";
  RedisCache cache(with_password);
  EXPECT_EQ(cache.Check(), "");
  cache.Set(CacheKeyPrefix(1) + "k", "v", seconds(60));
  EXPECT_EQ(cache.Get(CacheKeyPrefix(1) + "k"), "v");
}

TEST_F(RedisCacheTest, StalledServerTimesOutInsteadOfBlocking) {
  RedisCache cache(url_, {.pool = {.command_timeout = std::chrono::milliseconds(100)}});
  cache.Set(CacheKeyPrefix(1) + "k", "v", seconds(60));
  ASSERT_EQ(cache.Get(CacheKeyPrefix(1) + "k"), "v");
  // The server holds every client's commands for 3 s; the cache must not wait for it.
  auto paused = direct_->Command({"CLIENT", "PAUSE", "3000", "ALL"});
  ASSERT_TRUE(paused.has_value());
  ASSERT_EQ((*paused)->type, REDIS_REPLY_STATUS) << RedisReplyText(**paused);
  EXPECT_EQ(cache.Get(CacheKeyPrefix(1) + "k"), std::nullopt);
  EXPECT_NE(cache.Check(), "");
  // Once the pause ends, the cache works again.
  EXPECT_TRUE(Eventually([&] { return cache.Check().empty(); }));
  EXPECT_EQ(cache.Get(CacheKeyPrefix(1) + "k"), "v");
}

TEST_F(RedisCacheTest, SurvivesAnOutageAndRecoversByItself) {
  const auto port = ::mysanta::testing::EnvOrNull("TEST_REDIS_PORT");
  ASSERT_TRUE(port.has_value());
  ASSERT_TRUE(::mysanta::testing::EnvOrNull("TEST_REDIS_SERVER_COMMAND").has_value());
  RedisServerGuard guard(url_);
  RedisCache cache(url_);
  const std::string key = CacheKeyPrefix(1) + "k";
  cache.Set(key, "before", seconds(600));
  ASSERT_EQ(cache.Get(key), "before");

  direct_.reset();
  std::system(("redis-cli -p " + *port + " shutdown nosave >/dev/null 2>&1").c_str());
  ASSERT_TRUE(Eventually([&] { return !ServerAnswers(url_); }));

  // Down: misses and no-ops, never an exception; Check says why.
  EXPECT_EQ(cache.Get(key), std::nullopt);
  EXPECT_NO_THROW(cache.Set(key, "during", seconds(600)));
  EXPECT_NE(cache.Check(), "");
  EXPECT_THROW(cache.RemoveOtherVersions(2), CacheUnavailableError);
  EXPECT_EQ(cache.Stats().keys, 0u);

  // Back-off: requests do not each try to reconnect; at most one attempt per second.
  const uint64_t attempts_before = cache.connect_attempts();
  const Clock::time_point start = Clock::now();
  for (int i = 0; i < 200; ++i) {
    EXPECT_EQ(cache.Get(key), std::nullopt);
    cache.Set(key, "during", seconds(600));
  }
  const auto elapsed_seconds =
      std::chrono::duration_cast<seconds>(Clock::now() - start).count();
  EXPECT_LE(cache.connect_attempts() - attempts_before, static_cast<uint64_t>(elapsed_seconds + 1));

  // Back: the same object uses Redis again.
  ASSERT_TRUE(guard.Start());
  EXPECT_TRUE(Eventually([&] { return cache.Check().empty(); })) << cache.Check();
  EXPECT_EQ(cache.Get(key), std::nullopt);  // Nothing was saved before the shutdown.
  cache.Set(key, "after", seconds(600));
  EXPECT_EQ(cache.Get(key), "after");
}

TEST_F(RedisCacheTest, StartsWhileRedisIsUnreachable) {
  CacheUrl nowhere = url_;
  nowhere.port = 1;  // Nothing listens there.
  RedisCache cache(nowhere);
  EXPECT_EQ(cache.Get(CacheKeyPrefix(1) + "k"), std::nullopt);
  cache.Set(CacheKeyPrefix(1) + "k", "v", seconds(60));
  EXPECT_NE(cache.Check(), "");
  EXPECT_EQ(cache.Stats().misses, 1u);
}

}  // namespace
}  // namespace mysanta
