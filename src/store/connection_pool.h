// ConnectionPool: keeps idle database connections for reuse, so that per-request reads do not
// pay for connecting (and keep their prepared statements). A connection is created when none is
// idle; a lease returns it on destruction, unless the lease ends by an exception (the connection
// may be broken or mid-transaction: it is dropped instead).
//
// Thread-safe.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace mysanta {

template <typename Connection>
class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;

  // `max_idle`: idle connections kept; more are closed when returned.
  ConnectionPool(Factory factory, size_t max_idle)
      : factory_(std::move(factory)), max_idle_(max_idle) {}

  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool),
          connection_(std::move(connection)),
          exceptions_at_start_(std::uncaught_exceptions()) {}
    ~Lease() {
      if (connection_ && std::uncaught_exceptions() == exceptions_at_start_) {
        pool_->Return(std::move(connection_));
      }
    }
    Lease(Lease&& other) noexcept = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }
    // Drops the connection instead of returning it (e.g. after an error that was handled).
    void Discard() { connection_.reset(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
    int exceptions_at_start_;
  };

  // Closes every idle connection (e.g. after the server restarted, which broke them all).
  void Clear() {
    std::vector<std::unique_ptr<Connection>> idle;
    {
      std::lock_guard lock(mutex_);
      idle.swap(idle_);
    }
  }

  // Throws what the factory throws when a new connection cannot be made.
  Lease Acquire() {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        std::unique_ptr<Connection> connection = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(connection));
      }
    }
    return Lease(this, factory_());
  }

 private:
  void Return(std::unique_ptr<Connection> connection) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < max_idle_) idle_.push_back(std::move(connection));
  }

  Factory factory_;
  size_t max_idle_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace mysanta
