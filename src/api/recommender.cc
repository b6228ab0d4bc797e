#include "api/recommender.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "api/cache_key.h"
#include "api/ranked_list_codec.h"
#include "core/url.h"

namespace mysanta::api {
namespace {

using Clock = std::chrono::steady_clock;

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

ApiError NoDataYet() {
  return ApiError::Unavailable("the service is computing its first recommendation data");
}

// The cached list under `key`, or nullopt (a miss, or an entry this build cannot read).
std::optional<EngineAnswer> CachedList(Cache& cache, const std::string& key) {
  std::optional<std::string> text = cache.Get(key);
  if (!text) return std::nullopt;
  return DecodeRankedList(*text);
}

Recommendation PageOf(const EngineAnswer& list, const PageRequest& request, bool cache_hit,
                      Clock::time_point start) {
  Recommendation recommendation;
  recommendation.page = Paginate(list.items.size(), request);
  recommendation.items.assign(list.items.begin() + recommendation.page.begin,
                              list.items.begin() + recommendation.page.end);
  recommendation.algorithm = list.algorithm;
  recommendation.cache_hit = cache_hit;
  recommendation.computation_time_ms = MillisecondsSince(start);
  return recommendation;
}

// Removes the ids the user likes now from the list (SPEC rule 4), keeping its order.
void RemoveLiked(std::vector<ExternalId>& items, std::vector<ExternalId> liked) {
  if (liked.empty()) return;
  std::sort(liked.begin(), liked.end());
  std::erase_if(items, [&](const ExternalId& id) {
    return std::binary_search(liked.begin(), liked.end(), id);
  });
}

}  // namespace

RecommenderOptions RecommenderOptions::FromConfig(const Config& config) {
  return {config.max_results, std::chrono::seconds(config.cache_ttl_popular_seconds),
          std::chrono::seconds(config.cache_ttl_personalized_seconds)};
}

Recommender::Recommender(Backend& backend, Cache& cache, RecommenderOptions options)
    : backend_(backend), cache_(cache), options_(options) {}

std::expected<Recommendation, ApiError> Recommender::Popular(const PopularRequest& request) {
  Clock::time_point start = Clock::now();
  std::optional<int64_t> version = backend_.data_version();
  if (!version) return std::unexpected(NoDataYet());
  std::string key = PopularCacheKey(*version, request.query, options_.max_results);
  if (std::optional<EngineAnswer> cached = CachedList(cache_, key)) {
    return PageOf(*cached, request.page, true, start);
  }
  EngineAnswer list = backend_.Popular(request.query, options_.max_results);
  cache_.Set(key, EncodeRankedList(list), options_.popular_ttl);
  return PageOf(list, request.page, false, start);
}

std::expected<Recommendation, ApiError> Recommender::Personalized(
    const PersonalizedRequest& request) {
  Clock::time_point start = Clock::now();
  std::optional<int64_t> version = backend_.data_version();
  if (!version) return std::unexpected(NoDataYet());
  // Read at request time, cached list or not: a like made a second ago must already count.
  std::expected<UserActivity, std::string> activity = ReadActivityNow(request.query.user_id);
  if (!activity) {
    spdlog::warn("personalized: likes of user {} not read, answering without: {}",
                 ExternalIdToString(request.query.user_id), MaskPassword(activity.error()));
  }
  std::string key = PersonalizedCacheKey(*version, request.query, options_.max_results);
  bool cache_hit = false;
  EngineAnswer list;
  if (std::optional<EngineAnswer> cached = CachedList(cache_, key)) {
    list = std::move(*cached);
    cache_hit = true;
  } else {
    list = backend_.Personalized(request.query, activity ? &*activity : nullptr,
                                 options_.max_results);
    cache_.Set(key, EncodeRankedList(list), options_.personalized_ttl);
  }
  if (activity) RemoveLiked(list.items, std::move(activity->liked));
  return PageOf(list, request.page, cache_hit, start);
}

std::expected<UserActivity, std::string> Recommender::ReadActivityNow(const ExternalId& user) {
  // The likes filter needs the main database; when it is down the answer goes on without it
  // (SPEC rule 4: "whenever the main database is reachable"), so a throw is no 503 here.
  try {
    return backend_.ReadActivity(user);
  } catch (const std::exception& error) {
    return std::unexpected(std::string(error.what()));
  }
}

boost::json::value ExternalIdJson(const ExternalId& id) {
  if (const auto* number = std::get_if<int64_t>(&id)) return *number;
  return boost::json::value(std::get<std::string>(id));
}

boost::json::object RecommendationJson(const Recommendation& recommendation) {
  boost::json::array items;
  items.reserve(recommendation.items.size());
  for (const ExternalId& id : recommendation.items) items.push_back(ExternalIdJson(id));
  return {{"items", std::move(items)},
          {"pagination", PageInfoJson(recommendation.page)},
          {"computation_time_ms", recommendation.computation_time_ms},
          {"algorithm_used", AlgorithmName(recommendation.algorithm)},
          {"cache_hit", recommendation.cache_hit}};
}

}  // namespace mysanta::api
