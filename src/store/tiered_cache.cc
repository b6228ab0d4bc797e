#include "store/tiered_cache.h"

namespace mysanta {

TieredCache::TieredCache(std::unique_ptr<Cache> local, std::unique_ptr<Cache> shared,
                         TieredCacheOptions options)
    : local_(std::move(local)), shared_(std::move(shared)), options_(options) {}

std::optional<std::string> TieredCache::Get(std::string_view key) {
  if (!shared_->Available()) {
    // Still asked (not counted by it) so that the pool notices when Redis is back.
    if (auto value = shared_->Get(key); value) {
      ++hits_;
      return value;
    }
    ++misses_;
    return std::nullopt;
  }
  if (auto value = local_->Get(key)) {
    ++hits_;
    return value;
  }
  auto value = shared_->Get(key);
  if (!value) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  local_->Set(key, *value, options_.max_local_ttl);
  return value;
}

void TieredCache::Set(std::string_view key, std::string_view value, std::chrono::seconds ttl) {
  if (!shared_->Available()) return shared_->Set(key, value, ttl);  // no cache while it is down
  local_->Set(key, value, LocalTtl(ttl));
  shared_->Set(key, value, ttl);
}

uint64_t TieredCache::RemoveOtherVersions(int64_t current_version) {
  local_->RemoveOtherVersions(current_version);
  return shared_->RemoveOtherVersions(current_version);
}

CacheStats TieredCache::Stats() {
  CacheStats stats = shared_->Stats();
  stats.hits = hits_;
  stats.misses = misses_;
  return stats;
}

}  // namespace mysanta
