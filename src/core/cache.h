// Cache: the ranked-list cache in front of the engine (SPEC section 6). An interface so that the
// api layer can use it without knowing the backend; implementations live in the store layer:
// MemoryCache (`memory://`, in-process, bounded, TTL) and RedisCache (`redis://…/1`).
//
// Values are opaque byte strings (the api layer stores serialized ranked lists). Keys carry the
// data version they were computed from (see api's cache key), so entries of older versions are
// never read again; RemoveOtherVersions() deletes them.
//
// Thread safety: every implementation is safe for concurrent use from many threads.
// Failure: a backend that is down never throws from Get/Set — Get answers nullopt and Set does
// nothing, and Check() reports the error until the backend answers again. RemoveOtherVersions
// may throw when the backend is down, so the cleanup job can report the failure.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mysanta {

struct CacheStats {
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t keys = 0;  // entries currently stored (best effort for Redis: keys of this service)
};

class Cache {
 public:
  virtual ~Cache() = default;

  // "memory" or "redis".
  virtual std::string_view backend() const = 0;

  // Counts a hit or a miss.
  virtual std::optional<std::string> Get(std::string_view key) = 0;
  virtual void Set(std::string_view key, std::string_view value, std::chrono::seconds ttl) = 0;

  // Removes every entry whose key's version tag differs from `current_version` (keys are built by
  // CacheKeyPrefix below). Returns how many were removed.
  virtual uint64_t RemoveOtherVersions(int64_t current_version) = 0;

  virtual CacheStats Stats() = 0;

  // Checks the backend now (a PING for Redis). Empty when healthy, else an error text.
  virtual std::string Check() = 0;

  // Cheap, no I/O: false while the backend is known to be down (its last call failed).
  virtual bool Available() const { return true; }

  // True when a hit is answered from this process's memory (no network round trip), so callers
  // may use the cache on threads that must not block. Default: false.
  virtual bool HitsAreLocal() const { return false; }
};

// Every key starts with "mysanta:v<version>:" so that cleanup can tell versions apart.
inline std::string CacheKeyPrefix(int64_t data_version) {
  return "mysanta:v" + std::to_string(data_version) + ":";
}

}  // namespace mysanta
