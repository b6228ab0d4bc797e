// SimilarPresents: "people who liked this also liked" for a present's page (POST /similar): the
// present's item-item neighbours that the snapshot already holds (cosine over the users who
// interacted with both, item_similarity.h), best first, kept when eligible for the request (SPEC
// section 5, rules 1-3 and exclude_ids), never the present itself. The user's likes are not
// removed here: the caller removes them as read at request time, so that one computed list serves
// every user (and the cache holds it once).
//
// A pure function of an immutable snapshot: thread-safe.
#pragma once

#include <optional>

#include "recommend/query.h"
#include "recommend/snapshot.h"

namespace mysanta {

// nullopt when query.present_id is no present of the snapshot's data (-> 404). The list is at
// most max_results long (and at most ItemSimilarityOptions::neighbours).
std::optional<RankedList> SimilarPresents(const Snapshot& snapshot, const SimilarQuery& query,
                                          int max_results);

// The request's region: geo_id when given, else the user's own region when the data knows it,
// else none (regional presents are then left out).
std::optional<int32_t> SimilarRegion(const MainData& data, const SimilarQuery& query);

}  // namespace mysanta
