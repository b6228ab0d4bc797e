// Train/test splits for the offline evaluation (SPEC section 9). A user's test set is part of
// their likes; their training data is everything else (minus their clicks on the test presents,
// which would give the answer away). Two kinds:
//   - recent: each user's most recent `holdout_fraction` of likes (at least one) is test: what a
//     deployed recommender faces;
//   - random: a seeded per-user random ratio split, `train_ratio` of each user's likes in train
//     (rounded; Microsoft Recommenders' python_stratified_split), as public benchmarks use;
//   - given: Breese et al.'s "Given N" protocol (1998) for new users: a seeded `given_users`
//     share of the users are test users, each keeping a seeded `given` of their likes in train
//     (the rest is test); every other user keeps their whole history in train. It measures the
//     tiers for users with few interactions (content-based at 1-2) on data whose users all have
//     many.
// Users with fewer than `min_likes` likes, or whose split leaves train or test empty, are not
// test users. Same data and options, same split. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "core/main_data.h"

namespace mysanta {

enum class SplitKind { kRecent, kRandom, kGiven };

struct SplitOptions {
  SplitKind kind = SplitKind::kRecent;  // Default: the most recent likes.
  double holdout_fraction = 0.2;  // Default 0.2: share of likes held out by kRecent.
  double train_ratio = 0.75;      // Default 0.75: share of likes kept in train by kRandom.
  int given = 2;                  // Default 2: likes each test user keeps in train (kGiven).
  double given_users = 0.2;       // Default 0.2: share of eligible users tested by kGiven.
  int min_likes = 2;              // Default 2: users with fewer likes are not test users.
  int max_users = 0;              // Default 0: every test user; else a seeded sample of them.
  uint64_t seed = 42;             // Default 42: for the random split and the user sample.
};

struct Split {
  MainData train;
  std::vector<Index> users;               // test users, ascending
  std::vector<std::vector<Index>> test;   // per test user: held-out presents, sorted, unique
};

Split SplitData(const MainData& data, const SplitOptions& options);

}  // namespace mysanta
