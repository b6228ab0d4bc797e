// The three precomputed tables of SPEC section 4 (popular_items, user_profiles,
// user_similarities), computed from MainData the way the background jobs do, with the options a
// Snapshot is built with, so that what the jobs write and what the snapshot assumes agree.
// Pure functions of their arguments; thread-safe.
#pragma once

#include <memory>
#include <vector>

#include "core/main_data.h"
#include "recommend/popularity.h"
#include "recommend/snapshot.h"
#include "recommend/user_profile.h"
#include "recommend/user_similarity.h"

namespace mysanta {

// popular_items (the popular_items job).
std::vector<PopularityRow> ComputePopularityRows(const MainData& data,
                                                 const SnapshotOptions& options);
// user_profiles (the user_profiles job).
std::vector<ProfileRow> ComputeProfileRows(const MainData& data,
                                               const SnapshotOptions& options);
// user_similarities (the user_similarities job): options.max_similar_users neighbours per user
// with 3+ interactions, on options.threads threads.
std::vector<SimilarityRow> ComputeSimilarityRows(const MainData& data,
                                                 const SnapshotOptions& options);

// All three at once, as SnapshotInputs (for tests, benchmarks and the offline evaluation).
SnapshotInputs ComputeSnapshotInputs(std::shared_ptr<const MainData> data,
                                     const SnapshotOptions& options);

}  // namespace mysanta
