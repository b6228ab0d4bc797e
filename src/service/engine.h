// RecommendationEngine: what the recommendation use cases need from the running engine and the
// main database, as plain values — the serving snapshot's ranked lists in external ids, the data
// version being served, and a user's likes and clicks read at request time. SnapshotEngine
// (service/snapshot_engine.h) implements it over the jobs' SnapshotSource and the main database;
// tests implement it over handcrafted data.
//
// Thread safety: implementations must be safe to call concurrently from many threads.
// Failure: infrastructure failures (a database down) may throw any std::exception; the api
// catches them once and answers 503 `unavailable`.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/main_data.h"
#include "recommend/query.h"

namespace mysanta::service {

// A ranked list in external ids, as the engine computed it (best first, at most max_results).
struct RankedIds {
  std::vector<ExternalId> items;
  Algorithm algorithm = Algorithm::kPopular;
};

// What GET /presents shows of one present (SPEC section 11).
struct PresentView {
  ExternalId id;
  std::string title;
  double price = 0;
  std::string category;
  std::string platform;
  std::string gender;     // "f", "m", "any"
  std::string age_group;  // "25-34", "45+", "any"
  std::optional<int32_t> geo_id;  // nullopt: available everywhere
  bool is_active = true;
};

class RecommendationEngine {
 public:
  virtual ~RecommendationEngine() = default;

  // The version of the data being served; nullopt while there is none yet (recommendation
  // endpoints answer 503, /health says "starting" or "unhealthy").
  virtual std::optional<int64_t> data_version() const = 0;

  // The ranked lists (SPEC rules 1-6), at most `max_results` long.
  virtual RankedIds Popular(const PopularQuery& query, int max_results) = 0;
  // `activity_now`: the user's interactions as read at request time; nullptr when the read failed.
  virtual RankedIds Personalized(const PersonalizedQuery& query, const UserActivity* activity_now,
                                 int max_results) = 0;
  // The algorithm Personalized would use for `user` with `activity_now` (SPEC section 1's tiers):
  // a cached list answers only while it is still the user's tier (SPEC section 6).
  virtual Algorithm TierOf(const ExternalId& user, const UserActivity* activity_now) = 0;
  // "People who liked this also liked" (SPEC section 5, POST /similar), at most `max_results`
  // long, the user's likes not removed (the caller removes them as read at request time).
  // nullopt when query.present_id is no present of the served data (-> 404).
  virtual std::optional<RankedIds> Similar(const SimilarQuery& query, int max_results) = 0;
  // The presents among `ids` that the served data knows, in the order of `ids`.
  virtual std::vector<PresentView> Presents(const std::vector<ExternalId>& ids) = 0;

  // Reads the user's likes and clicks from the main database now (SPEC rule 4). An unknown user
  // has empty activity. The error is a text when the main database cannot be read.
  virtual std::expected<UserActivity, std::string> ReadActivity(const ExternalId& user) = 0;
};

}  // namespace mysanta::service
