// OpenCache: the Cache backend a CacheUrl names (`memory://` or `redis://…`), with default
// options. Never connects: a Redis that is down at start only makes the cache degraded.
#pragma once

#include <memory>

#include "core/cache.h"
#include "core/url.h"

namespace mysanta {

std::unique_ptr<Cache> OpenCache(const CacheUrl& url);

}  // namespace mysanta
