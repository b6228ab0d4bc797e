#include "datagen/activity_calendar.h"

#include <algorithm>
#include <array>
#include <chrono>

namespace mysanta::datagen {
namespace {

// Moscow evening is the busiest time; hours are UTC (Moscow is UTC+3).
constexpr std::array<double, 24> kHourWeights = {
    0.9, 0.8, 0.7, 0.6, 0.7, 0.9, 1.1, 1.2, 1.2, 1.3, 1.5, 1.8,   // 00-11 UTC = 03-14 MSK
    2.0, 2.0, 2.1, 2.3, 2.6, 2.8, 2.9, 2.6, 2.0, 1.5, 1.2, 1.0};  // 12-23 UTC = 15-02 MSK

unsigned MonthOfDay(int64_t day_since_epoch) {
  const std::chrono::year_month_day date{std::chrono::sys_days(std::chrono::days(day_since_epoch))};
  return static_cast<unsigned>(date.month());
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

double ActivityCalendar::MonthWeight(unsigned month) {
  static constexpr std::array<double, 12> kWeights = {0.80, 1.10, 1.20, 0.80, 0.80, 0.70,
                                                      0.70, 0.75, 0.85, 0.95, 1.35, 2.60};
  return kWeights[(month - 1) % 12];
}

ActivityCalendar::ActivityCalendar(int64_t now) : now_(now) {
  const int64_t today = FloorDiv(now, kSecondsPerDay);
  start_ = (today - kDays) * kSecondsPerDay;
  double sum = 0;
  // Today counts too (cut short at `now`) unless `now` is its very first second.
  const int64_t days = now > today * kSecondsPerDay ? kDays + 1 : kDays;
  for (int64_t day = 0; day < days; ++day) {
    sum += MonthWeight(MonthOfDay(today - kDays + day));
    day_cumulative_.push_back(sum);
  }
  sum = 0;
  for (double weight : kHourWeights) hour_cumulative_.push_back(sum += weight);
}

int64_t ActivityCalendar::Sample(Rng& rng, int64_t not_before) const {
  const int64_t lower = std::max(not_before, start_);
  if (lower >= now_ - 1) return now_ - 1;
  const auto first_day = static_cast<size_t>((lower - start_) / kSecondsPerDay);
  const double below = first_day == 0 ? 0.0 : day_cumulative_[first_day - 1];
  const double pick = below + rng.Uniform() * (day_cumulative_.back() - below);
  const size_t day =
      std::min<size_t>(std::upper_bound(day_cumulative_.begin(), day_cumulative_.end(), pick) -
                           day_cumulative_.begin(),
                       day_cumulative_.size() - 1);
  const double hour_pick = rng.Uniform() * hour_cumulative_.back();
  const auto hour = std::min<int64_t>(
      std::upper_bound(hour_cumulative_.begin(), hour_cumulative_.end(), hour_pick) -
          hour_cumulative_.begin(),
      23);
  const int64_t day_start = start_ + static_cast<int64_t>(day) * kSecondsPerDay;
  const int64_t time = day_start + hour * 3600 + static_cast<int64_t>(rng.Below(3600));
  if (time >= lower && time < now_) return time;
  // The first and the last day may be partial: redraw uniformly within what is left of the day.
  const int64_t from = std::max(lower, day_start);
  const int64_t to = std::min(now_, day_start + kSecondsPerDay);
  return from + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(to - from)));
}

}  // namespace mysanta::datagen
