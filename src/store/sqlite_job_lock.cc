#include "store/sqlite_job_lock.h"
#include "core/demographics.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <random>

#include <fmt/format.h>

namespace mysanta {
namespace {

// Unique per lock object, across processes and hosts sharing the file.
std::string NewHolderId() {
  static std::atomic<uint64_t> counter{0};
  std::random_device random;
  return fmt::format("{}-{:08x}{:08x}-{}", getpid(), random(), random(), ++counter);
}

}  // namespace

std::unique_ptr<SqliteJobLock> SqliteJobLock::TryLock(
    std::unique_ptr<SqliteConnection> connection, std::string_view job) {
  std::string holder = NewHolderId();
  {
    SqliteTransaction transaction(*connection, "BEGIN IMMEDIATE");
    SqliteStatement current =
        connection->Prepare("SELECT expires_at FROM job_locks WHERE job = ?1");
    current.Bind(1, job);
    if (current.Step() && current.Int64(0) > NowSeconds()) return nullptr;
    SqliteStatement take = connection->Prepare(
        "INSERT INTO job_locks (job, holder, expires_at) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, "
        "expires_at = excluded.expires_at");
    take.Bind(1, job);
    take.Bind(2, std::string_view(holder));
    take.Bind(3, NowSeconds() + kLeaseSeconds);
    take.Run();
    transaction.Commit();
  }
  return std::unique_ptr<SqliteJobLock>(
      new SqliteJobLock(std::move(connection), std::string(job), std::move(holder)));
}

SqliteJobLock::SqliteJobLock(std::unique_ptr<SqliteConnection> connection, std::string job,
                             std::string holder)
    : connection_(std::move(connection)), job_(std::move(job)), holder_(std::move(holder)) {
  renewer_ = std::thread([this] { RenewUntilStopped(); });
}

void SqliteJobLock::RenewUntilStopped() {
  std::unique_lock lock(mutex_);
  while (!stop_requested_.wait_for(lock, std::chrono::seconds(kLeaseSeconds / 3),
                                   [this] { return stopping_; })) {
    try {
      SqliteStatement renew = connection_->Prepare(
          "UPDATE job_locks SET expires_at = ?1 WHERE job = ?2 AND holder = ?3");
      renew.Bind(1, NowSeconds() + kLeaseSeconds);
      renew.Bind(2, std::string_view(job_));
      renew.Bind(3, std::string_view(holder_));
      renew.Run();
    } catch (const StoreError&) {
      // Busy or unavailable: try again next period; the lease outlasts two failed renewals.
    }
  }
}

SqliteJobLock::~SqliteJobLock() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_requested_.notify_all();
  renewer_.join();
  try {
    SqliteStatement release =
        connection_->Prepare("DELETE FROM job_locks WHERE job = ?1 AND holder = ?2");
    release.Bind(1, std::string_view(job_));
    release.Bind(2, std::string_view(holder_));
    release.Run();
  } catch (const StoreError&) {
    // The lease expires on its own.
  }
}

}  // namespace mysanta
