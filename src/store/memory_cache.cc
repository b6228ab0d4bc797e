#include "store/memory_cache.h"

#include <algorithm>
#include <functional>
#include <list>
#include <mutex>
#include <unordered_map>

namespace mysanta {
namespace {

using Clock = std::chrono::steady_clock;

// Rough cost of an entry beyond its key and value: list node, hash node, two string headers.
constexpr size_t kEntryOverhead = 128;

constexpr std::string_view kVersionedKeyPrefix = "mysanta:v";

// Longer TTLs are clamped so that `now + ttl` cannot overflow; ten years is "forever" here.
constexpr std::chrono::seconds kMaxTtl = std::chrono::hours(24 * 365 * 10);

}  // namespace

// One LRU list with its index; all members are guarded by mutex_.
class MemoryCache::Shard {
 public:
  Shard(size_t max_entries, size_t max_bytes, Clock::duration sweep_interval)
      : max_entries_(max_entries), max_bytes_(max_bytes), sweep_interval_(sweep_interval) {}

  std::optional<std::string> Get(std::string_view key) {
    const Clock::time_point now = Clock::now();
    std::lock_guard lock(mutex_);
    auto found = index_.find(key);
    if (found == index_.end()) return std::nullopt;
    if (found->second->expires_at <= now) {
      Erase(found->second);
      return std::nullopt;
    }
    lru_.splice(lru_.begin(), lru_, found->second);  // Most recently used goes first.
    return found->second->value;
  }

  void Set(std::string_view key, std::string_view value, Clock::duration ttl) {
    const size_t cost = key.size() + value.size() + kEntryOverhead;
    const Clock::time_point now = Clock::now();
    std::lock_guard lock(mutex_);
    if (auto found = index_.find(key); found != index_.end()) Erase(found->second);
    if (cost > max_bytes_) return;  // Would evict the whole shard and still not fit.
    if (now >= next_sweep_) {
      RemoveWhere([now](const Entry& entry) { return entry.expires_at <= now; });
      next_sweep_ = now + sweep_interval_;
    }
    while (!lru_.empty() && (lru_.size() >= max_entries_ || bytes_ + cost > max_bytes_)) {
      Erase(std::prev(lru_.end()));
    }
    lru_.push_front(Entry{std::string(key), std::string(value), now + ttl, cost});
    index_.emplace(lru_.front().key, lru_.begin());
    bytes_ += cost;
  }

  // Removes the entries for which `predicate` holds; returns how many.
  uint64_t RemoveIf(const std::function<bool(std::string_view key)>& predicate) {
    std::lock_guard lock(mutex_);
    return RemoveWhere([&](const Entry& entry) { return predicate(entry.key); });
  }

  void RemoveExpired() {
    const Clock::time_point now = Clock::now();
    std::lock_guard lock(mutex_);
    RemoveWhere([now](const Entry& entry) { return entry.expires_at <= now; });
  }

  size_t size() const {
    std::lock_guard lock(mutex_);
    return lru_.size();
  }

  size_t bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
  }

 private:
  struct Entry {
    std::string key;
    std::string value;
    Clock::time_point expires_at;
    size_t cost;
  };
  using List = std::list<Entry>;

  void Erase(List::iterator entry) {
    bytes_ -= entry->cost;
    index_.erase(entry->key);  // Before the node: the index's key views the node's key.
    lru_.erase(entry);
  }

  template <typename Predicate>
  uint64_t RemoveWhere(Predicate predicate) {
    uint64_t removed = 0;
    for (auto entry = lru_.begin(); entry != lru_.end();) {
      auto next = std::next(entry);
      if (predicate(*entry)) {
        Erase(entry);
        ++removed;
      }
      entry = next;
    }
    return removed;
  }

  const size_t max_entries_;
  const size_t max_bytes_;
  const Clock::duration sweep_interval_;
  mutable std::mutex mutex_;
  List lru_;  // Most recently used first.
  std::unordered_map<std::string_view, List::iterator> index_;  // Keys view lru_'s keys.
  size_t bytes_ = 0;
  Clock::time_point next_sweep_{};
};

MemoryCache::MemoryCache(MemoryCacheOptions options) {
  const size_t shard_count = std::max<size_t>(1, options.shards);
  // Round down so that the totals stay within the bounds (unless a bound is below one per shard).
  const size_t entries_per_shard = std::max<size_t>(1, options.max_entries / shard_count);
  const size_t bytes_per_shard = std::max<size_t>(1, options.max_bytes / shard_count);
  shards_.reserve(shard_count);
  for (size_t i = 0; i < shard_count; ++i) {
    shards_.push_back(
        std::make_unique<Shard>(entries_per_shard, bytes_per_shard, options.sweep_interval));
  }
}

MemoryCache::~MemoryCache() = default;

MemoryCache::Shard& MemoryCache::ShardFor(std::string_view key) {
  return *shards_[std::hash<std::string_view>{}(key) % shards_.size()];
}

std::optional<std::string> MemoryCache::Get(std::string_view key) {
  std::optional<std::string> value = ShardFor(key).Get(key);
  (value ? hits_ : misses_).fetch_add(1, std::memory_order_relaxed);
  return value;
}

void MemoryCache::Set(std::string_view key, std::string_view value, std::chrono::seconds ttl) {
  if (ttl <= std::chrono::seconds::zero()) return;
  ShardFor(key).Set(key, value, std::min(ttl, kMaxTtl));
}

uint64_t MemoryCache::RemoveOtherVersions(int64_t current_version) {
  const std::string current_prefix = CacheKeyPrefix(current_version);
  uint64_t removed = 0;
  for (auto& shard : shards_) {
    removed += shard->RemoveIf([&](std::string_view key) {
      return key.starts_with(kVersionedKeyPrefix) && !key.starts_with(current_prefix);
    });
  }
  return removed;
}

CacheStats MemoryCache::Stats() {
  CacheStats stats;
  stats.hits = hits_.load(std::memory_order_relaxed);
  stats.misses = misses_.load(std::memory_order_relaxed);
  for (auto& shard : shards_) {
    shard->RemoveExpired();  // So that `keys` counts live entries only.
    stats.keys += shard->size();
  }
  return stats;
}

size_t MemoryCache::bytes() const {
  size_t total = 0;
  for (const auto& shard : shards_) total += shard->bytes();
  return total;
}

}  // namespace mysanta
