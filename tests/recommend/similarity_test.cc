#include "recommend/user_similarity.h"

#include <gtest/gtest.h>

#include "recommend/item_similarity.h"
#include "support/synthetic_data.h"
#include "test_data.h"

namespace mysanta {
namespace {

using testing::kNow;
using testing::TestData;

InteractionMatrix MatrixOf(const MainData& data) {
  InteractionOptions options;
  options.now = kNow;
  return InteractionMatrix::Build(data, options);
}

TEST(UserSimilarityTest, TwinIsTheNearestNeighbour) {
  TestData t;
  std::vector<Index> items;
  for (int k = 0; k < 10; ++k) items.push_back(t.AddPresent("books", 100));
  const Index me = t.AddUser();
  const Index twin = t.AddUser();
  const Index partial = t.AddUser();
  const Index stranger = t.AddUser();
  const Index fan = t.AddUser();  // likes only the best-seller everyone likes
  for (int k = 0; k < 4; ++k) {
    t.Like(me, items[k]);
    t.Like(twin, items[k]);
  }
  t.Like(partial, items[0]);
  t.Like(partial, items[5]);
  t.Like(partial, items[6]);
  for (int k = 6; k < 10; ++k) t.Like(stranger, items[k]);
  t.Like(fan, items[0]);
  t.Like(fan, items[9]);
  const InteractionMatrix matrix = MatrixOf(t.data());
  const auto rows = ComputeUserSimilarities(matrix, {});
  std::vector<SimilarityRow> mine;
  for (const SimilarityRow& row : rows) {
    if (row.user == me) mine.push_back(row);
  }
  ASSERT_GE(mine.size(), 2u);
  EXPECT_EQ(mine[0].similar_user, twin);
  for (const SimilarityRow& row : mine) {
    EXPECT_NE(row.similar_user, stranger);
    EXPECT_NE(row.similar_user, me);
    EXPECT_LE(row.score, mine[0].score);
  }
  // Users with fewer than 3 interactions get no neighbours.
  for (const SimilarityRow& row : rows) EXPECT_NE(row.user, fan);
}

TEST(UserSimilarityTest, SameRowsForAnyThreadCount) {
  SyntheticDataOptions data_options;
  data_options.users = 3000;
  data_options.likes = 30000;
  const MainData data = MakeSyntheticData(data_options);
  const InteractionMatrix matrix = MatrixOf(data);
  SimilarityOptions options;
  options.max_posting = 32;  // force sampling of long posting lists
  options.threads = 1;
  const auto one = ComputeUserSimilarities(matrix, options);
  options.threads = 2;
  const auto two = ComputeUserSimilarities(matrix, options);
  options.threads = 5;
  const auto five = ComputeUserSimilarities(matrix, options);
  ASSERT_GT(one.size(), 1000u);
  EXPECT_EQ(one, two);
  EXPECT_EQ(one, five);
  for (size_t k = 1; k < one.size(); ++k) {
    if (one[k].user == one[k - 1].user) {
      EXPECT_GE(one[k - 1].score, one[k].score);
    }
  }
}

TEST(UserSimilarityTest, KeepsAtMostMaxSimilarUsersAndRoundTrips) {
  const MainData data = MakeSyntheticData({});
  const InteractionMatrix matrix = MatrixOf(data);
  SimilarityOptions options;
  options.max_similar_users = 7;
  const auto rows = ComputeUserSimilarities(matrix, options);
  const SimilarityTable table = SimilarityTable::FromRows(rows, data.users.size());
  EXPECT_EQ(table.row_count(), rows.size());
  size_t k = 0;
  for (Index u = 0; u < data.users.size(); ++u) {
    const auto neighbours = table.Of(u);
    EXPECT_LE(neighbours.size(), 7u);
    if (matrix.InteractionCount(u) < 3) {
      EXPECT_TRUE(neighbours.empty());
    }
    for (const ScoredIndex& n : neighbours) {
      ASSERT_LT(k, rows.size());
      EXPECT_EQ(rows[k].user, u);
      EXPECT_EQ(rows[k].similar_user, n.index);
      EXPECT_FLOAT_EQ(static_cast<float>(rows[k].score), n.score);
      ++k;
    }
  }
  EXPECT_EQ(k, rows.size());
}

TEST(ItemSimilarityTest, CoLikedPresentsAreNeighboursAndThreadCountDoesNotMatter) {
  TestData t;
  const Index a = t.AddPresent("books", 100);
  const Index b = t.AddPresent("books", 100);
  const Index c = t.AddPresent("toys", 100);
  for (int k = 0; k < 5; ++k) {
    const Index u = t.AddUser();
    t.Like(u, a);
    t.Like(u, b);
  }
  const Index other = t.AddUser();
  t.Like(other, a);
  t.Like(other, c);
  const InteractionMatrix matrix = MatrixOf(t.data());
  const ItemNeighbours neighbours = ItemNeighbours::Compute(matrix, {});
  ASSERT_EQ(neighbours.Of(a).size(), 2u);
  EXPECT_EQ(neighbours.Of(a)[0].index, b);
  EXPECT_EQ(neighbours.Of(a)[1].index, c);
  EXPECT_TRUE(neighbours.Of(b).size() == 1 && neighbours.Of(b)[0].index == a);

  const MainData data = MakeSyntheticData({});
  const InteractionMatrix big = MatrixOf(data);
  ItemSimilarityOptions options;
  options.max_posting = 16;
  options.threads = 1;
  const ItemNeighbours one = ItemNeighbours::Compute(big, options);
  options.threads = 3;
  const ItemNeighbours three = ItemNeighbours::Compute(big, options);
  for (Index i = 0; i < data.presents.size(); ++i) {
    const auto x = one.Of(i);
    const auto y = three.Of(i);
    EXPECT_TRUE(std::equal(x.begin(), x.end(), y.begin(), y.end()));
  }
}

}  // namespace
}  // namespace mysanta
