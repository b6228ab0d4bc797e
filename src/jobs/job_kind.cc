#include "jobs/job_kind.h"

namespace mysanta {

std::string_view JobName(JobKind job) {
  switch (job) {
    case JobKind::kPopularItems: return "popular_items";
    case JobKind::kUserProfiles: return "user_profiles";
    case JobKind::kUserSimilarities: return "user_similarities";
    case JobKind::kCacheCleanup: return "cache_cleanup";
  }
  return "unknown";
}

std::optional<JobKind> JobFromCommandWord(std::string_view word) {
  if (word == "popular") return JobKind::kPopularItems;
  if (word == "profiles") return JobKind::kUserProfiles;
  if (word == "similarities") return JobKind::kUserSimilarities;
  if (word == "cache") return JobKind::kCacheCleanup;
  return std::nullopt;
}

}  // namespace mysanta
