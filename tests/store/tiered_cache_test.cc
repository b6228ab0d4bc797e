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
