// SqliteJobLock: a job lock on a SQLite recommendations database, for instances sharing the file.
// The lock is a lease (a job_locks row with a holder id and an expiry): taken in a BEGIN
// IMMEDIATE transaction when absent or expired, renewed by a background thread while held, and
// deleted on destruction. A holder that dies stops renewing, so its lease expires and another
// instance can take the job over.
//
// Thread-safe to destroy from the owning thread; the renewal thread is internal.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "store/job_lock.h"
#include "store/sqlite_connection.h"

namespace mysanta {

class SqliteJobLock : public JobLock {
 public:
  // Seconds a lease lasts without renewal; renewed every third of it.
  static constexpr int64_t kLeaseSeconds = 30;

  // Takes the lease of `job` on `connection` (its own, kept for the lock's lifetime); nullptr
  // when another holder's lease is still valid.
  static std::unique_ptr<SqliteJobLock> TryLock(std::unique_ptr<SqliteConnection> connection,
                                                std::string_view job);
  ~SqliteJobLock() override;
  const std::string& job() const override { return job_; }

 private:
  SqliteJobLock(std::unique_ptr<SqliteConnection> connection, std::string job,
                std::string holder);
  void RenewUntilStopped();

  std::unique_ptr<SqliteConnection> connection_;
  std::string job_;
  std::string holder_;
  std::mutex mutex_;
  std::condition_variable stop_requested_;
  bool stopping_ = false;
  std::thread renewer_;
};

}  // namespace mysanta
