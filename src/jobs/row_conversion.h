// Converts between the recommend layer's rows (dense indices) and the recommendations database's
// rows (the main database's ids). Writing maps indices to ids through the MainData the rows were
// computed from; reading maps ids back through the MainData of the snapshot being built, skipping
// rows whose users or presents that data does not know (deleted since the job ran).
// Pure functions; thread-safe.
#pragma once

#include <vector>

#include "core/main_data.h"
#include "recommend/popularity.h"
#include "recommend/user_profile.h"
#include "recommend/user_similarity.h"
#include "store/recommendation_rows.h"

namespace mysanta {

std::vector<PopularItemRow> ToStoreRows(const std::vector<PopularityRow>& rows,
                                        const MainData& data);
// The price range columns come from each user's liked and clicked presents in `data`.
std::vector<UserProfileRow> ToStoreRows(const std::vector<ProfileRow>& rows,
                                        const MainData& data);
std::vector<UserSimilarityRow> ToStoreRows(const std::vector<SimilarityRow>& rows,
                                           const MainData& data);

std::vector<PopularityRow> FromStoreRows(const std::vector<PopularItemRow>& rows,
                                         const MainData& data);
std::vector<ProfileRow> FromStoreRows(const std::vector<UserProfileRow>& rows,
                                      const MainData& data);
std::vector<SimilarityRow> FromStoreRows(const std::vector<UserSimilarityRow>& rows,
                                         const MainData& data);

}  // namespace mysanta
