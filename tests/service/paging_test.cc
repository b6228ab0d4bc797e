#include "service/paging.h"

#include <limits>

#include <gtest/gtest.h>

namespace mysanta::service {
namespace {

TEST(PagingTest, MiddleFirstAndLastPages) {
  PageInfo first = Paginate(290, {1, 20});
  EXPECT_EQ(first.total_pages, 15);
  EXPECT_EQ(first.total_count, 290);
  EXPECT_TRUE(first.has_next);
  EXPECT_FALSE(first.has_previous);
  EXPECT_EQ(first.begin, 0u);
  EXPECT_EQ(first.end, 20u);

  PageInfo last = Paginate(290, {15, 20});
  EXPECT_FALSE(last.has_next);
  EXPECT_TRUE(last.has_previous);
  EXPECT_EQ(last.begin, 280u);
  EXPECT_EQ(last.end, 290u);

  PageInfo exact = Paginate(40, {2, 20});
  EXPECT_EQ(exact.total_pages, 2);
  EXPECT_FALSE(exact.has_next);
  EXPECT_EQ(exact.end - exact.begin, 20u);
}

TEST(PagingTest, PagePastTheEndIsEmpty) {
  PageInfo past = Paginate(30, {5, 20});
  EXPECT_EQ(past.total_pages, 2);
  EXPECT_EQ(past.begin, past.end);
  EXPECT_FALSE(past.has_next);
  EXPECT_TRUE(past.has_previous);

  PageInfo huge = Paginate(30, {std::numeric_limits<int64_t>::max(), 100});
  EXPECT_EQ(huge.begin, huge.end);
  EXPECT_FALSE(huge.has_next);
}

TEST(PagingTest, EmptyList) {
  PageInfo empty = Paginate(0, {1, 20});
  EXPECT_EQ(empty.total_count, 0);
  EXPECT_EQ(empty.total_pages, 0);
  EXPECT_FALSE(empty.has_next);
  EXPECT_FALSE(empty.has_previous);
  EXPECT_EQ(empty.begin, empty.end);
}

}  // namespace
}  // namespace mysanta::service
