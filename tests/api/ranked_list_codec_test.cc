#include "api/ranked_list_codec.h"

#include <gtest/gtest.h>

#include "api/cache_key.h"
#include "core/cache.h"

namespace mysanta::api {
namespace {

TEST(RankedListCodecTest, RoundTripsIntegerAndTextIds) {
  EngineAnswer integers{{int64_t{5}, int64_t{9000000000}, int64_t{1}}, Algorithm::kCollaborative};
  auto decoded = DecodeRankedList(EncodeRankedList(integers));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->items, integers.items);
  EXPECT_EQ(decoded->algorithm, Algorithm::kCollaborative);

  EngineAnswer texts{{std::string("a:b"), std::string("12"), std::string("x\ny,z")},
                     Algorithm::kContentBased};
  decoded = DecodeRankedList(EncodeRankedList(texts));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->items, texts.items);
  EXPECT_EQ(decoded->algorithm, Algorithm::kContentBased);

  decoded = DecodeRankedList(EncodeRankedList({}));
  ASSERT_TRUE(decoded);
  EXPECT_TRUE(decoded->items.empty());
}

TEST(RankedListCodecTest, RejectsForeignText) {
  EXPECT_FALSE(DecodeRankedList(""));
  EXPECT_FALSE(DecodeRankedList("garbage"));
  EXPECT_FALSE(DecodeRankedList("popular\ni\n1,x"));
  EXPECT_FALSE(DecodeRankedList("popular\nt\n5:ab"));
  EXPECT_FALSE(DecodeRankedList("magic\ni\n1"));
}

TEST(CacheKeyTest, NormalizesAndSeparates) {
  PopularQuery a;
  a.filters.exclude_ids = {int64_t{3}, int64_t{1}, int64_t{3}};
  PopularQuery b;
  b.filters.exclude_ids = {int64_t{1}, int64_t{3}};
  EXPECT_EQ(PopularCacheKey(1, a, 1000), PopularCacheKey(1, b, 1000));
  EXPECT_NE(PopularCacheKey(1, a, 1000), PopularCacheKey(2, a, 1000));  // data version
  EXPECT_TRUE(PopularCacheKey(7, a, 1000).starts_with(CacheKeyPrefix(7)));

  PopularQuery any_gender;
  any_gender.segment.gender = Gender::kAny;
  EXPECT_EQ(PopularCacheKey(1, any_gender, 1000), PopularCacheKey(1, PopularQuery{}, 1000));
  PopularQuery female;
  female.segment.gender = Gender::kFemale;
  EXPECT_NE(PopularCacheKey(1, female, 1000), PopularCacheKey(1, PopularQuery{}, 1000));
  PopularQuery priced;
  priced.filters.price_from = 10;
  PopularQuery priced_to;
  priced_to.filters.price_to = 10;
  EXPECT_NE(PopularCacheKey(1, priced, 1000), PopularCacheKey(1, priced_to, 1000));

  PersonalizedQuery user1{int64_t{1}, std::nullopt, {}};
  PersonalizedQuery user2{int64_t{2}, std::nullopt, {}};
  PersonalizedQuery user1_geo{int64_t{1}, 5, {}};
  EXPECT_NE(PersonalizedCacheKey(1, user1, 1000), PersonalizedCacheKey(1, user2, 1000));
  EXPECT_NE(PersonalizedCacheKey(1, user1, 1000), PersonalizedCacheKey(1, user1_geo, 1000));
}

}  // namespace
}  // namespace mysanta::api
