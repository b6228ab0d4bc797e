// Test doubles for the api and http tests: a Backend and RecommendationEngine over a small
// handcrafted catalogue whose
// behaviour tests can steer (no data yet, failures, slow jobs, busy jobs), and an in-process
// Cache. Both are thread-safe, as the real ones must be.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "api/backend.h"
#include "service/engine.h"
#include "core/cache.h"

namespace mysanta::testing {

// A cache like MemoryCache, without eviction: enough for tests of the api's caching logic.
class TestCache : public Cache {
 public:
  std::string_view backend() const override { return "memory"; }
  bool HitsAreLocal() const override { return true; }

  std::optional<std::string> Get(std::string_view key) override {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(std::string(key));
    if (it == entries_.end()) {
      ++stats_.misses;
      return std::nullopt;
    }
    ++stats_.hits;
    return it->second;
  }

  void Set(std::string_view key, std::string_view value, std::chrono::seconds) override {
    std::lock_guard lock(mutex_);
    entries_[std::string(key)] = std::string(value);
  }

  uint64_t RemoveOtherVersions(int64_t current_version) override {
    std::lock_guard lock(mutex_);
    std::string prefix = CacheKeyPrefix(current_version);
    return std::erase_if(entries_,
                         [&](const auto& entry) { return !entry.first.starts_with(prefix); });
  }

  CacheStats Stats() override {
    std::lock_guard lock(mutex_);
    CacheStats stats = stats_;
    stats.keys = entries_.size();
    return stats;
  }

  std::string Check() override { return down ? "connection refused" : ""; }

  std::map<std::string, std::string> Entries() {
    std::lock_guard lock(mutex_);
    return entries_;
  }

  std::atomic<bool> down{false};

 private:
  std::mutex mutex_;
  std::map<std::string, std::string> entries_;
  CacheStats stats_;
};

struct FakePresent {
  int64_t id;
  double price;
  std::string category;
};

// Presents 1..n (default 30): price 100 * id, category "books" for odd ids, "toys" for even ones.
// The popular list is every matching present by id; a personalized list is the presents by
// descending id without those liked when it was computed.
class FakeBackend : public api::Backend, public service::RecommendationEngine {
 public:
  explicit FakeBackend(int64_t present_count = 30) {
    for (int64_t id = 1; id <= present_count; ++id) {
      presents_.push_back({id, 100.0 * static_cast<double>(id), id % 2 == 1 ? "books" : "toys"});
    }
  }

  IdKind user_id_kind() const override { return IdKind::kInteger; }
  IdKind present_id_kind() const override { return IdKind::kInteger; }

  std::optional<int64_t> data_version() const override {
    int64_t value = version.load();
    if (value < 0) return std::nullopt;
    return value;
  }
  std::optional<double> data_age_seconds() const override {
    if (version.load() < 0) return std::nullopt;
    return 12.5;
  }

  service::RankedIds Popular(const PopularQuery& query, int max_results) override {
    MaybeThrow();
    ++popular_calls;
    service::RankedIds answer;
    answer.algorithm = Algorithm::kPopular;
    for (const FakePresent& present : presents_) {
      if (Matches(present, query.filters)) answer.items.emplace_back(present.id);
      if (static_cast<int>(answer.items.size()) == max_results) break;
    }
    return answer;
  }

  service::RankedIds Personalized(const PersonalizedQuery& query, const UserActivity* activity,
                                 int max_results) override {
    MaybeThrow();
    ++personalized_calls;
    service::RankedIds answer;
    answer.algorithm = TierOf(query.user_id, activity);
    for (auto it = presents_.rbegin(); it != presents_.rend(); ++it) {
      ExternalId id(it->id);
      bool liked = activity != nullptr && std::find(activity->liked.begin(), activity->liked.end(),
                                                    id) != activity->liked.end();
      if (!liked && Matches(*it, query.filters)) answer.items.push_back(id);
      if (static_cast<int>(answer.items.size()) == max_results) break;
    }
    return answer;
  }

  Algorithm TierOf(const ExternalId&, const UserActivity* activity) override {
    size_t interactions = activity != nullptr ? activity->liked.size() : 0;
    return interactions == 0   ? Algorithm::kPopular
           : interactions <= 2 ? Algorithm::kContentBased
                               : Algorithm::kCollaborative;
  }

  // The presents of the same category as present_id, by id, without it.
  std::optional<service::RankedIds> Similar(const SimilarQuery& query, int max_results) override {
    MaybeThrow();
    ++similar_calls;
    const FakePresent* given = Find(query.present_id);
    if (given == nullptr) return std::nullopt;
    service::RankedIds answer;
    answer.algorithm = Algorithm::kSimilar;
    for (const FakePresent& present : presents_) {
      if (present.id == given->id || present.category != given->category) continue;
      if (Matches(present, query.filters)) answer.items.emplace_back(present.id);
      if (static_cast<int>(answer.items.size()) == max_results) break;
    }
    return answer;
  }

