#include "recommend/user_profile.h"

#include <cmath>

#include <gtest/gtest.h>

#include "support/synthetic_data.h"
#include "test_data.h"

namespace mysanta {
namespace {

using testing::kNow;
using testing::TestData;

TEST(UserProfileTest, WeightsAreNormalizedAndLikesCountMore) {
  TestData t;
  const Index book = t.AddPresent("books", 1000, "ozon");
  const Index gadget = t.AddPresent("electronics", 4000, "wildberries");
  const Index u = t.AddUser();
  t.Like(u, book, 0);
  t.Click(u, gadget, 0);
  InteractionOptions options;
  options.now = kNow;
  const InteractionMatrix matrix = InteractionMatrix::Build(t.data(), options);
  const auto profiles = ComputeUserProfiles(t.data(), matrix);
  ASSERT_EQ(profiles.size(), 1u);
  const UserProfile& p = profiles[0];
  EXPECT_EQ(p.interaction_count, 2);
  ASSERT_EQ(p.categories.size(), 2u);
  EXPECT_EQ(t.data().categories.At(p.categories[0].first), "books");
  EXPECT_FLOAT_EQ(p.categories[0].second, 0.75f);
  EXPECT_FLOAT_EQ(p.categories[0].second + p.categories[1].second, 1.0f);
  EXPECT_NEAR(p.avg_price, (3 * 1000 + 4000) / 4.0, 1e-6);
  EXPECT_NEAR(p.log_price_mean, (3 * std::log(1000.0) + std::log(4000.0)) / 4, 1e-6);
}

TEST(UserProfileTest, RowsRoundTrip) {
  const MainData data = MakeSyntheticData({});
  InteractionOptions options;
  options.now = kNow;
  const InteractionMatrix matrix = InteractionMatrix::Build(data, options);
  const auto profiles = ComputeUserProfiles(data, matrix);
  ASSERT_GT(profiles.size(), 100u);
  const auto rows = ProfilesToRows(profiles, data);
  const auto back = ProfilesFromRows(rows, data);
  ASSERT_EQ(back.size(), profiles.size());
  for (size_t k = 0; k < profiles.size(); ++k) {
    EXPECT_EQ(back[k].user, profiles[k].user);
    EXPECT_EQ(back[k].categories, profiles[k].categories);
    EXPECT_EQ(back[k].platforms, profiles[k].platforms);
    EXPECT_EQ(back[k].avg_price, profiles[k].avg_price);
    EXPECT_EQ(back[k].log_price_mean, profiles[k].log_price_mean);
    EXPECT_EQ(back[k].interaction_count, profiles[k].interaction_count);
    double total = 0;
    for (const auto& [c, w] : back[k].categories) total += w;
    EXPECT_NEAR(total, 1.0, 1e-5);
  }
}

TEST(UserProfileTest, RowsWithoutPriceStatisticsUseAvgPrice) {
  TestData t;
  t.AddPresent("books", 100);
  t.AddUser();
  ProfileRow row;
  row.user = 0;
  row.preferred_categories = {{"books", 1.0}, {"no-such-category", 0.5}};
  row.avg_price = 500;
  row.interaction_count = 1;
  const auto profiles = ProfilesFromRows(std::vector{row}, t.data());
  ASSERT_EQ(profiles.size(), 1u);
  EXPECT_EQ(profiles[0].categories.size(), 1u);
  EXPECT_NEAR(profiles[0].log_price_mean, std::log(500.0), 1e-9);
  EXPECT_EQ(profiles[0].log_price_std, kDefaultLogPriceStd);
}

}  // namespace
}  // namespace mysanta
