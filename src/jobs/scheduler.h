// Scheduler: runs named tasks periodically on one background thread, until Stop().
//
// Each task runs every `period` after its first run at `first_delay`. Tasks run one at a time on
// the scheduler's thread, so a long similarity run delays the next popular run rather than
// competing with it for the 2 cores; a task never overlaps itself. Exceptions thrown by a task are
// caught and logged: a failing task runs again at its next period.
//
// Thread safety: Add() before Start(); Start() and Stop() from one owning thread; RunSoon() from
// any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mysanta {

class Scheduler {
 public:
  using Clock = std::chrono::steady_clock;

  Scheduler() = default;
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  void Add(std::string name, Clock::duration period, Clock::duration first_delay,
           std::function<void()> task);
  void Start();
  // Wakes the thread, lets the running task finish, and joins.
  void Stop();

 private:
  struct Task {
    std::string name;
    Clock::duration period;
    Clock::time_point next_run;
    std::function<void()> run;
  };

  void Loop();

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::vector<Task> tasks_;
  std::thread thread_;
};

}  // namespace mysanta
