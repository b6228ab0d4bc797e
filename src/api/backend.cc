#include "api/backend.h"

namespace mysanta::api {

std::string_view JobNameText(JobName job) {
  switch (job) {
    case JobName::kPopularItems:
      return "popular_items";
    case JobName::kUserProfiles:
      return "user_profiles";
    case JobName::kUserSimilarities:
      return "user_similarities";
    case JobName::kCacheCleanup:
      return "cache_cleanup";
    case JobName::kAll:
      return "all";
  }
  return "all";
}

std::string_view JobStatusText(JobStatus status) {
  switch (status) {
    case JobStatus::kCompleted:
      return "completed";
    case JobStatus::kFailed:
      return "failed";
    case JobStatus::kBusy:
      return "busy";
  }
  return "failed";
}

}  // namespace mysanta::api
