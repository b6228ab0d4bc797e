// The content-based tier (SPEC section 1, users with 1-2 interactions): presents of the user's
// preferred categories and platforms near their price, the segment's favourites first, and,
// weighed in by `co_liked_weight`, the presents co-liked with the user's (SPEC section 1 allows
// it where the offline evaluation on real data shows it ranks better: README, quality; the
// snapshot chooses their source, see ContentCoLiked in snapshot.h).
//
// Candidates are the most popular admissible presents of each preferred category (then its
// newest unpopular ones), of the overall ranking (so platform and price can pull in others), and
// the co-liked ones; each is scored popularity^0.75 x category affinity x price closeness x
// platform lift, and that score (scaled to a maximum of 1) is mixed with the co-liked one
// (scaled to a maximum of 1).
// A pure function over the snapshot's parts; thread-safe (uses the list's thread scratch).
#pragma once

#include <span>

#include "core/main_data.h"
#include "recommend/eligibility.h"
#include "recommend/list_builder.h"
#include "recommend/popular_ranking.h"
#include "recommend/user_history.h"
#include "recommend/user_profile.h"

namespace mysanta {

// Popularity is damped so that taste, not a best-seller of another category, leads: the
// exponent PopularRanking's Damped() scores are built with.
inline constexpr double kContentPopularityExponent = 0.75;

struct ContentBasedInputs {
  const UserProfile& profile;
  const UserHistory& user;
  int slot = 0;  // the user's popularity slot (PopularRanking::SlotOf)
  const MainData& data;
  std::span<const PresentAttributes> presents;
  const PopularRanking& ranking;
  std::span<const ScoredIndex> co_liked;  // presents co-liked with the user's, any order
  double co_liked_weight = 0;             // 0: content only; 1: co-liked only
};

// Adds the user's content-based presents to `list`, best first.
void AddContentBased(const ContentBasedInputs& inputs, ListBuilder& list);

}  // namespace mysanta
