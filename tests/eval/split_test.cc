#include "eval/split.h"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "eval/tiny_data.h"

namespace mysanta {
namespace {

// Users 0..9 with 8 likes each (presents u..u+7, like k at time 100 * k), user 10 with one like,
// and clicks of user 0 on every present.
MainData EightLikesEach() {
  MainData data = testing::TinyData(11, 20);
  for (Index u = 0; u < 10; ++u) {
    for (int k = 0; k < 8; ++k) data.likes.push_back({u, static_cast<Index>(u + k), 100 * k});
  }
  data.likes.push_back({10, 0, 5});
  for (Index p = 0; p < 20; ++p) data.clicks.push_back({0, p, 1});
  return data;
}

TEST(SplitTest, RandomRatioSplitKeepsTheRatioPerUserAndIsSeeded) {
  const MainData data = EightLikesEach();
  SplitOptions options;
  options.kind = SplitKind::kRandom;
  options.train_ratio = 0.75;
  options.seed = 42;
  const Split split = SplitData(data, options);
  ASSERT_EQ(split.users.size(), 10u);  // user 10 has one like: nothing to test
  for (size_t e = 0; e < split.users.size(); ++e) {
    EXPECT_EQ(split.test[e].size(), 2u);  // 8 - round(0.75 * 8)
    EXPECT_TRUE(std::is_sorted(split.test[e].begin(), split.test[e].end()));
  }
  EXPECT_EQ(split.train.likes.size(), 10u * 6 + 1);
  // User 0's clicks on their test presents left train too.
  EXPECT_EQ(split.train.clicks.size(), 20u - 2);
  const Split again = SplitData(data, options);
  EXPECT_EQ(again.test, split.test);
  options.seed = 43;
  EXPECT_NE(SplitData(data, options).test, split.test);
}

TEST(SplitTest, RecentSplitHoldsOutTheLatestLikes) {
  const MainData data = EightLikesEach();
  SplitOptions options;
  options.kind = SplitKind::kRecent;
  options.holdout_fraction = 0.25;
  const Split split = SplitData(data, options);
  ASSERT_EQ(split.users.size(), 10u);
  for (size_t e = 0; e < split.users.size(); ++e) {
    const Index u = split.users[e];
    EXPECT_EQ(split.test[e], (std::vector<Index>{u + 6, u + 7}));
  }
  for (const Interaction& like : split.train.likes) EXPECT_LT(like.created_at, 600);
}

TEST(SplitTest, GivenSplitTestsAShareOfUsersWithNLikesEachInTrain) {
  const MainData data = EightLikesEach();
  SplitOptions options;
  options.kind = SplitKind::kGiven;
  options.given = 2;
  options.given_users = 0.3;
  const Split split = SplitData(data, options);
  ASSERT_EQ(split.users.size(), 3u);  // round(0.3 * 10 users with more than 2 likes)
  std::set<Index> tested(split.users.begin(), split.users.end());
  for (size_t e = 0; e < split.users.size(); ++e) EXPECT_EQ(split.test[e].size(), 6u);
  std::vector<int> train_likes(11, 0);
  for (const Interaction& like : split.train.likes) ++train_likes[like.user];
  for (Index u = 0; u < 10; ++u) EXPECT_EQ(train_likes[u], tested.contains(u) ? 2 : 8) << u;
  EXPECT_EQ(SplitData(data, options).test, split.test);
  options.seed = 7;
  EXPECT_NE(SplitData(data, options).users, split.users);
}

TEST(SplitTest, MaxUsersSamplesDeterministically) {
  const MainData data = EightLikesEach();
  SplitOptions options;
  options.max_users = 4;
  const Split split = SplitData(data, options);
  EXPECT_EQ(split.users.size(), 4u);
  EXPECT_EQ(SplitData(data, options).users, split.users);
  // Users not sampled keep every like in train.
  EXPECT_EQ(split.train.likes.size(), data.likes.size() - 4 * 2);
}

}  // namespace
}  // namespace mysanta
