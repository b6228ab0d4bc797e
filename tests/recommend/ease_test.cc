#include "recommend/ease.h"

#include <gtest/gtest.h>

#include "test_data.h"

namespace mysanta {
namespace {

using testing::kNow;
using testing::TestData;

TEST(EaseTest, CoInteractedPresentScoresHighest) {
  TestData t;
  const Index a = t.AddPresent("books", 100);
  const Index b = t.AddPresent("books", 100);
  const Index c = t.AddPresent("toys", 100);
  const Index d = t.AddPresent("toys", 100);
  const Index rare = t.AddPresent("misc", 100);
  for (int k = 0; k < 10; ++k) {
    const Index u = t.AddUser();
    t.Like(u, a);
    t.Like(u, b);
  }
  for (int k = 0; k < 10; ++k) {
    const Index u = t.AddUser();
    t.Like(u, c);
    t.Like(u, d);
  }
  t.Like(t.AddUser(), rare);
  InteractionOptions interaction_options;
  interaction_options.now = kNow;
  const InteractionMatrix matrix = InteractionMatrix::Build(t.data(), interaction_options);
  EaseOptions options;
  options.items = 4;  // the rare present is left out of the model
  options.lambda = 1;
  const EaseModel model = EaseModel::Fit(matrix, options);
  EXPECT_EQ(model.size(), 4u);
  const std::vector<Index> history = {a};
  const auto scores = model.Score(history);
  ASSERT_FALSE(scores.empty());
  const auto best = std::max_element(scores.begin(), scores.end(), [](const auto& x, const auto& y) {
    return x.score < y.score;
  });
  EXPECT_EQ(best->index, b);
  for (const ScoredIndex& entry : scores) {
    EXPECT_NE(entry.index, a);     // not the user's own
    EXPECT_NE(entry.index, rare);  // not in the model
  }
}

}  // namespace
}  // namespace mysanta
