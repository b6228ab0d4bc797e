#include "jobs/scheduler.h"

#include <atomic>
#include <stdexcept>

#include <gtest/gtest.h>

namespace mysanta {
namespace {

using namespace std::chrono_literals;

// Waits (bounded) until `condition` holds.
template <typename Condition>
bool Eventually(Condition condition) {
  for (int i = 0; i < 500 && !condition(); ++i) std::this_thread::sleep_for(10ms);
  return condition();
}

TEST(SchedulerTest, RunsTasksRepeatedlyUntilStopped) {
  Scheduler scheduler;
  std::atomic<int> fast = 0;
  std::atomic<int> slow = 0;
  scheduler.Add("fast", 10ms, 0ms, [&] { ++fast; });
  scheduler.Add("slow", 1h, 0ms, [&] { ++slow; });
  scheduler.Start();
  EXPECT_TRUE(Eventually([&] { return fast >= 3; }));
  scheduler.Stop();
  const int after_stop = fast;
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(fast, after_stop);
  EXPECT_EQ(slow, 1);
}

TEST(SchedulerTest, AFailingTaskRunsAgainAtItsNextPeriod) {
  Scheduler scheduler;
  std::atomic<int> runs = 0;
  scheduler.Add("failing", 10ms, 0ms, [&] {
    ++runs;
    throw std::runtime_error("database down");
  });
  scheduler.Start();
  EXPECT_TRUE(Eventually([&] { return runs >= 2; }));
}

TEST(SchedulerTest, FirstDelayIsHonoured) {
  Scheduler scheduler;
  std::atomic<int> runs = 0;
  scheduler.Add("later", 1h, 1h, [&] { ++runs; });
  scheduler.Start();
  std::this_thread::sleep_for(50ms);
  scheduler.Stop();
  EXPECT_EQ(runs, 0);
}

}  // namespace
}  // namespace mysanta
