#include "recommend/interaction_matrix.h"

#include <gtest/gtest.h>

#include "test_data.h"

namespace mysanta {
namespace {

using testing::kDay;
using testing::kNow;
using testing::TestData;

TEST(InteractionMatrixTest, CountsDistinctPresentsAndSkipsAnonymousClicks) {
  TestData t;
  const Index a = t.AddPresent("books", 100);
  const Index b = t.AddPresent("books", 100);
  const Index u = t.AddUser();
  const Index v = t.AddUser();
  t.Like(u, a, 0);
  for (int k = 0; k < 5; ++k) t.Click(u, a, 0);  // clicks on a liked present add, capped
  t.Click(u, b, 180);                            // one half-life (180 days) old
  t.data().clicks.push_back({kNoIndex, b, kNow});
  InteractionOptions options;
  options.now = kNow;
  const InteractionMatrix m = InteractionMatrix::Build(t.data(), options);
  EXPECT_EQ(m.InteractionCount(u), 2);
  EXPECT_EQ(m.InteractionCount(v), 0);
  ASSERT_EQ(m.UserItems(u).size(), 2u);
  EXPECT_FLOAT_EQ(m.UserWeights(u)[0], 6.0f);  // like 3 + clicks min(5, 3)
  EXPECT_FLOAT_EQ(m.UserWeights(u)[1], 0.5f);
  EXPECT_TRUE(m.HasLiked(u, a));
  EXPECT_FALSE(m.HasLiked(u, b));
  ASSERT_EQ(m.ItemUsers(b).size(), 1u);  // the anonymous click is not a user's taste
  EXPECT_EQ(m.ItemUsers(b)[0], u);
  EXPECT_EQ(m.InteractionCount(999), 0);  // out of range is harmless
}

TEST(InteractionMatrixTest, FutureEventsCountFully) {
  EXPECT_DOUBLE_EQ(DecayFactor(kNow + kDay, kNow, 30), 1.0);
  EXPECT_DOUBLE_EQ(DecayFactor(kNow - 30 * kDay, kNow, 30), 0.5);
}

}  // namespace
}  // namespace mysanta
