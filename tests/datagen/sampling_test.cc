#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "core/demographics.h"
#include "datagen/activity_calendar.h"
#include "datagen/alias_sampler.h"
#include "datagen/random.h"

namespace mysanta::datagen {
namespace {

TEST(RngTest, SameSeedSameSequenceOtherStreamOtherSequence) {
  Rng a(7);
  Rng b(7);
  Rng c = Rng::ForStream(7, 1);
  Rng d = Rng::ForStream(7, 2);
  int same_streams = 0;
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(a.Next(), b.Next());
    same_streams += c.Next() == d.Next();
  }
  EXPECT_EQ(same_streams, 0);
}

TEST(RngTest, FirstValuesArePinned) {
  // xoshiro256** seeded by splitmix64(42), checked against an independent implementation. Fixed
  // forever, or "same seed, same data" breaks across versions.
  Rng rng(42);
  const uint64_t first = rng.Next();
  const uint64_t second = rng.Next();
  Rng again(42);
  EXPECT_EQ(again.Next(), first);
  EXPECT_EQ(first, 0x15780B2E0C2EC716ULL) << std::hex << first;
  EXPECT_NE(first, second);
}

TEST(RngTest, DistributionsHaveTheirShape) {
  Rng rng(1);
  constexpr int kDraws = 200'000;
  double sum = 0;
  double squares = 0;
  double uniform_sum = 0;
  double exponential_sum = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double normal = rng.Normal();
    sum += normal;
    squares += normal * normal;
    const double uniform = rng.Uniform();
    ASSERT_GE(uniform, 0.0);
    ASSERT_LT(uniform, 1.0);
    uniform_sum += uniform;
    ASSERT_LT(rng.Below(7), 7u);
    exponential_sum += rng.Exponential(3.0);
  }
  EXPECT_NEAR(sum / kDraws, 0.0, 0.01);
  EXPECT_NEAR(squares / kDraws, 1.0, 0.02);
  EXPECT_NEAR(uniform_sum / kDraws, 0.5, 0.005);
  EXPECT_NEAR(exponential_sum / kDraws, 3.0, 0.05);
  std::vector<double> log_normals;
  for (int i = 0; i < 10'001; ++i) log_normals.push_back(rng.LogNormal(500.0, 0.8));
  std::nth_element(log_normals.begin(), log_normals.begin() + 5'000, log_normals.end());
  EXPECT_NEAR(log_normals[5'000], 500.0, 25.0);
}

TEST(AliasSamplerTest, DrawsInProportionToWeights) {
  const std::array<double, 4> weights = {1.0, 0.0, 3.0, 6.0};
  const AliasSampler sampler(weights);
  Rng rng(3);
  std::array<int, 4> counts{};
  constexpr int kDraws = 100'000;
  for (int i = 0; i < kDraws; ++i) ++counts[sampler.Sample(rng)];
  EXPECT_EQ(counts[1], 0);
  EXPECT_NEAR(counts[0] / static_cast<double>(kDraws), 0.1, 0.01);
  EXPECT_NEAR(counts[2] / static_cast<double>(kDraws), 0.3, 0.01);
  EXPECT_NEAR(counts[3] / static_cast<double>(kDraws), 0.6, 0.01);
}

TEST(AliasSamplerTest, AllZeroWeightsAreUniform) {
  const std::vector<double> weights(5, 0.0);
  const AliasSampler sampler(weights);
  Rng rng(4);
  std::array<int, 5> counts{};
  for (int i = 0; i < 50'000; ++i) ++counts[sampler.Sample(rng)];
  for (int count : counts) EXPECT_NEAR(count, 10'000, 600);
}

TEST(ActivityCalendarTest, SamplesStayInTheWindowAndAfterTheLowerBound) {
  const int64_t now = *ParseTimestamp("2026-06-15 13:30:00");
  const ActivityCalendar calendar(now);
  EXPECT_EQ(calendar.start(), *ParseTimestamp("2025-06-15 00:00:00"));
  Rng rng(5);
  const int64_t lower = *ParseTimestamp("2026-06-14 20:00:00");
  for (int i = 0; i < 20'000; ++i) {
    const int64_t any = calendar.Sample(rng, 0);
    EXPECT_GE(any, calendar.start());
    EXPECT_LT(any, now);
    const int64_t late = calendar.Sample(rng, lower);
    EXPECT_GE(late, lower);
    EXPECT_LT(late, now);
  }
}

TEST(ActivityCalendarTest, DecemberIsTheBusiestMonth) {
  const ActivityCalendar calendar(*ParseTimestamp("2026-12-31 00:00:00"));
  Rng rng(6);
  std::array<int, 13> per_month{};
  constexpr int kDraws = 120'000;
  for (int i = 0; i < kDraws; ++i) {
    ++per_month[std::stoi(FormatTimestamp(calendar.Sample(rng, 0)).substr(5, 2))];
  }
  for (int month = 1; month <= 11; ++month) EXPECT_GT(per_month[12], per_month[month]);
  EXPECT_GT(per_month[12], 2 * kDraws / 12);
}

}  // namespace
}  // namespace mysanta::datagen
