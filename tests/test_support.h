// Helpers for tests that need the real PostgreSQL and Redis that scripts/with-test-services
// starts. Without them (a plain `ctest`), such tests skip locally and fail under CI, so that CI
// can never pass without exercising the real servers.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace mysanta::testing {

inline std::optional<std::string> EnvOrNull(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

inline bool RunningInCi() { return EnvOrNull("CI").has_value(); }

}  // namespace mysanta::testing

// Use at the top of a test: binds `var` to the URL, or skips (fails under CI) when unset.
#define MYSANTA_REQUIRE_ENV(var, name)                                                  \
  std::string var;                                                                      \
  if (auto value_ = ::mysanta::testing::EnvOrNull(name)) {                              \
    var = *value_;                                                                      \
  } else if (::mysanta::testing::RunningInCi()) {                                       \
    FAIL() << name " is not set: run tests through scripts/with-test-services";          \
  } else {                                                                              \
    GTEST_SKIP() << name " is not set: run tests through scripts/with-test-services";    \
  }
