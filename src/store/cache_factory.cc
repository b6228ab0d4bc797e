#include "store/cache_factory.h"

#include "store/memory_cache.h"
#include "store/redis_cache.h"

namespace mysanta {

std::unique_ptr<Cache> OpenCache(const CacheUrl& url) {
  if (url.is_redis()) return std::make_unique<RedisCache>(url);
  return std::make_unique<MemoryCache>();
}

}  // namespace mysanta
