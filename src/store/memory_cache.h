// MemoryCache: the in-process `memory://` backend of Cache (SPEC section 6).
//
// Bounded by entry count and by bytes; when full, the least recently used entry of the key's shard
// is evicted. Every entry has a TTL: an expired entry is a miss and is reclaimed when it is next
// touched, when it reaches the LRU end, by a periodic sweep of its shard, and by Stats().
//
// Thread-safe: keys are spread over shards, each with its own mutex and LRU list, so that I/O
// threads rarely contend; hit/miss counters are atomics. Check() is always healthy.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/cache.h"

namespace mysanta {

struct MemoryCacheOptions {
  // Most entries kept over all shards; default 100'000.
  size_t max_entries = 100'000;
  // Most bytes kept (keys + values + a fixed per-entry overhead); default 256 MiB.
  size_t max_bytes = size_t{256} << 20;
  // Independent LRU shards; more shards, less lock contention. Default 16.
  size_t shards = 16;
  // How often a shard is swept for expired entries (on a Set); default 60 s.
  std::chrono::seconds sweep_interval{60};
};

class MemoryCache final : public Cache {
 public:
  explicit MemoryCache(MemoryCacheOptions options = {});
  ~MemoryCache() override;

  std::string_view backend() const override { return "memory"; }
  bool HitsAreLocal() const override { return true; }
  std::optional<std::string> Get(std::string_view key) override;
  // A non-positive ttl stores nothing; so does an entry larger than a shard's byte budget.
  void Set(std::string_view key, std::string_view value, std::chrono::seconds ttl) override;
  // Removes the "mysanta:v*" keys of other versions; keys without a version tag are kept.
  uint64_t RemoveOtherVersions(int64_t current_version) override;
  CacheStats Stats() override;
  std::string Check() override { return ""; }

  // Bytes currently accounted over all shards (for tests and /stats).
  size_t bytes() const;

 private:
  class Shard;
  Shard& ShardFor(std::string_view key);

  std::vector<std::unique_ptr<Shard>> shards_;
  std::atomic<uint64_t> hits_{0};
  std::atomic<uint64_t> misses_{0};
};

}  // namespace mysanta