  std::vector<service::PresentView> Presents(const std::vector<ExternalId>& ids) override {
    MaybeThrow();
    std::vector<service::PresentView> answers;
    for (const ExternalId& id : ids) {
      if (const FakePresent* present = Find(id)) {
        answers.push_back({.id = id, .title = "present " + std::to_string(present->id),
                           .price = present->price, .category = present->category,
                           .platform = "ozon", .gender = "any", .age_group = "any"});
      }
    }
    return answers;
  }

  std::expected<UserActivity, std::string> ReadActivity(const ExternalId& user) override {
    MaybeThrow();
    if (main_database_down) return std::unexpected("connection refused");
    std::lock_guard lock(mutex_);
    UserActivity activity;
    if (auto it = likes_.find(user); it != likes_.end()) activity.liked = it->second;
    return activity;
  }

  std::optional<api::ProfileAnswer> Profile(const ExternalId& user) override {
    MaybeThrow();
    std::lock_guard lock(mutex_);
    auto it = likes_.find(user);
    if (it == likes_.end()) return std::nullopt;
    api::ProfileAnswer profile;
    profile.user_id = user;
    profile.interaction_count = static_cast<int64_t>(it->second.size());
    profile.algorithm = Algorithm::kContentBased;
    profile.preferred_categories = {"books"};
    profile.avg_price = profile_avg_price;
    profile.similar_users = 3;
    profile.updated_at = "2026-11-26T10:00:00Z";
    return profile;
  }

  api::HealthChecks Health() override {
    MaybeThrow();
    api::HealthChecks checks;
    if (main_database_down) checks.main_database = "connection refused";
    checks.starting = starting.load();
    return checks;
  }

  boost::json::object Stats() override {
    MaybeThrow();
    return {{"main_database", boost::json::object{{"presents", 30}, {"users", 2}}},
            {"recommendations_database", boost::json::object{{"data_version", version.load()}}}};
  }

  api::JobAnswer RunJob(api::JobName job) override {
    MaybeThrow();
    if (job_running.exchange(true)) {
      return {job, api::JobStatus::kBusy, 0, 0, "already running", {}};
    }
    ++job_runs;
    std::this_thread::sleep_for(std::chrono::milliseconds(job_sleep_ms.load()));
    api::JobAnswer answer{job, api::JobStatus::kCompleted, 1.5, 10, std::nullopt, {}};
    if (job == api::JobName::kAll) {
      answer.rows = 40;
      for (api::JobName part : {api::JobName::kPopularItems, api::JobName::kUserProfiles,
                                api::JobName::kUserSimilarities, api::JobName::kCacheCleanup}) {
        answer.jobs.push_back({part, api::JobStatus::kCompleted, 0.5, 10, std::nullopt, {}});
      }
    }
    job_running = false;
    return answer;
  }

  void SetLikes(const ExternalId& user, std::vector<ExternalId> liked) {
    std::lock_guard lock(mutex_);
    likes_[user] = std::move(liked);
  }

  std::atomic<int64_t> version{1};  // < 0: no data yet
  std::atomic<bool> starting{false};
  std::atomic<bool> fail{false};  // every call throws, as when a database is down
  std::atomic<bool> main_database_down{false};
  std::atomic<bool> job_running{false};
  std::atomic<int> job_sleep_ms{0};
  std::atomic<int> popular_calls{0};
  std::atomic<int> personalized_calls{0};
  std::atomic<int> similar_calls{0};
  std::atomic<int> job_runs{0};
  double profile_avg_price = 250.0;  // set before the calls

 private:
  const FakePresent* Find(const ExternalId& id) const {
    for (const FakePresent& present : presents_) {
      if (ExternalId(present.id) == id) return &present;
    }
    return nullptr;
  }

  static bool Matches(const FakePresent& present, const Filters& filters) {
    if (filters.price_from && present.price < *filters.price_from) return false;
    if (filters.price_to && present.price > *filters.price_to) return false;
    if (filters.category && present.category != *filters.category) return false;
    return std::find(filters.exclude_ids.begin(), filters.exclude_ids.end(),
                     ExternalId(present.id)) == filters.exclude_ids.end();
  }

  void MaybeThrow() const {
    if (fail) throw std::runtime_error("database connection lost");
  }

  std::vector<FakePresent> presents_;
  std::mutex mutex_;
  std::map<ExternalId, std::vector<ExternalId>> likes_;
};

}  // namespace mysanta::testing
