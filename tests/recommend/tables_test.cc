#include "recommend/tables.h"

#include <gtest/gtest.h>

#include "support/synthetic_data.h"

namespace mysanta {
namespace {

TEST(TablesTest, JobFunctionsMatchTheSnapshotInputs) {
  const auto data = std::make_shared<const MainData>(MakeSyntheticData({}));
  SnapshotOptions options;
  options.now = SyntheticDataOptions{}.now;
  options.max_similar_users = 5;
  const SnapshotInputs inputs = ComputeSnapshotInputs(data, options);
  EXPECT_EQ(ComputePopularityRows(*data, options), inputs.popularity);
  EXPECT_EQ(ComputeSimilarityRows(*data, options), inputs.similarities);
  const auto profiles = ComputeProfileRows(*data, options);
  ASSERT_EQ(profiles.size(), inputs.profiles.size());
  for (size_t k = 0; k < profiles.size(); ++k) {
    EXPECT_EQ(profiles[k].user, inputs.profiles[k].user);
    EXPECT_EQ(profiles[k].preferred_categories, inputs.profiles[k].preferred_categories);
  }
  size_t max_neighbours = 0;
  for (size_t k = 0, run = 0; k < inputs.similarities.size(); ++k) {
    run = k > 0 && inputs.similarities[k].user == inputs.similarities[k - 1].user ? run + 1 : 1;
    max_neighbours = std::max(max_neighbours, run);
  }
  EXPECT_EQ(max_neighbours, 5u);
}

}  // namespace
}  // namespace mysanta
