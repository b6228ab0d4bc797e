// RedisCache: the `redis://` backend of Cache (SPEC section 6), over a RedisConnectionPool.
//
// Keys are stored with SET … EX ttl. When Redis is down or slow, Get answers nullopt (a miss)
// and Set does nothing after at most one short timeout, and then at once while the pool backs
// off; Check() reports the error; the cache is used again as soon as Redis answers, without
// recreating this object.
//
// Stats().keys counts this service's keys ("mysanta:*") with SCAN, so the Redis database may
// be shared with others; it costs one round trip per 1000 keys, fine for /stats but not for a
// request path. RemoveOtherVersions also uses SCAN (never KEYS) and UNLINK.
//
// Constructing it never connects (so the service starts while Redis is down). It ignores
// SIGPIPE process-wide: hiredis writes with write(2), and a write to a connection that Redis
// closed must fail with EPIPE rather than kill the process.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/cache.h"
#include "core/url.h"
#include "store/redis_connection_pool.h"

namespace mysanta {

// Thrown by RemoveOtherVersions when Redis cannot be reached (Get/Set never throw).
class CacheUnavailableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RedisCacheOptions {
  RedisPoolOptions pool;  // Defaults: 4 connections, 100 ms timeouts, 1 s reconnect back-off.
  // SCAN's COUNT hint for cleanup and Stats; default 1000.
  int scan_count = 1000;
};

class RedisCache final : public Cache {
 public:
  explicit RedisCache(const CacheUrl& url, RedisCacheOptions options = {});

  std::string_view backend() const override { return "redis"; }
  std::optional<std::string> Get(std::string_view key) override;
  // A non-positive ttl stores nothing.
  void Set(std::string_view key, std::string_view value, std::chrono::seconds ttl) override;
  // Removes the "mysanta:v*" keys of other versions. Throws CacheUnavailableError when Redis
  // fails midway (the keys removed so far stay removed).
  uint64_t RemoveOtherVersions(int64_t current_version) override;
  // hits/misses counted here; keys = 0 while Redis is unavailable.
  CacheStats Stats() override;
  // PING. While the pool backs off after a failure, the failure's text without a new attempt.
  std::string Check() override;
  bool Available() const override;

  // Connection attempts so far (to observe the back-off in tests and /stats).
  uint64_t connect_attempts() const { return pool_.connect_attempts(); }

 private:
  // Called with each SCAN batch on the scanning connection; unexpected: a connection failure.
  using ScanVisitor = std::function<std::expected<void, std::string>(
      RedisConnection& connection, std::span<const std::string_view> keys)>;
  // Visits every key matching `pattern`; throws CacheUnavailableError on failure.
  void Scan(std::string_view pattern, const ScanVisitor& visit);

  const RedisCacheOptions options_;
  RedisConnectionPool pool_;
  std::atomic<uint64_t> hits_{0};
  std::atomic<uint64_t> misses_{0};
};

}  // namespace mysanta
