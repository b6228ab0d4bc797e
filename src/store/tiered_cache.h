// TieredCache: a small in-process cache (L1) in front of a shared one (L2, Redis), so that hot
// ranked lists are served without a network round trip while every instance still shares what
// any of them computed. Correctness does not depend on L1's freshness: keys carry the data
// version, so a refresh moves every instance to new keys at once; L1 entries live at most
// `max_local_ttl` so that an entry removed from Redis does not linger long.
//
// Hits and misses are counted once per Get (an L1 or L2 hit is a hit). Check() and Available() are
// L2's. While Redis is down the service answers without any cache (SPEC section 6): L1 is
// bypassed too, so that no instance serves lists the others cannot see.
// Thread-safe, as both tiers are.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>

#include "core/cache.h"

namespace mysanta {

struct TieredCacheOptions {
  // Longest life of an L1 entry; default 30 s.
  std::chrono::seconds max_local_ttl{30};
};

class TieredCache final : public Cache {
 public:
  TieredCache(std::unique_ptr<Cache> local, std::unique_ptr<Cache> shared,
              TieredCacheOptions options = {});

  std::string_view backend() const override { return shared_->backend(); }
  bool HitsAreLocal() const override { return true; }
  std::optional<std::string> Get(std::string_view key) override;
  void Set(std::string_view key, std::string_view value, std::chrono::seconds ttl) override;
  uint64_t RemoveOtherVersions(int64_t current_version) override;
  CacheStats Stats() override;
  std::string Check() override { return shared_->Check(); }
  bool Available() const override { return shared_->Available(); }

 private:
  std::chrono::seconds LocalTtl(std::chrono::seconds ttl) const {
    return std::min(ttl, options_.max_local_ttl);
  }

  std::unique_ptr<Cache> local_;
  std::unique_ptr<Cache> shared_;
  TieredCacheOptions options_;
  std::atomic<uint64_t> hits_ = 0;
  std::atomic<uint64_t> misses_ = 0;
};

}  // namespace mysanta
