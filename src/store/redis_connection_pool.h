// RedisConnectionPool: a few RedisConnections shared by the request threads, with back-off.
//
// Each connection is leased to one thread at a time. When a connection fails (or cannot be
// opened) the pool is "down": it drops its idle connections (they share the dead server), and
// opens a new connection at most once per reconnect_interval, so a dead Redis costs requests
// nothing but a quick "unavailable" answer; once a connection opens again, the pool is "up".
//
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <expected>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/url.h"
#include "store/redis_connection.h"

namespace mysanta {

struct RedisPoolOptions {
  // Connections at most; default 4 (about one per I/O thread).
  int size = 4;
  // TCP connect timeout; default 100 ms.
  std::chrono::milliseconds connect_timeout{100};
  // Timeout of one command's send and reply; default 100 ms.
  std::chrono::milliseconds command_timeout{100};
  // While down, the least time between two connection attempts; default 1 s.
  std::chrono::milliseconds reconnect_interval{1000};
  // How long a caller waits for a free connection before going without; default 50 ms.
  std::chrono::milliseconds acquire_timeout{50};
};

class RedisConnectionPool {
 public:
  // A leased connection; returns it to the pool when destroyed. Call Fail() after a connection
  // error so that it is dropped instead, and the pool goes down.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();

    RedisConnection* operator->() const { return connection_.get(); }
    RedisConnection& operator*() const { return *connection_; }
    void Fail(const std::string& error);

   private:
    friend class RedisConnectionPool;
    Lease(RedisConnectionPool* pool, std::unique_ptr<RedisConnection> connection,
          uint64_t generation)
        : pool_(pool), connection_(std::move(connection)), generation_(generation) {}

    RedisConnectionPool* pool_;
    std::unique_ptr<RedisConnection> connection_;
    uint64_t generation_;
  };

  struct AcquireError {
    std::string text;
    bool busy = false;  // Every connection was leased: the pool itself may be healthy.
  };

  RedisConnectionPool(CacheUrl url, RedisPoolOptions options);
  ~RedisConnectionPool();

  // A connection, or why none is available now. Never waits longer than acquire_timeout plus
  // (when it opens a connection) connect_timeout and two command timeouts (AUTH, SELECT).
  std::expected<Lease, AcquireError> Acquire();

  // False from a failure until a connection opens again.
  bool up() const;
  // The last failure's text; empty while up.
  std::string last_error() const;
  // Connections tried to open so far (to observe the back-off).
  uint64_t connect_attempts() const;

 private:
  void Release(std::unique_ptr<RedisConnection> connection, uint64_t generation, bool failed,
               const std::string& error);
  void MarkDownLocked(const std::string& error, std::vector<std::unique_ptr<RedisConnection>>&
                                                    to_close);

  const CacheUrl url_;
  const RedisPoolOptions options_;

  mutable std::mutex mutex_;
  std::condition_variable released_;
  std::vector<std::unique_ptr<RedisConnection>> idle_;
  int open_ = 0;             // Idle + leased + being opened.
  uint64_t generation_ = 0;  // Bumped when the pool goes down: older connections are dropped.
  // Optimistic at start: the first request connects. Written under mutex_; read lock-free by up().
  std::atomic<bool> up_ = true;
  std::string last_error_;
  std::chrono::steady_clock::time_point next_attempt_{};
  uint64_t connect_attempts_ = 0;
};

}  // namespace mysanta
