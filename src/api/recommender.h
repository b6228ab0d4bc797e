// Recommender: the recommendation flow of POST /popular, /personalized and /similar over a Backend and a
// Cache — canonical key, cache lookup, engine on a miss, request-time filtering of the user's
// likes (SPEC rule 4), paging (rules 5 and 8), and a truthful cache_hit (rule 7). The handlers
// are thin adapters over it; tests and benchmarks call it directly.
//
// Thread safety: safe for concurrent use when the Backend and Cache are (both must be).
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <expected>
#include <vector>

#include "api/backend.h"
#include "api/error.h"
#include "api/paging.h"
#include "api/request_parser.h"
#include "core/cache.h"
#include "core/config.h"

namespace mysanta::api {

struct RecommenderOptions {
  int max_results = 1000;                       // MAX_RESULTS
  std::chrono::seconds popular_ttl{900};        // CACHE_TTL_POPULAR
  std::chrono::seconds personalized_ttl{7200};  // CACHE_TTL_PERSONALIZED
  // /similar's lists are no user's own: they live as long as /popular's.

  static RecommenderOptions FromConfig(const Config& config);
};

// One answered page.
struct Recommendation {
  std::vector<ExternalId> items;  // this page's ids
  PageInfo page;
  Algorithm algorithm = Algorithm::kPopular;
  bool cache_hit = false;
  double computation_time_ms = 0;
};

class Recommender {
 public:
  Recommender(Backend& backend, Cache& cache, RecommenderOptions options);

  // 503 unavailable while the service has no data yet.
  std::expected<Recommendation, ApiError> Popular(const PopularRequest& request);
  std::expected<Recommendation, ApiError> Personalized(const PersonalizedRequest& request);
  // 404 not_found for an unknown present. With user_id, the user's likes as read now are removed.
  std::expected<Recommendation, ApiError> Similar(const SimilarRequest& request);

 private:
  std::expected<UserActivity, std::string> ReadActivityNow(const ExternalId& user);

  Backend& backend_;
  Cache& cache_;
  RecommenderOptions options_;
};

// The response body of SPEC section 5: ids as JSON numbers (integer ids) or strings (text ids).
boost::json::object RecommendationJson(const Recommendation& recommendation);

boost::json::value ExternalIdJson(const ExternalId& id);

}  // namespace mysanta::api
