#include "store/redis_connection_pool.h"

#include <algorithm>
#include <utility>

#include <spdlog/spdlog.h>

namespace mysanta {

using Clock = std::chrono::steady_clock;

RedisConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)),
      connection_(std::move(other.connection_)),
      generation_(other.generation_) {}

RedisConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr && connection_ != nullptr) {
    pool_->Release(std::move(connection_), generation_, /*failed=*/false, "");
  }
}

void RedisConnectionPool::Lease::Fail(const std::string& error) {
  if (pool_ == nullptr || connection_ == nullptr) return;
  pool_->Release(std::move(connection_), generation_, /*failed=*/true, error);
}

namespace {

RedisPoolOptions Validated(RedisPoolOptions options) {
  options.size = std::max(1, options.size);
  return options;
}

}  // namespace

RedisConnectionPool::RedisConnectionPool(CacheUrl url, RedisPoolOptions options)
    : url_(std::move(url)), options_(Validated(options)) {}

RedisConnectionPool::~RedisConnectionPool() = default;

std::expected<RedisConnectionPool::Lease, RedisConnectionPool::AcquireError>
RedisConnectionPool::Acquire() {
  std::unique_lock lock(mutex_);
  const bool available = released_.wait_for(lock, options_.acquire_timeout, [this] {
    return !idle_.empty() || open_ < options_.size || !up_;
  });
  if (!idle_.empty()) {
    std::unique_ptr<RedisConnection> connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(connection), generation_);
  }
  if (!available || open_ >= options_.size) {
    if (!up_) return std::unexpected(AcquireError{last_error_});
    return std::unexpected(AcquireError{
        "all " + std::to_string(options_.size) + " Redis connections are busy", /*busy=*/true});
  }
  const Clock::time_point now = Clock::now();
  if (!up_) {
    // Back-off: one attempt per interval, claimed before connecting so that other threads wait.
    if (now < next_attempt_) return std::unexpected(AcquireError{last_error_});
    next_attempt_ = now + options_.reconnect_interval;
  }
  ++open_;
  ++connect_attempts_;
  lock.unlock();

  auto connection =
      RedisConnection::Open(url_, options_.connect_timeout, options_.command_timeout);

  std::vector<std::unique_ptr<RedisConnection>> to_close;
  lock.lock();
  if (!connection) {
    --open_;
    MarkDownLocked(connection.error(), to_close);
    released_.notify_all();
    return std::unexpected(AcquireError{connection.error()});
  }
  if (!up_) spdlog::info("Redis cache {} is available again", url_.Masked());
  up_ = true;
  last_error_.clear();
  return Lease(this, std::move(*connection), generation_);
}

void RedisConnectionPool::Release(std::unique_ptr<RedisConnection> connection,
                                  uint64_t generation, bool failed, const std::string& error) {
  std::vector<std::unique_ptr<RedisConnection>> to_close;  // Closed outside the lock.
  {
    std::lock_guard lock(mutex_);
    if (failed) {
      --open_;
      to_close.push_back(std::move(connection));
      MarkDownLocked(error, to_close);
    } else if (generation != generation_) {
      --open_;  // Leased before the pool went down: its server may have restarted since.
      to_close.push_back(std::move(connection));
    } else {
      idle_.push_back(std::move(connection));
    }
  }
  released_.notify_one();
}

void RedisConnectionPool::MarkDownLocked(
    const std::string& error, std::vector<std::unique_ptr<RedisConnection>>& to_close) {
  if (up_) spdlog::warn("Redis cache {} is unavailable: {}", url_.Masked(), error);
  up_ = false;
  last_error_ = error;
  next_attempt_ = Clock::now() + options_.reconnect_interval;
  ++generation_;
  open_ -= static_cast<int>(idle_.size());
  for (auto& connection : idle_) to_close.push_back(std::move(connection));
  idle_.clear();
}

bool RedisConnectionPool::up() const {
  return up_.load(std::memory_order_relaxed);
}

std::string RedisConnectionPool::last_error() const {
  std::lock_guard lock(mutex_);
  return last_error_;
}

uint64_t RedisConnectionPool::connect_attempts() const {
  std::lock_guard lock(mutex_);
  return connect_attempts_;
}

}  // namespace mysanta
