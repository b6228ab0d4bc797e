// Canonical cache keys of ranked lists (SPEC section 6): the data version, the endpoint, and every
// input that changes the ranked list, normalized (exclude_ids sorted and deduplicated, gender and
// age in canonical form), and for a personalized list the user's tier as read at request time
// (so that a list of an earlier tier is a miss after the user's next like) — but not page or limit: the cache holds whole lists, so every page of a
// list shares its key. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "core/ids.h"
#include "recommend/query.h"

namespace mysanta::service {

std::string PopularCacheKey(int64_t data_version, const PopularQuery& query, int max_results);
std::string PersonalizedCacheKey(int64_t data_version, const PersonalizedQuery& query,
                                 Algorithm tier, int max_results);
// The user is part of the key only when geo_id is omitted (their region is then the default):
// their likes are removed at request time, so one list serves every user of a region.
std::string SimilarCacheKey(int64_t data_version, const SimilarQuery& query, int max_results);

}  // namespace mysanta::service
