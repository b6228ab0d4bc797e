// The four background jobs of SPEC section 6 and their names: `popular_items`, `user_profiles`,
// `user_similarities`, `cache_cleanup` (as /stats, /metrics and job_runs name them), and the
// short names of `mysanta-rec refresh popular|profiles|similarities|cache`. Plain values.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace mysanta {

enum class JobKind { kPopularItems, kUserProfiles, kUserSimilarities, kCacheCleanup };

inline constexpr std::array<JobKind, 4> kAllJobs = {
    JobKind::kPopularItems, JobKind::kUserProfiles, JobKind::kUserSimilarities,
    JobKind::kCacheCleanup};

std::string_view JobName(JobKind job);  // "popular_items", ...
// "popular", "profiles", "similarities", "cache" (the refresh subcommand's words).
std::optional<JobKind> JobFromCommandWord(std::string_view word);

}  // namespace mysanta
