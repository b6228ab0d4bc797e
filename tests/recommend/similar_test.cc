#include "recommend/similar.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "recommend/test_data.h"

namespace mysanta {
namespace {

using testing::PresentId;
using testing::TestData;
using testing::UserId;

// Present 0's fans also like 1 (all of them) and 2 (some); 3 shares no fan with 0; 4 is a
// regional present (geo 54) liked with 0; 5 is inactive, liked with 0.
class SimilarTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (double price : {100.0, 200.0, 300.0, 400.0}) data_.AddPresent("books", price);
    data_.AddPresent("books", 500, "ozon", Gender::kAny, {}, /*geo=*/54);
    data_.AddPresent("books", 600, "ozon", Gender::kAny, {}, kNoGeo, /*active=*/false);
    for (int u = 0; u < 6; ++u) {
      const Index user = data_.AddUser(Gender::kAny, -1, u == 0 ? 54 : kNoGeo);
      data_.Like(user, 0);
      data_.Like(user, 1);
      if (u < 3) data_.Like(user, 2);
      if (u < 2) data_.Like(user, 4);
      if (u < 2) data_.Like(user, 5);
    }
    const Index loner = data_.AddUser();
    data_.Like(loner, 3);
    snapshot_ = data_.Build();
  }

  static SimilarQuery Query(Index present, std::optional<int32_t> geo = std::nullopt,
                            std::optional<ExternalId> user = std::nullopt) {
    SimilarQuery query;
    query.present_id = PresentId(present);
    query.geo_id = geo;
    query.user_id = std::move(user);
    return query;
  }

  std::vector<Index> Similar(SimilarQuery query, int max_results = 100) {
    std::optional<RankedList> list = SimilarPresents(*snapshot_, query, max_results);
    EXPECT_TRUE(list.has_value());
    if (!list) return {};
    EXPECT_EQ(list->algorithm, Algorithm::kSimilar);
    return list->presents;
  }

  TestData data_;
  std::shared_ptr<const Snapshot> snapshot_;
};

TEST_F(SimilarTest, RanksThePresentsItsFansAlsoLikedNeverItself) {
  EXPECT_EQ(Similar(Query(0)), (std::vector<Index>{1, 2}));
}

TEST_F(SimilarTest, UnknownPresentIsNullopt) {
  EXPECT_FALSE(SimilarPresents(*snapshot_, Query(99999 - 100), 10).has_value());
}

TEST_F(SimilarTest, APresentNobodyElseLikedHasAnEmptyList) {
  EXPECT_TRUE(Similar(Query(3)).empty());
}

TEST_F(SimilarTest, RegionalPresentsOnlyForTheirRegionTheUsersByDefault) {
  EXPECT_EQ(Similar(Query(0, 54)), (std::vector<Index>{1, 2, 4}));
  // User 0 lives in 54: their region is the default.
  EXPECT_EQ(Similar(Query(0, std::nullopt, UserId(0))),
            (std::vector<Index>{1, 2, 4}));
  EXPECT_EQ(Similar(Query(0, std::nullopt, UserId(3))),
            (std::vector<Index>{1, 2}));
}

TEST_F(SimilarTest, FiltersExclusionsAndTheLimitHold) {
  SimilarQuery query = Query(0, 54);
  query.filters.price_from = 250;
  EXPECT_EQ(Similar(query), (std::vector<Index>{2, 4}));
  query.filters.exclude_ids = {PresentId(4)};
  EXPECT_EQ(Similar(query), (std::vector<Index>{2}));
  query.filters = {};
  query.filters.category = "no such category";
  EXPECT_TRUE(Similar(query).empty());
  EXPECT_EQ(Similar(Query(0, 54), 2), (std::vector<Index>{1, 2}));
}

}  // namespace
}  // namespace mysanta
