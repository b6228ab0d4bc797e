// The rows of the recommendations database (SPEC section 4) as the jobs write them and the
// serving snapshot reads them back, plus the record of one job run. Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/demographics.h"
#include "core/ids.h"

namespace mysanta {

// One present's popularity in one segment. An unset segment attribute means "any".
struct PopularItemRow {
  std::optional<int32_t> geo_id;
  std::optional<Gender> gender;
  std::optional<std::string> age_group;  // an age group label such as "25-34"
  std::optional<std::string> category;
  ExternalId item_id;
  double popularity_score = 0;

  bool operator==(const PopularItemRow&) const = default;
};

// Name -> weight, e.g. {"books", 0.6}. Loaded back sorted by weight, highest first, then name.
using WeightedNames = std::vector<std::pair<std::string, double>>;

struct UserProfileRow {
  ExternalId user_id;
  WeightedNames preferred_categories;  // stored as a JSON object
  WeightedNames preferred_platforms;   // stored as a JSON object
  double avg_price = 0;
  double price_min = 0;
  double price_max = 0;
  // Mean and standard deviation of log(price) over the user's presents, weighted (what
  // content-based ranking compares prices by); a std of 0 means unknown.
  double log_price_mean = 0;
  double log_price_std = 0;
  int interaction_count = 0;
  // Seconds since the epoch. Set by ReplaceUserProfiles (its value in the input is ignored).
  int64_t updated_at = 0;
};

struct UserSimilarityRow {
  ExternalId user_id;
  ExternalId similar_user_id;
  double score = 0;

  bool operator==(const UserSimilarityRow&) const = default;
};

// One run of a background job, for /stats.
// The status of a run in progress (or of one whose process died before it finished).
inline constexpr std::string_view kRunningJobStatus = "running";

struct JobRun {
  std::string job;         // "popular_items", "user_profiles", "user_similarities", ...
  int64_t started_at = 0;  // seconds since the epoch
  double duration_ms = 0;
  std::string status;  // "completed", "failed", "running" or "abandoned" (its process died)
  int64_t rows = 0;
  std::optional<std::string> error;

  bool operator==(const JobRun&) const = default;
};

struct RecommendationTableCounts {
  int64_t popular_items = 0;
  int64_t user_profiles = 0;
  int64_t user_similarities = 0;
};

}  // namespace mysanta
