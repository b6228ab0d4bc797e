#include "recommend/popularity.h"

#include <gtest/gtest.h>

#include "support/synthetic_data.h"
#include "test_data.h"

namespace mysanta {
namespace {

using testing::kDay;
using testing::kNow;
using testing::TestData;

TEST(PopularityTest, LikesWeighThreeClicksAndDecay) {
  TestData t;
  const Index a = t.AddPresent("books", 100);
  const Index b = t.AddPresent("books", 100);
  const Index u = t.AddUser();
  t.Like(u, a, 0);
  for (int k = 0; k < 2; ++k) t.Click(u, b, 0);
  t.data().clicks.push_back({kNoIndex, b, kNow - 60 * kDay});  // anonymous, one half-life old
  PopularityOptions options;
  options.now = kNow;
  // The default is a plain weighted count: the old click counts fully.
  EXPECT_FLOAT_EQ(ComputePopularity(t.data(), options).Overall(b), 3.0f);
  options.half_life_days = 60;
  const PopularityModel model = ComputePopularity(t.data(), options);
  EXPECT_FLOAT_EQ(model.Overall(a), 3.0f);
  EXPECT_FLOAT_EQ(model.Overall(b), 2.5f);
}

TEST(PopularityTest, SegmentsCountOnlyTheirUsers) {
  TestData t;
  const Index a = t.AddPresent("beauty", 100);
  const Index b = t.AddPresent("tools", 100);
  const Index woman = t.AddUser(Gender::kFemale, 30);
  const Index man = t.AddUser(Gender::kMale, 40);
  const Index unknown = t.AddUser(Gender::kAny, -1, kNoGeo, false);
  t.Like(woman, a, 0);
  t.Like(man, b, 0);
  t.Like(unknown, b, 0);
  PopularityOptions options;
  options.now = kNow;
  const PopularityModel model = ComputePopularity(t.data(), options);
  const int f = PopularityModel::GenderSlot(Gender::kFemale);
  const int group_25_34 = PopularityModel::AgeSlot(AgeGroupOfLabel("25-34"));
  EXPECT_FLOAT_EQ(model.Scores(f, group_25_34)[a], 3.0f);
  EXPECT_FLOAT_EQ(model.Scores(f, group_25_34)[b], 0.0f);
  EXPECT_FLOAT_EQ(model.Scores(f, 0)[b], 0.0f);
  EXPECT_FLOAT_EQ(model.Scores(0, 0)[b], 6.0f);
}

TEST(PopularityTest, RowsRoundTrip) {
  const MainData data = MakeSyntheticData({});
  PopularityOptions options;
  options.now = kNow;
  const PopularityModel model = ComputePopularity(data, options);
  const auto rows = PopularityToRows(model);
  ASSERT_FALSE(rows.empty());
  for (const PopularityRow& row : rows) {
    EXPECT_FALSE(row.geo_id.has_value());
    EXPECT_FALSE(row.category.has_value());
    EXPECT_GT(row.score, 0);
  }
  const PopularityModel back = PopularityFromRows(rows, data.presents.size());
  EXPECT_EQ(PopularityToRows(back), rows);
  for (int g = 0; g < PopularityModel::kGenderSlots; ++g) {
    for (int a = 0; a < PopularityModel::kAgeSlots; ++a) {
      const auto x = model.Scores(g, a);
      const auto y = back.Scores(g, a);
      EXPECT_TRUE(std::equal(x.begin(), x.end(), y.begin(), y.end()));
    }
  }
}

TEST(PopularityTest, FromRowsIgnoresForeignRows) {
  std::vector<PopularityRow> rows(3);
  rows[0] = {213, std::nullopt, std::nullopt, std::nullopt, 0, 5.0};   // region segment
  rows[1] = {std::nullopt, "x", std::nullopt, std::nullopt, 0, 5.0};   // unknown gender
  rows[2] = {std::nullopt, std::nullopt, std::nullopt, std::nullopt, 7, 5.0};  // out of range
  const PopularityModel model = PopularityFromRows(rows, 2);
  EXPECT_EQ(model.Overall(0), 0.0f);
  EXPECT_EQ(model.Overall(1), 0.0f);
}

}  // namespace
}  // namespace mysanta
