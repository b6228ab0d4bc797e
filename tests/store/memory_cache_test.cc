#include "store/memory_cache.h"

#include <chrono>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "store/cache_behaviour.h"
#include "store/cache_factory.h"

namespace mysanta {
namespace {

using std::chrono::seconds;

TEST(MemoryCacheTest, GetSetMiss) {
  MemoryCache cache;
  testing::ExpectGetSetMiss(cache);
}

TEST(MemoryCacheTest, TtlExpiry) {
  MemoryCache cache;
  testing::ExpectTtlExpiry(cache);
}

TEST(MemoryCacheTest, RemoveOtherVersions) {
  MemoryCache cache;
  testing::ExpectRemoveOtherVersions(cache);
}

TEST(MemoryCacheTest, RemoveOtherVersionsKeepsKeysWithoutVersionTag) {
  MemoryCache cache;
  cache.Set("something-else", "kept", seconds(60));
  cache.Set(CacheKeyPrefix(7) + "x", "old", seconds(60));
  EXPECT_EQ(cache.RemoveOtherVersions(8), 1u);
  EXPECT_EQ(cache.Get("something-else"), "kept");
}

TEST(MemoryCacheTest, StatsCounts) {
  MemoryCache cache;
  testing::ExpectStatsCounts(cache);
}

TEST(MemoryCacheTest, ConcurrentUse) {
  MemoryCache cache;
  testing::ExpectConcurrentUse(cache);
}

TEST(MemoryCacheTest, EvictsLeastRecentlyUsedWhenFull) {
  MemoryCache cache({.max_entries = 3, .shards = 1});
  cache.Set("a", "1", seconds(60));
  cache.Set("b", "2", seconds(60));
  cache.Set("c", "3", seconds(60));
  EXPECT_EQ(cache.Get("a"), "1");  // Now "b" is the least recently used.
  cache.Set("d", "4", seconds(60));
  EXPECT_EQ(cache.Get("b"), std::nullopt);
  EXPECT_EQ(cache.Get("a"), "1");
  EXPECT_EQ(cache.Get("c"), "3");
  EXPECT_EQ(cache.Get("d"), "4");
  EXPECT_EQ(cache.Stats().keys, 3u);
}

TEST(MemoryCacheTest, StaysWithinEntryBoundOverAllShards) {
  MemoryCache cache({.max_entries = 100, .shards = 4});
  for (int i = 0; i < 1000; ++i) cache.Set("key" + std::to_string(i), "v", seconds(60));
  const uint64_t keys = cache.Stats().keys;
  EXPECT_LE(keys, 100u);
  EXPECT_GE(keys, 50u);  // Each shard is full; none is starved.
  EXPECT_EQ(cache.Get("key999"), "v");  // The newest entry always stays.
}

TEST(MemoryCacheTest, StaysWithinByteBound) {
  constexpr size_t kMaxBytes = 64 * 1024;
  MemoryCache cache({.max_bytes = kMaxBytes, .shards = 2});
  const std::string value(1000, 'x');
  for (int i = 0; i < 1000; ++i) cache.Set("key" + std::to_string(i), value, seconds(60));
  EXPECT_LE(cache.bytes(), kMaxBytes);
  EXPECT_GT(cache.bytes(), kMaxBytes / 2);
  EXPECT_GT(cache.Stats().keys, 0u);
}

TEST(MemoryCacheTest, DoesNotStoreValueLargerThanShardBudget) {
  MemoryCache cache({.max_bytes = 4096, .shards = 1});
  cache.Set("small", "v", seconds(60));
  cache.Set("huge", std::string(10'000, 'x'), seconds(60));
  EXPECT_EQ(cache.Get("huge"), std::nullopt);
  EXPECT_EQ(cache.Get("small"), "v");  // Not evicted for an entry that could never fit.
}

TEST(MemoryCacheTest, ReclaimsExpiredEntriesWithoutReadingThem) {
  MemoryCache cache({.shards = 2});
  for (int i = 0; i < 50; ++i) cache.Set("key" + std::to_string(i), "v", seconds(1));
  ASSERT_GT(cache.bytes(), 0u);
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_EQ(cache.Stats().keys, 0u);
  EXPECT_EQ(cache.bytes(), 0u);
}

TEST(MemoryCacheTest, ExpiredEntriesMakeRoomBeforeLiveOnesAreEvicted) {
  MemoryCache cache({.max_entries = 3, .shards = 1, .sweep_interval = seconds(1)});
  cache.Set("live", "1", seconds(600));
  cache.Set("short1", "2", seconds(1));
  cache.Set("short2", "3", seconds(1));
  EXPECT_EQ(cache.Get("short1"), "2");  // "live" is now the least recently used.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  cache.Set("new", "4", seconds(600));
  EXPECT_EQ(cache.Get("live"), "1");
  EXPECT_EQ(cache.Get("new"), "4");
}

TEST(MemoryCacheTest, IsAlwaysHealthy) {
  MemoryCache cache;
  EXPECT_EQ(cache.Check(), "");
  EXPECT_EQ(cache.backend(), "memory");
}

TEST(CacheFactoryTest, OpensTheBackendTheUrlNames) {
  auto memory_url = ParseCacheUrl("memory://");
  ASSERT_TRUE(memory_url.has_value());
  EXPECT_EQ(OpenCache(*memory_url)->backend(), "memory");
  auto redis_url = ParseCacheUrl("redis://127.0.0.1:1/1");  // Never connects at construction.
  ASSERT_TRUE(redis_url.has_value());
  EXPECT_EQ(OpenCache(*redis_url)->backend(), "redis");
}

}  // namespace
}  // namespace mysanta
