#include "store/redis_cache.h"

#include <csignal>
#include <mutex>
#include <vector>

namespace mysanta {
namespace {

constexpr std::string_view kVersionedKeyPrefix = "mysanta:v";

void IgnoreSigpipeOnce() {
  static std::once_flag once;
  std::call_once(once, [] { std::signal(SIGPIPE, SIG_IGN); });
}

std::string_view ElementText(const redisReply& element) {
  return std::string_view(element.str, element.len);
}

}  // namespace

RedisCache::RedisCache(const CacheUrl& url, RedisCacheOptions options)
    : options_(options), pool_(url, options.pool) {
  IgnoreSigpipeOnce();
}

std::optional<std::string> RedisCache::Get(std::string_view key) {
  std::optional<std::string> value;
  if (auto lease = pool_.Acquire()) {
    auto reply = (*lease)->Command({"GET", key});
    if (!reply) {
      lease->Fail(reply.error());
    } else if ((*reply)->type == REDIS_REPLY_STRING) {
      value.emplace(ElementText(**reply));
    }
    // NIL is a plain miss; an error reply (e.g. a key of another type) is treated as one too.
  }
  (value ? hits_ : misses_).fetch_add(1, std::memory_order_relaxed);
  return value;
}

void RedisCache::Set(std::string_view key, std::string_view value, std::chrono::seconds ttl) {
  if (ttl <= std::chrono::seconds::zero()) return;
  auto lease = pool_.Acquire();
  if (!lease) return;
  const std::string seconds = std::to_string(ttl.count());
  auto reply = (*lease)->Command({"SET", key, value, "EX", seconds});
  // An error reply (e.g. OOM under maxmemory) leaves the entry uncached, as intended.
  if (!reply) lease->Fail(reply.error());
}

void RedisCache::Scan(std::string_view pattern, const ScanVisitor& visit) {
  auto lease = pool_.Acquire();
  if (!lease) throw CacheUnavailableError(lease.error().text);
  const std::string count = std::to_string(options_.scan_count);
  std::string cursor = "0";
  std::vector<std::string_view> keys;
  do {
    auto reply = (*lease)->Command({"SCAN", cursor, "MATCH", pattern, "COUNT", count});
    if (!reply) {
      lease->Fail(reply.error());
      throw CacheUnavailableError(reply.error());
    }
    const redisReply& scan = **reply;
    if (scan.type == REDIS_REPLY_ERROR) {
      throw CacheUnavailableError("Redis SCAN failed: " + std::string(RedisReplyText(scan)));
    }
    if (scan.type != REDIS_REPLY_ARRAY || scan.elements != 2 ||
        scan.element[1]->type != REDIS_REPLY_ARRAY) {
      lease->Fail("unexpected SCAN reply");  // The protocol is out of step: drop the connection.
      throw CacheUnavailableError("Redis SCAN: unexpected reply");
    }
    cursor = std::string(ElementText(*scan.element[0]));
    keys.clear();
    for (size_t i = 0; i < scan.element[1]->elements; ++i) {
      keys.push_back(ElementText(*scan.element[1]->element[i]));
    }
    if (auto visited = visit(**lease, keys); !visited) {
      lease->Fail(visited.error());
      throw CacheUnavailableError(visited.error());
    }
  } while (cursor != "0");
}

uint64_t RedisCache::RemoveOtherVersions(int64_t current_version) {
  const std::string current_prefix = CacheKeyPrefix(current_version);
  const std::string pattern = std::string(kVersionedKeyPrefix) + "*";
  uint64_t removed = 0;
  Scan(pattern, [&](RedisConnection& connection, std::span<const std::string_view> keys)
                    -> std::expected<void, std::string> {
    std::vector<std::string_view> command = {"UNLINK"};
    for (std::string_view key : keys) {
      if (!key.starts_with(current_prefix)) command.push_back(key);
    }
    if (command.size() == 1) return {};
    auto reply = connection.Command(command);
    if (!reply) return std::unexpected(reply.error());
    if ((*reply)->type == REDIS_REPLY_ERROR) {
      // Redis before 4.0 has no UNLINK; DEL does the same, blocking the server a little longer.
      command[0] = "DEL";
      reply = connection.Command(command);
      if (!reply) return std::unexpected(reply.error());
    }
    if ((*reply)->type == REDIS_REPLY_INTEGER) removed += static_cast<uint64_t>((*reply)->integer);
    return {};
  });
  return removed;
}

CacheStats RedisCache::Stats() {
  CacheStats stats;
  stats.hits = hits_.load(std::memory_order_relaxed);
  stats.misses = misses_.load(std::memory_order_relaxed);
  try {
    uint64_t keys = 0;
    Scan("mysanta:*", [&](RedisConnection&, std::span<const std::string_view> batch)
                          -> std::expected<void, std::string> {
      keys += batch.size();
      return {};
    });
    stats.keys = keys;
  } catch (const CacheUnavailableError&) {
    // Stats are best effort: the error itself is reported by Check().
  }
  return stats;
}

bool RedisCache::Available() const { return pool_.up(); }

std::string RedisCache::Check() {
  auto lease = pool_.Acquire();
  if (!lease) {
    // Every connection is busy serving requests: that is not a sign of ill health.
    if (lease.error().busy && pool_.up()) return "";
    return lease.error().text;
  }
  auto reply = (*lease)->Command({"PING"});
  if (!reply) {
    lease->Fail(reply.error());
    return reply.error();
  }
  if ((*reply)->type == REDIS_REPLY_ERROR) {
    return "Redis PING failed: " + std::string(RedisReplyText(**reply));
  }
  return "";
}

}  // namespace mysanta
