#include "store/tiered_cache.h"

#include <gtest/gtest.h>

#include "store/cache_factory.h"
#include "store/memory_cache.h"
#include "test_support.h"

namespace mysanta {
namespace {

using std::chrono::seconds;

struct Tiers {
  MemoryCache* local;
  MemoryCache* shared;
  std::unique_ptr<TieredCache> cache;
};

Tiers MakeTiers() {
  auto local = std::make_unique<MemoryCache>();
  auto shared = std::make_unique<MemoryCache>();
  Tiers tiers{local.get(), shared.get(), nullptr};
  tiers.cache = std::make_unique<TieredCache>(std::move(local), std::move(shared));
  return tiers;
}

TEST(TieredCacheTest, SetWritesBothTiersAndGetPrefersTheLocalOne) {
  Tiers tiers = MakeTiers();
  tiers.cache->Set("mysanta:v1:a", "list", seconds(60));
  EXPECT_EQ(tiers.local->Get("mysanta:v1:a"), "list");
  EXPECT_EQ(tiers.shared->Get("mysanta:v1:a"), "list");
  EXPECT_EQ(tiers.cache->Get("mysanta:v1:a"), "list");
  EXPECT_EQ(tiers.cache->Get("mysanta:v1:missing"), std::nullopt);
  const CacheStats stats = tiers.cache->Stats();
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.misses, 1u);
}

TEST(TieredCacheTest, ASharedHitIsCopiedToTheLocalTier) {
  Tiers tiers = MakeTiers();
  tiers.shared->Set("mysanta:v1:b", "from another instance", seconds(60));
  EXPECT_EQ(tiers.local->Get("mysanta:v1:b"), std::nullopt);
  EXPECT_EQ(tiers.cache->Get("mysanta:v1:b"), "from another instance");
  EXPECT_EQ(tiers.local->Get("mysanta:v1:b"), "from another instance");
  EXPECT_EQ(tiers.cache->Stats().hits, 1u);
}

TEST(TieredCacheTest, CleanupRemovesOldVersionsFromBothTiers) {
  Tiers tiers = MakeTiers();
  tiers.cache->Set("mysanta:v1:x", "old", seconds(60));
  tiers.cache->Set("mysanta:v2:x", "new", seconds(60));
  EXPECT_EQ(tiers.cache->RemoveOtherVersions(2), 1u);
  EXPECT_EQ(tiers.local->Get("mysanta:v1:x"), std::nullopt);
  EXPECT_EQ(tiers.shared->Get("mysanta:v1:x"), std::nullopt);
  EXPECT_EQ(tiers.cache->Get("mysanta:v2:x"), "new");
}

// A shared tier that can be switched off, like Redis going down.
class SwitchableCache final : public Cache {
 public:
  bool available = true;
  std::string_view backend() const override { return "redis"; }
  std::optional<std::string> Get(std::string_view key) override {
    return available ? inner_.Get(key) : std::nullopt;
  }
  void Set(std::string_view key, std::string_view value, seconds ttl) override {
    if (available) inner_.Set(key, value, ttl);
  }
  uint64_t RemoveOtherVersions(int64_t version) override {
    return inner_.RemoveOtherVersions(version);
  }
  CacheStats Stats() override { return inner_.Stats(); }
  std::string Check() override { return available ? "" : "connection refused"; }
  bool Available() const override { return available; }

 private:
  MemoryCache inner_;
};

TEST(TieredCacheTest, WhileTheSharedTierIsDownNothingIsServedFromTheLocalOne) {
  auto shared = std::make_unique<SwitchableCache>();
  SwitchableCache* redis = shared.get();
  TieredCache cache(std::make_unique<MemoryCache>(), std::move(shared));
  cache.Set("mysanta:v1:a", "list", seconds(60));
  redis->available = false;
  EXPECT_EQ(cache.Get("mysanta:v1:a"), std::nullopt);
  cache.Set("mysanta:v1:b", "computed while down", seconds(60));
  EXPECT_EQ(cache.Check(), "connection refused");
  redis->available = true;
  EXPECT_EQ(cache.Get("mysanta:v1:a"), "list");
  EXPECT_EQ(cache.Get("mysanta:v1:b"), std::nullopt);  // nothing was cached while down
}

// Two service instances sharing one Redis: what one computed is a hit for the other.
TEST(TieredCacheRedisTest, InstancesShareListsThroughRedis) {
  MYSANTA_REQUIRE_ENV(redis_url, "TEST_REDIS_URL");
  const CacheUrl url = *ParseCacheUrl(redis_url);
  auto first = OpenCache(url);
  auto second = OpenCache(url);
  ASSERT_EQ(first->Check(), "");
  EXPECT_EQ(first->backend(), "redis");
  const std::string key = "mysanta:v99:tiered-test";
  first->Set(key, "ranked list", seconds(30));
  EXPECT_EQ(second->Get(key), "ranked list");
  EXPECT_EQ(second->Stats().hits, 1u);
  first->RemoveOtherVersions(100);
}

}  // namespace
}  // namespace mysanta
