// Behaviour every Cache backend must show, shared by the MemoryCache and RedisCache tests so that
// both are held to the same contract. Each function expects an empty cache.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/cache.h"

namespace mysanta::testing {

inline void ExpectGetSetMiss(Cache& cache) {
  const std::string key = CacheKeyPrefix(1) + "popular:all";
  EXPECT_EQ(cache.Get(key), std::nullopt);
  cache.Set(key, "first", std::chrono::seconds(60));
  EXPECT_EQ(cache.Get(key), "first");
  cache.Set(key, "second", std::chrono::seconds(60));
  EXPECT_EQ(cache.Get(key), "second");
  EXPECT_EQ(cache.Get(CacheKeyPrefix(1) + "popular:other"), std::nullopt);
  cache.Set(CacheKeyPrefix(1) + "empty", "", std::chrono::seconds(60));
  EXPECT_EQ(cache.Get(CacheKeyPrefix(1) + "empty"), "");
  cache.Set(CacheKeyPrefix(1) + "no-ttl", "x", std::chrono::seconds(0));
  EXPECT_EQ(cache.Get(CacheKeyPrefix(1) + "no-ttl"), std::nullopt);
}

inline void ExpectTtlExpiry(Cache& cache) {
  const std::string short_key = CacheKeyPrefix(1) + "short";
  const std::string long_key = CacheKeyPrefix(1) + "long";
  cache.Set(short_key, "gone soon", std::chrono::seconds(1));
  cache.Set(long_key, "stays", std::chrono::seconds(600));
  EXPECT_EQ(cache.Get(short_key), "gone soon");
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_EQ(cache.Get(short_key), std::nullopt);
  EXPECT_EQ(cache.Get(long_key), "stays");
  EXPECT_EQ(cache.Stats().keys, 1u);  // The expired entry is reclaimed.
}

inline void ExpectRemoveOtherVersions(Cache& cache) {
  const auto ttl = std::chrono::seconds(600);
  for (int i = 0; i < 5; ++i) {
    cache.Set(CacheKeyPrefix(1) + std::to_string(i), "old", ttl);
    cache.Set(CacheKeyPrefix(10) + std::to_string(i), "older", ttl);  // Shares "mysanta:v1".
    cache.Set(CacheKeyPrefix(2) + std::to_string(i), "current", ttl);
  }
  EXPECT_EQ(cache.RemoveOtherVersions(2), 10u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(cache.Get(CacheKeyPrefix(1) + std::to_string(i)), std::nullopt);
    EXPECT_EQ(cache.Get(CacheKeyPrefix(10) + std::to_string(i)), std::nullopt);
    EXPECT_EQ(cache.Get(CacheKeyPrefix(2) + std::to_string(i)), "current");
  }
  EXPECT_EQ(cache.Stats().keys, 5u);
  EXPECT_EQ(cache.RemoveOtherVersions(2), 0u);
}

inline void ExpectStatsCounts(Cache& cache) {
  const CacheStats before = cache.Stats();
  EXPECT_EQ(before.hits, 0u);
  EXPECT_EQ(before.misses, 0u);
  EXPECT_EQ(before.keys, 0u);
  cache.Set(CacheKeyPrefix(3) + "a", "1", std::chrono::seconds(60));
  cache.Set(CacheKeyPrefix(3) + "b", "2", std::chrono::seconds(60));
  cache.Get(CacheKeyPrefix(3) + "a");
  cache.Get(CacheKeyPrefix(3) + "a");
  cache.Get(CacheKeyPrefix(3) + "b");
  cache.Get(CacheKeyPrefix(3) + "missing");
  const CacheStats after = cache.Stats();
  EXPECT_EQ(after.hits, 3u);
  EXPECT_EQ(after.misses, 1u);
  EXPECT_EQ(after.keys, 2u);
}

// Several threads set and get overlapping keys; every hit must carry its key's own value.
inline void ExpectConcurrentUse(Cache& cache) {
  constexpr int kThreads = 4;
  constexpr int kOperations = 2000;
  constexpr int kKeys = 100;
  std::atomic<int> wrong_values{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kOperations; ++i) {
        const std::string key = CacheKeyPrefix(4) + std::to_string((i * 7 + t) % kKeys);
        const std::string value = "value of " + key;
        if (i % 3 == 0) {
          cache.Set(key, value, std::chrono::seconds(60));
        } else if (auto got = cache.Get(key); got && *got != value) {
          ++wrong_values;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong_values.load(), 0);
  const CacheStats stats = cache.Stats();
  const int gets_per_thread = kOperations - (kOperations + 2) / 3;
  EXPECT_EQ(stats.hits + stats.misses, static_cast<uint64_t>(kThreads * gets_per_thread));
  EXPECT_GT(stats.hits, 0u);
  EXPECT_EQ(stats.keys, static_cast<uint64_t>(kKeys));
  for (int k = 0; k < kKeys; ++k) {
    const std::string key = CacheKeyPrefix(4) + std::to_string(k);
    EXPECT_EQ(cache.Get(key), "value of " + key);
  }
}

}  // namespace mysanta::testing
