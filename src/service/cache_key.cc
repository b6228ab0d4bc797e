#include "service/cache_key.h"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "core/cache.h"

namespace mysanta::service {
namespace {

namespace json = boost::json;

// Optional values become null so that every position in the key array has one meaning.
template <typename T>
json::value OrNull(const std::optional<T>& value) {
  if (!value) return nullptr;
  return json::value(*value);
}

json::value IdJson(const ExternalId& id) {
  if (const auto* number = std::get_if<int64_t>(&id)) return *number;
  return json::value(std::get<std::string>(id));
}

json::array FiltersKey(const Filters& filters) {
  std::vector<ExternalId> excluded = filters.exclude_ids;
  std::sort(excluded.begin(), excluded.end());
  excluded.erase(std::unique(excluded.begin(), excluded.end()), excluded.end());
  json::array ids;
  for (const ExternalId& id : excluded) ids.push_back(IdJson(id));
  return {OrNull(filters.price_from), OrNull(filters.price_to), OrNull(filters.category),
          OrNull(filters.platform), std::move(ids)};
}

}  // namespace

std::string PopularCacheKey(int64_t data_version, const PopularQuery& query, int max_results) {
  const Segment& segment = query.segment;
  // "any" gender puts no condition, exactly like an omitted one.
  json::value gender = nullptr;
  if (segment.gender && *segment.gender != Gender::kAny) gender = GenderName(*segment.gender);
  json::value age = nullptr;
  if (segment.age && !segment.age->is_any()) age = AgeRangeLabel(*segment.age);
  json::array key{
      gender,     age, OrNull(segment.category), OrNull(segment.geo_id), FiltersKey(query.filters),
      max_results};
  return CacheKeyPrefix(data_version) + "popular:" + json::serialize(key);
}

std::string PersonalizedCacheKey(int64_t data_version, const PersonalizedQuery& query,
                                 Algorithm tier, int max_results) {
  json::array key{IdJson(query.user_id), AlgorithmName(tier), OrNull(query.geo_id),
                  FiltersKey(query.filters), max_results};
  return CacheKeyPrefix(data_version) + "personalized:" + json::serialize(key);
}

std::string SimilarCacheKey(int64_t data_version, const SimilarQuery& query, int max_results) {
  json::value user = nullptr;
  if (query.user_id && !query.geo_id) user = IdJson(*query.user_id);
  json::array key{IdJson(query.present_id), OrNull(query.geo_id), user, FiltersKey(query.filters),
                  max_results};
  return CacheKeyPrefix(data_version) + "similar:" + json::serialize(key);
}

}  // namespace mysanta::service
