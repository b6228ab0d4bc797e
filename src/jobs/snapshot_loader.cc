#include "jobs/snapshot_loader.h"
#include "core/demographics.h"

#include <malloc.h>

#include <spdlog/spdlog.h>

#include "jobs/row_conversion.h"

namespace mysanta {
std::shared_ptr<const LoadedSnapshot> LoadSnapshot(MainDatabase& main,
                                                   RecommendationsDatabase& recommendations,
                                                   SnapshotOptions options) {
  const auto start = std::chrono::steady_clock::now();
  auto loaded = std::make_shared<LoadedSnapshot>();
  // The version is read first: if a job lands while we read, the snapshot is at least as new as
  // its version says, and the next poll rebuilds it.
  loaded->data_version = recommendations.DataVersion();
  auto data = std::make_shared<const MainData>(main.LoadAll());
  SnapshotInputs inputs;
  inputs.popularity = FromStoreRows(recommendations.LoadPopularItems(), *data);
  inputs.profiles = FromStoreRows(recommendations.LoadUserProfiles(), *data);
  inputs.similarities = FromStoreRows(recommendations.LoadUserSimilarities(), *data);
  inputs.data = std::move(data);
  options.now = NowSeconds();
  inputs.options = options;
  loaded->snapshot = Snapshot::Build(std::move(inputs));
  loaded->built_at = options.now;
  loaded->build_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return loaded;
}

SnapshotSource::SnapshotSource(MainDatabase& main, RecommendationsDatabase& recommendations,
                               SnapshotOptions options, std::chrono::milliseconds poll_interval)
    : main_(main),
      recommendations_(recommendations),
      options_(std::move(options)),
      poll_interval_(poll_interval) {}

SnapshotSource::~SnapshotSource() { StopPolling(); }

bool SnapshotSource::RefreshIfStale() {
  std::lock_guard lock(rebuild_mutex_);
  const int64_t version = recommendations_.DataVersion();
  const auto current = current_.load();
  if (current ? current->data_version == version : version == 0) return false;
  auto loaded = LoadSnapshot(main_, recommendations_, options_);
  spdlog::info("snapshot: data version {} built in {:.0f} ms ({} presents, {} users)",
               loaded->data_version, loaded->build_ms, loaded->snapshot->data().presents.size(),
               loaded->snapshot->data().users.size());
  current_.store(std::move(loaded));
  // Building allocates several hundred MB of transient rows; give them back to the system so the
  // resident size reflects the snapshot, not the peak of its construction.
  malloc_trim(0);
  std::lock_guard error_lock(error_mutex_);
  last_error_.reset();
  return true;
}

std::optional<std::string> SnapshotSource::last_error() const {
  std::lock_guard lock(error_mutex_);
  return last_error_;
}

void SnapshotSource::StartPolling() {
  std::lock_guard lock(poll_mutex_);
  stopping_ = false;
  if (!poller_.joinable()) poller_ = std::thread([this] { PollLoop(); });
}

void SnapshotSource::StopPolling() {
  {
    std::lock_guard lock(poll_mutex_);
    stopping_ = true;
  }
  poll_wake_.notify_all();
  if (poller_.joinable()) poller_.join();
}

void SnapshotSource::Nudge() {
  {
    std::lock_guard lock(poll_mutex_);
    nudged_ = true;
  }
  poll_wake_.notify_all();
}

void SnapshotSource::PollLoop() {
  std::unique_lock lock(poll_mutex_);
  while (!stopping_) {
    poll_wake_.wait_for(lock, poll_interval_, [this] { return stopping_ || nudged_; });
    if (stopping_) break;
    nudged_ = false;
    lock.unlock();
    try {
      RefreshIfStale();
    } catch (const std::exception& error) {
      spdlog::warn("snapshot: refresh failed, keeping the current one: {}", error.what());
      std::lock_guard error_lock(error_mutex_);
      last_error_ = error.what();
    }
    lock.lock();
  }
}

}  // namespace mysanta
