// Builds the serving Snapshot from the databases: the main database's data (catalogue and
// interactions) and the recommendations database's three tables, as of one data version.
//
// SnapshotSource keeps the current snapshot and replaces it when the data version changes — after
// a job here, or on another instance sharing the recommendations database (it polls the version).
// Readers take a std::shared_ptr to the current snapshot and keep it for their request: a rebuild
// never blocks or disturbs them (the userver caching-component model).
//
// Thread safety: Current() is wait-free-ish and safe from any thread; RefreshIfStale() and the
// polling thread serialize rebuilds on an internal mutex.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "recommend/snapshot.h"
#include "store/main_database.h"
#include "store/recommendations_database.h"

namespace mysanta {

struct LoadedSnapshot {
  std::shared_ptr<const Snapshot> snapshot;
  int64_t data_version = 0;
  int64_t built_at = 0;  // seconds since the epoch
  double build_ms = 0;
};

// Reads everything and builds. `options.now` is set to the wall clock. Throws on store failures.
std::shared_ptr<const LoadedSnapshot> LoadSnapshot(MainDatabase& main,
                                                   RecommendationsDatabase& recommendations,
                                                   SnapshotOptions options);

class SnapshotSource {
 public:
  // `poll_interval`: how often the data version is checked. Default 10 s: SPEC section 10 wants
  // other instances to pick new data up within a minute.
  SnapshotSource(MainDatabase& main, RecommendationsDatabase& recommendations,
                 SnapshotOptions options,
                 std::chrono::milliseconds poll_interval = std::chrono::seconds(10));
  ~SnapshotSource();
  SnapshotSource(const SnapshotSource&) = delete;
  SnapshotSource& operator=(const SnapshotSource&) = delete;

  // Null until the first build succeeded.
  std::shared_ptr<const LoadedSnapshot> Current() const { return current_.load(); }

  // Rebuilds when the recommendations database's version differs from the current snapshot's (or
  // there is none and the database has data). Returns true when a new snapshot was published.
  // Throws on store failures (the current snapshot stays).
  bool RefreshIfStale();

  // Starts / stops the polling thread (RefreshIfStale every poll_interval; failures are logged).
  void StartPolling();
  void StopPolling();
  // Wakes the polling thread now (after a local job completed).
  void Nudge();

  // The last failed refresh's error; nullopt after a success.
  std::optional<std::string> last_error() const;

 private:
  void PollLoop();

  MainDatabase& main_;
  RecommendationsDatabase& recommendations_;
  SnapshotOptions options_;
  std::chrono::milliseconds poll_interval_;
  std::atomic<std::shared_ptr<const LoadedSnapshot>> current_;
  std::mutex rebuild_mutex_;
  mutable std::mutex error_mutex_;
  std::optional<std::string> last_error_;

  std::mutex poll_mutex_;
  std::condition_variable poll_wake_;
  bool stopping_ = false;
  bool nudged_ = false;
  std::thread poller_;
};

}  // namespace mysanta
