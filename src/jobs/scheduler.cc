#include "jobs/scheduler.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace mysanta {

Scheduler::~Scheduler() { Stop(); }

void Scheduler::Add(std::string name, Clock::duration period, Clock::duration first_delay,
                    std::function<void()> task) {
  std::lock_guard lock(mutex_);
  tasks_.push_back({std::move(name), period, Clock::now() + first_delay, std::move(task)});
}

void Scheduler::Start() {
  std::lock_guard lock(mutex_);
  stopping_ = false;
  if (!thread_.joinable()) thread_ = std::thread([this] { Loop(); });
}

void Scheduler::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    auto due = std::min_element(tasks_.begin(), tasks_.end(), [](const Task& a, const Task& b) {
      return a.next_run < b.next_run;
    });
    if (due == tasks_.end()) {
      wake_.wait(lock, [this] { return stopping_; });
      break;
    }
    if (Clock::now() < due->next_run) {
      wake_.wait_until(lock, due->next_run);
      continue;  // Re-evaluate: stopped, or woken early.
    }
    due->next_run = Clock::now() + due->period;
    std::function<void()> run = due->run;
    const std::string name = due->name;
    lock.unlock();
    try {
      run();
    } catch (const std::exception& error) {
      spdlog::error("scheduled task {} failed: {}", name, error.what());
    }
    lock.lock();
  }
}

}  // namespace mysanta
