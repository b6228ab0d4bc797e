// RecommendationService: the use cases of POST /popular, /personalized and /similar (and GET
// /presents, the attributes behind a list) over the engine and a
// Cache — canonical key, cache lookup, engine on a miss, request-time filtering of the user's
// likes (SPEC rule 4), a cached list only while it is still the user's tier (SPEC section 6),
// paging (rules 5 and 8), and a truthful cache_hit (rule 7). The api's handlers are thin adapters
// over it; tests and benchmarks call it directly.
//
// Thread safety: safe for concurrent use when the engine and the Cache are (both must be).
#pragma once

#include <chrono>
#include <expected>
#include <string>
#include <variant>
#include <vector>

#include "core/cache.h"
#include "core/config.h"
#include "service/engine.h"
#include "service/paging.h"
#include "service/requests.h"

namespace mysanta::service {

struct RecommendationOptions {
  int max_results = 1000;                       // MAX_RESULTS
  std::chrono::seconds popular_ttl{900};        // CACHE_TTL_POPULAR
  std::chrono::seconds personalized_ttl{7200};  // CACHE_TTL_PERSONALIZED

  static RecommendationOptions FromConfig(const Config& config);
};

// One answered page.
struct Recommendation {
  std::vector<ExternalId> items;  // this page's ids
  PageInfo page;
  Algorithm algorithm = Algorithm::kPopular;
  bool cache_hit = false;
  double computation_time_ms = 0;
};

// The service has no data to answer from yet (-> 503 unavailable).
struct NoDataYet {
  std::string message = "the service is computing its first recommendation data";
};

// The present a /similar request names is not in the served data (-> 404 not_found).
struct UnknownPresent {
  std::string message;
};
using SimilarError = std::variant<NoDataYet, UnknownPresent>;

class RecommendationService {
 public:
  RecommendationService(RecommendationEngine& engine, Cache& cache,
                        RecommendationOptions options);

  std::expected<Recommendation, NoDataYet> Popular(const PopularRequest& request);
  std::expected<Recommendation, NoDataYet> Personalized(const PersonalizedRequest& request);
  // "People who liked this also liked" (POST /similar); with user_id, that user's likes as read
  // now are removed. The list is cached for popular_ttl: it is no user's own.
  std::expected<Recommendation, SimilarError> Similar(const SimilarRequest& request);
  // GET /presents: the presents among `ids` the served data knows, in the order of `ids`.
  std::expected<std::vector<PresentView>, NoDataYet> Presents(const std::vector<ExternalId>& ids);

 private:
  std::expected<UserActivity, std::string> ReadActivityNow(const ExternalId& user);

  RecommendationEngine& engine_;
  Cache& cache_;
  RecommendationOptions options_;
};

}  // namespace mysanta::service
