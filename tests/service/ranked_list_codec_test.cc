#include "service/ranked_list_codec.h"

#include <gtest/gtest.h>

#include "service/cache_key.h"
#include "core/cache.h"

namespace mysanta::service {
namespace {

TEST(RankedListCodecTest, RoundTripsIntegerAndTextIds) {
  RankedIds integers{{int64_t{5}, int64_t{9000000000}, int64_t{1}}, Algorithm::kCollaborative};
  auto decoded = DecodeRankedList(EncodeRankedList(integers));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->items, integers.items);
  EXPECT_EQ(decoded->algorithm, Algorithm::kCollaborative);

  RankedIds texts{{std::string("a:b"), std::string("12"), std::string("x\ny,z")},
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

TEST(RankedListCodecTest, DecodesASliceWithoutTheRemovedIds) {
  RankedIds list{{}, Algorithm::kPopular};
  for (int64_t id = 1; id <= 10; ++id) list.items.emplace_back(id * 10);
  std::string text = EncodeRankedList(list);

  auto slice = DecodeRankedSlice(text, 2, 3, {});
  ASSERT_TRUE(slice);
  EXPECT_EQ(slice->total_count, 10u);
  EXPECT_EQ(slice->items, (std::vector<ExternalId>{int64_t{30}, int64_t{40}, int64_t{50}}));

  std::vector<ExternalId> removed = {int64_t{20}, int64_t{40}, int64_t{999}};  // sorted
  slice = DecodeRankedSlice(text, 2, 3, removed);
  ASSERT_TRUE(slice);
  EXPECT_EQ(slice->total_count, 8u);
  EXPECT_EQ(slice->items, (std::vector<ExternalId>{int64_t{50}, int64_t{60}, int64_t{70}}));

  slice = DecodeRankedSlice(text, 9, 5, {});
  ASSERT_TRUE(slice);
  EXPECT_EQ(slice->items, (std::vector<ExternalId>{int64_t{100}}));
  slice = DecodeRankedSlice(text, SIZE_MAX, 5, {});
  ASSERT_TRUE(slice);
  EXPECT_TRUE(slice->items.empty());
  EXPECT_EQ(slice->total_count, 10u);

  RankedIds texts{{std::string("b"), std::string("a,1"), std::string("c")},
                     Algorithm::kCollaborative};
  slice = DecodeRankedSlice(EncodeRankedList(texts), 0, 2, {ExternalId(std::string("b"))});
  ASSERT_TRUE(slice);
  EXPECT_EQ(slice->algorithm, Algorithm::kCollaborative);
  EXPECT_EQ(slice->total_count, 2u);
  EXPECT_EQ(slice->items, (std::vector<ExternalId>{std::string("a,1"), std::string("c")}));

  EXPECT_FALSE(DecodeRankedSlice("popular\ni\n1,x,3", 0, 5, {}));
  EXPECT_FALSE(DecodeRankedSlice("popular\nt\n9:abc", 0, 5, {}));
  EXPECT_FALSE(DecodeRankedSlice("nonsense", 0, 5, {}));
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
  EXPECT_NE(PersonalizedCacheKey(1, user1, Algorithm::kPopular, 1000),
            PersonalizedCacheKey(1, user2, Algorithm::kPopular, 1000));
  EXPECT_NE(PersonalizedCacheKey(1, user1, Algorithm::kPopular, 1000),
            PersonalizedCacheKey(1, user1_geo, Algorithm::kPopular, 1000));
  // A list of another tier (the user liked something since) is another entry.
  EXPECT_NE(PersonalizedCacheKey(1, user1, Algorithm::kPopular, 1000),
            PersonalizedCacheKey(1, user1, Algorithm::kContentBased, 1000));
}

}  // namespace
}  // namespace mysanta::service
