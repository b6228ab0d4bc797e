// ActivityCalendar: draws the timestamps of likes and clicks over the year before `now`, with the
// seasonal shape of gift shopping in Russia: a strong December peak (New Year), smaller ones
// around 14/23 February and 8 March, a summer low, and more activity in the evening.
//
// Thread safety: immutable after construction.
#pragma once

#include <cstdint>
#include <vector>

#include "datagen/random.h"

namespace mysanta::datagen {

class ActivityCalendar {
 public:
  static constexpr int64_t kSecondsPerDay = 86400;
  static constexpr int kDays = 365;

  // `now`: seconds since the epoch; activity lies in [midnight of now's day - 365 days, now).
  explicit ActivityCalendar(int64_t now);

  int64_t start() const { return start_; }
  int64_t now() const { return now_; }

  // A timestamp in [max(not_before, start()), now()), seasonal. `not_before` < now().
  int64_t Sample(Rng& rng, int64_t not_before) const;

  // Relative weight of a calendar month (1..12): the seasonal shape.
  static double MonthWeight(unsigned month);

 private:
  int64_t start_;
  int64_t now_;
  std::vector<double> day_cumulative_;   // running sum of day weights, one per day from start_
  std::vector<double> hour_cumulative_;  // running sum of hour-of-day weights (UTC+3)
};

}  // namespace mysanta::datagen
