#include "service/recommendation_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "service/cache_key.h"
#include "service/ranked_list_codec.h"
#include "core/url.h"

namespace mysanta::service {
namespace {

using Clock = std::chrono::steady_clock;

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The requested page of the list cached under `key`, without `removed` (sorted); nullopt on a
// miss or an entry this build cannot read. Only the page's ids are decoded.
std::optional<Recommendation> CachedPage(Cache& cache, const std::string& key,
                                         const PageRequest& request,
                                         const std::vector<ExternalId>& removed,
                                         Clock::time_point start) {
  std::optional<std::string> text = cache.Get(key);
  if (!text) return std::nullopt;
  // Saturating: a huge page number is simply past the end.
  auto page_index = static_cast<uint64_t>(request.page - 1);
  size_t first = page_index > SIZE_MAX / static_cast<uint64_t>(request.limit)
                     ? SIZE_MAX
                     : static_cast<size_t>(page_index) * request.limit;
  std::optional<DecodedSlice> slice =
      DecodeRankedSlice(*text, first, static_cast<size_t>(request.limit), removed);
  if (!slice) return std::nullopt;
  Recommendation recommendation;
  recommendation.page = Paginate(slice->total_count, request);
  recommendation.items = std::move(slice->items);
  recommendation.algorithm = slice->algorithm;
  recommendation.cache_hit = true;
  recommendation.computation_time_ms = MillisecondsSince(start);
  return recommendation;
}

Recommendation PageOf(const RankedIds& list, const PageRequest& request, bool cache_hit,
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

// Removes `removed` (sorted) from the list, keeping its order.
void RemoveIds(std::vector<ExternalId>& items, const std::vector<ExternalId>& removed) {
  if (removed.empty()) return;
  std::erase_if(items, [&](const ExternalId& id) {
    return std::binary_search(removed.begin(), removed.end(), id);
  });
}

}  // namespace

RecommendationOptions RecommendationOptions::FromConfig(const Config& config) {
  return {config.max_results, std::chrono::seconds(config.cache_ttl_popular_seconds),
          std::chrono::seconds(config.cache_ttl_personalized_seconds)};
}

RecommendationService::RecommendationService(RecommendationEngine& engine, Cache& cache,
                                             RecommendationOptions options)
    : engine_(engine), cache_(cache), options_(options) {}

std::expected<Recommendation, NoDataYet> RecommendationService::Popular(const PopularRequest& request) {
  Clock::time_point start = Clock::now();
  std::optional<int64_t> version = engine_.data_version();
  if (!version) return std::unexpected(NoDataYet{});
  std::string key = PopularCacheKey(*version, request.query, options_.max_results);
  if (std::optional<Recommendation> cached = CachedPage(cache_, key, request.page, {}, start)) {
    return std::move(*cached);
  }
  RankedIds list = engine_.Popular(request.query, options_.max_results);
  cache_.Set(key, EncodeRankedList(list), options_.popular_ttl);
  return PageOf(list, request.page, false, start);
}

std::expected<Recommendation, NoDataYet> RecommendationService::Personalized(
    const PersonalizedRequest& request) {
  Clock::time_point start = Clock::now();
  std::optional<int64_t> version = engine_.data_version();
  if (!version) return std::unexpected(NoDataYet{});
  // Read at request time, cached list or not: a like made a second ago must already count.
  std::expected<UserActivity, std::string> activity = ReadActivityNow(request.query.user_id);
  if (!activity) {
    spdlog::warn("personalized: likes of user {} not read, answering without: {}",
                 ExternalIdToString(request.query.user_id), MaskPassword(activity.error()));
  }
  std::vector<ExternalId> liked;
  if (activity) {
    liked = std::move(activity->liked);
    std::sort(liked.begin(), liked.end());
    activity->liked = liked;  // the engine gets them too
  }
  const UserActivity* activity_now = activity ? &*activity : nullptr;
  // The tier is part of the key: a list computed before the user's latest like counted (another
  // tier) is never answered, however long its TTL.
  Algorithm tier = engine_.TierOf(request.query.user_id, activity_now);
  std::string key = PersonalizedCacheKey(*version, request.query, tier, options_.max_results);
  if (std::optional<Recommendation> cached = CachedPage(cache_, key, request.page, liked, start)) {
    return std::move(*cached);
  }
  RankedIds list = engine_.Personalized(request.query, activity_now, options_.max_results);
  cache_.Set(key, EncodeRankedList(list), options_.personalized_ttl);
  RemoveIds(list.items, liked);
  return PageOf(list, request.page, false, start);
}

std::expected<Recommendation, SimilarError> RecommendationService::Similar(
    const SimilarRequest& request) {
  Clock::time_point start = Clock::now();
  std::optional<int64_t> version = engine_.data_version();
  if (!version) return std::unexpected(NoDataYet{});
  // The user's likes as of now leave the list (cached or not), as in /personalized.
  std::vector<ExternalId> liked;
  if (request.query.user_id) {
    std::expected<UserActivity, std::string> activity = ReadActivityNow(*request.query.user_id);
    if (activity) {
      liked = std::move(activity->liked);
      std::sort(liked.begin(), liked.end());
    } else {
      spdlog::warn("similar: likes of user {} not read, answering without: {}",
                   ExternalIdToString(*request.query.user_id), MaskPassword(activity.error()));
    }
  }
  std::string key = SimilarCacheKey(*version, request.query, options_.max_results);
  if (std::optional<Recommendation> cached = CachedPage(cache_, key, request.page, liked, start)) {
    return std::move(*cached);
  }
  std::optional<RankedIds> list = engine_.Similar(request.query, options_.max_results);
  if (!list) {
    return std::unexpected(
        UnknownPresent{"unknown present: " + ExternalIdToString(request.query.present_id)});
  }
  cache_.Set(key, EncodeRankedList(*list), options_.popular_ttl);
  RemoveIds(list->items, liked);
  return PageOf(*list, request.page, false, start);
}

std::expected<std::vector<PresentView>, NoDataYet> RecommendationService::Presents(
    const std::vector<ExternalId>& ids) {
  if (!engine_.data_version()) return std::unexpected(NoDataYet{});
  return engine_.Presents(ids);
}

std::expected<UserActivity, std::string> RecommendationService::ReadActivityNow(
    const ExternalId& user) {
  // The likes filter needs the main database; when it is down the answer goes on without it
  // (SPEC rule 4: "whenever the main database is reachable"), so a throw is no 503 here.
  try {
    return engine_.ReadActivity(user);
  } catch (const std::exception& error) {
    return std::unexpected(std::string(error.what()));
  }
}

}  // namespace mysanta::service
