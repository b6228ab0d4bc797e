#include "api/recommendation_json.h"

#include <boost/json/array.hpp>

#include "core/plain_decimal.h"

namespace mysanta::api {

boost::json::value ExternalIdJson(const ExternalId& id) {
  if (const auto* number = std::get_if<int64_t>(&id)) return *number;
  return boost::json::value(std::get<std::string>(id));
}

boost::json::object PageInfoJson(const service::PageInfo& info) {
  return {{"page", info.page},
          {"limit", info.limit},
          {"total_pages", info.total_pages},
          {"total_count", info.total_count},
          {"has_next", info.has_next},
          {"has_previous", info.has_previous}};
}

boost::json::object RecommendationJson(const service::Recommendation& recommendation) {
  boost::json::array items;
  items.reserve(recommendation.items.size());
  for (const ExternalId& id : recommendation.items) items.push_back(ExternalIdJson(id));
  return {{"items", std::move(items)},
          {"pagination", PageInfoJson(recommendation.page)},
          {"computation_time_ms", RoundTo(recommendation.computation_time_ms, 3)},
          {"algorithm_used", AlgorithmName(recommendation.algorithm)},
          {"cache_hit", recommendation.cache_hit}};
}

}  // namespace mysanta::api
