#include "store/cache_factory.h"

#include "store/memory_cache.h"
#include "store/redis_cache.h"
#include "store/tiered_cache.h"

namespace mysanta {

std::unique_ptr<Cache> OpenCache(const CacheUrl& url) {
  if (!url.is_redis()) return std::make_unique<MemoryCache>();
  // Redis is shared by every instance; a small local tier in front saves the round trip for
  // hot lists (see tiered_cache.h).
  MemoryCacheOptions local;
  local.max_entries = 20'000;
  local.max_bytes = size_t{64} << 20;
  RedisCacheOptions shared;
  shared.pool.size = 16;  // every I/O and blocking thread can hold one
  return std::make_unique<TieredCache>(std::make_unique<MemoryCache>(local),
                                       std::make_unique<RedisCache>(url, shared));
}

}  // namespace mysanta
