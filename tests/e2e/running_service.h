// RunningService: a Deployment with a real `mysanta-rec serve` over it, healthy, and the ground
// truth of its main database (loaded independently through the store layer). ServiceSuite is the
// base of the parameterized end-to-end fixtures: one RunningService per backend per test suite,
// made by the suite's first test of that backend and ended in TearDownTestSuite.
//
// Not thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "core/main_data.h"
#include "deployment.h"
#include "http_client.h"
#include "server_process.h"
#include "store/main_database.h"
#include "test_support.h"

namespace mysanta::e2e {

namespace json = boost::json;

inline constexpr auto kStartTimeout = std::chrono::seconds(90);

// The tiny data set every suite serves: fixed seed, so the same data on every run and backend.
inline const std::vector<std::string> kTinyData = {"--scale", "tiny", "--seed", "7"};

// Polls GET /health until it answers 200 "healthy"; throws with the server's log when the process
// dies or `timeout` passes.
inline void WaitHealthy(ServerProcess& server, std::chrono::seconds timeout = kStartTimeout) {
  HttpClient client(server.port(), std::chrono::seconds(10));
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string last;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!server.running()) {
      throw std::runtime_error("server exited during start-up:\n" + server.Log());
    }
    try {
      HttpResponse health = client.Get("/health");
      last = health.body;
      if (health.status == 200 && health.Json().at("status") == "healthy") return;
    } catch (const HttpError&) {
      // Not listening yet.
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("server not healthy in time; last /health: " + last + "\n" +
                           server.Log());
}

class RunningService {
 public:
  RunningService(BackendKind kind, const std::vector<std::string>& generate_args,
                 Environment settings)
      : deployment_(kind, generate_args) {
    Environment env = deployment_.ServerEnvironment();
    env.merge(settings);
    server_ = std::make_unique<ServerProcess>(env, deployment_.dir() / "server.log");
    WaitHealthy(*server_);
    data_ = MainDatabase::Open(deployment_.MainDatabaseUrl())->LoadAll();
  }

  Deployment& deployment() { return deployment_; }
  ServerProcess& server() { return *server_; }
  uint16_t port() const { return server_->port(); }
  // The main database as it was after generation (tests that change it undo the change).
  const MainData& truth() const { return data_; }

 private:
  Deployment deployment_;
  std::unique_ptr<ServerProcess> server_;
  MainData data_;
};

// True when `kind` can run here; otherwise skips the test (fails it under CI), like
// MYSANTA_REQUIRE_ENV.
inline bool BackendAvailable(BackendKind kind) {
  if (kind == BackendKind::kSqliteMemory) return true;
  return !EnvOrEmpty("TEST_POSTGRES_URL").empty() && !EnvOrEmpty("TEST_REDIS_PORT").empty();
}

#define E2E_REQUIRE_BACKEND(kind)                                                        \
  if (!::mysanta::e2e::BackendAvailable(kind)) {                                         \
    if (::mysanta::testing::RunningInCi()) {                                             \
      FAIL() << "PostgreSQL/Redis not set: run tests through scripts/with-test-services"; \
    }                                                                                    \
    GTEST_SKIP() << "PostgreSQL/Redis not set: run tests through scripts/with-test-services"; \
  }

// Base of a parameterized suite: `Settings()` and `Data()` of the derived suite say how its
// server runs. `service()` is valid in a test body.
template <typename Derived>
class ServiceSuite : public ::testing::TestWithParam<BackendKind> {
 public:
  static void TearDownTestSuite() { services_.clear(); }

 protected:
  void SetUp() override {
    E2E_REQUIRE_BACKEND(GetParam());
    auto& slot = services_[GetParam()];
    if (!slot) {
      try {
        slot = std::make_unique<RunningService>(GetParam(), Derived::Data(), Derived::Settings());
      } catch (const std::exception& error) {
        FAIL() << "cannot start the service: " << error.what();
      }
    }
    service_ = slot.get();
  }

  RunningService& service() { return *service_; }
  HttpClient Client() { return HttpClient(service_->port()); }

 private:
  static inline std::map<BackendKind, std::unique_ptr<RunningService>> services_;
  RunningService* service_ = nullptr;
};

inline std::string ParamName(const ::testing::TestParamInfo<BackendKind>& info) {
  return BackendName(info.param);
}

#define E2E_INSTANTIATE(suite)                                                          \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                             \
                           ::testing::Values(::mysanta::e2e::BackendKind::kSqliteMemory,  \
                                             ::mysanta::e2e::BackendKind::kPostgresRedis), \
                           ::mysanta::e2e::ParamName)

}  // namespace mysanta::e2e
