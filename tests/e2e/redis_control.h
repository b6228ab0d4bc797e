// Control of the test redis-server of scripts/with-test-services for the outage tests and drills:
// stop it and start it again (empty: it keeps nothing on disk), and set its memory limit. Tests
// that use it must have "Redis" in their name, so that ctest runs them one at a time.
//
// Not thread-safe.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "deployment.h"

namespace mysanta::e2e {

// Runs a redis-cli command on the test server; whether it succeeded.
inline bool RedisCli(const std::string& arguments) {
  return std::system(fmt::format("redis-cli -p {} {} >/dev/null 2>&1", EnvOrEmpty("TEST_REDIS_PORT"),
                                 arguments)
                         .c_str()) == 0;
}

// The reply of a redis-cli command on the test server (redis-cli exits 0 on error replies too).
inline std::string RedisOutput(const std::string& arguments) {
  const std::string command =
      fmt::format("redis-cli -p {} {} 2>&1", EnvOrEmpty("TEST_REDIS_PORT"), arguments);
  std::string output;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[256];
    while (size_t read = std::fread(buffer, 1, sizeof(buffer), pipe)) output.append(buffer, read);
    ::pclose(pipe);
  }
  return output;
}

inline bool RedisAnswers(const std::string& port) {
  return std::system(fmt::format("redis-cli -p {} ping >/dev/null 2>&1", port).c_str()) == 0;
}

// Stops the test redis-server, and restarts it when asked or, whatever happens, at the end.
class RedisStopper {
 public:
  RedisStopper()
      : port_(EnvOrEmpty("TEST_REDIS_PORT")), command_(EnvOrEmpty("TEST_REDIS_SERVER_COMMAND")) {}
  ~RedisStopper() { Restart(); }

  void Stop() {
    [[maybe_unused]] int ignored =
        std::system(fmt::format("redis-cli -p {} shutdown nosave >/dev/null 2>&1", port_).c_str());
    stopped_ = true;
    for (int i = 0; i < 100 && RedisAnswers(port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  // Returns whether Redis answers again.
  bool Restart() {
    if (!stopped_) return true;
    stopped_ = false;
    [[maybe_unused]] int ignored = std::system(command_.c_str());
    for (int i = 0; i < 100; ++i) {
      if (RedisAnswers(port_)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

 private:
  std::string port_;
  std::string command_;
  bool stopped_ = false;
};

}  // namespace mysanta::e2e
