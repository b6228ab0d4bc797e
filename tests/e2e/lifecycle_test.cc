// End-to-end tests of the service's life: /health says "starting" (and recommendation requests
// answer 503) until the first data set is computed, then "healthy"; SIGTERM ends it with exit code
// 0; without a main or recommendations database it does not start. Each test runs its own server.
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "http_client.h"
#include "running_service.h"

namespace mysanta::e2e {
namespace {

using std::chrono::seconds;

// Large enough that computing it takes a visible while (about 2 s), small enough to make quickly.
const std::vector<std::string> kMediumData = {"--users", "20000", "--presents", "4000",
                                              "--likes", "80000", "--clicks",   "80000",
                                              "--seed",  "7"};

class LifecycleTest : public ::testing::TestWithParam<BackendKind> {
 protected:
  void SetUp() override { E2E_REQUIRE_BACKEND(GetParam()); }
};

TEST_P(LifecycleTest, StartingUntilTheDataExistThenHealthy) {
  Deployment deployment(GetParam(), kMediumData);
  ServerProcess server(deployment.ServerEnvironment(), deployment.dir() / "server.log");
  HttpClient client(server.port(), seconds(10));
  bool starting_seen = false;
  bool healthy = false;
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (!healthy && std::chrono::steady_clock::now() < deadline) {
    ASSERT_TRUE(server.running()) << server.Log();
    HttpResponse health;
    try {
      health = client.Get("/health");
    } catch (const HttpError&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));  // not listening yet
      continue;
    }
    boost::json::value body = health.Json();
    ASSERT_TRUE(body.is_object()) << health.body;
    if (health.status == 503) {
      // Not healthy yet: it must say why, and refuse recommendations with 503 unavailable.
      EXPECT_EQ(body.at("status"), "starting") << health.body;
      EXPECT_TRUE(body.at("data_version").is_null()) << health.body;
      if (!starting_seen) {
        for (const auto& [endpoint, request] :
             {std::pair{"/popular", "{}"}, std::pair{"/personalized", "{\"user_id\": 1}"}}) {
          HttpResponse refused = client.Post(endpoint, request);
          // The data may have arrived meanwhile; only a refusal is checked.
          if (refused.status != 200) {
            EXPECT_EQ(refused.status, 503) << refused.body;
            EXPECT_EQ(refused.Json().at("error"), "unavailable") << refused.body;
          }
        }
      }
      starting_seen = true;
    } else {
      ASSERT_EQ(health.status, 200) << health.body;
      EXPECT_EQ(body.at("status"), "healthy") << health.body;
      EXPECT_GE(body.at("data_version").as_int64(), 1);
      for (const char* check : {"main_database", "recommendations_database", "cache"}) {
        EXPECT_EQ(body.at("checks").at(check), "ok") << health.body;
      }
      healthy = true;
    }
  }
  EXPECT_TRUE(starting_seen) << "computing " << kMediumData[1]
                             << " users' data takes long enough to be seen";
  ASSERT_TRUE(healthy) << server.Log();
  EXPECT_EQ(client.Post("/popular", "{}").status, 200);
  EXPECT_EQ(client.Get("/health").Json().at("status"), "healthy") << "and stays healthy";
}

TEST_P(LifecycleTest, SigtermEndsTheServiceWithExitCodeZero) {
  Deployment deployment(GetParam(), kTinyData);
  ServerProcess server(deployment.ServerEnvironment(), deployment.dir() / "server.log");
  WaitHealthy(server);
  HttpClient idle(server.port());  // a kept-alive connection, idle at shutdown
  ASSERT_EQ(idle.Get("/health").status, 200);
  HttpClient busy(server.port());
  ASSERT_EQ(busy.Post("/popular", "{}").status, 200);

  std::optional<int> exit_code = server.Terminate(std::chrono::seconds(30));
  ASSERT_TRUE(exit_code.has_value()) << "no normal exit within 30 s of SIGTERM\n" << server.Log();
  EXPECT_EQ(*exit_code, 0) << server.Log();
  HttpClient after(server.port(), seconds(2));
  EXPECT_THROW(after.Get("/health"), HttpError) << "nothing listens any more";
}

TEST_P(LifecycleTest, SigtermWhileStartingEndsTheServiceWithExitCodeZero) {
  Deployment deployment(GetParam(), kMediumData);
  ServerProcess server(deployment.ServerEnvironment(), deployment.dir() / "server.log");
  HttpClient client(server.port(), seconds(10));
  // Wait until it listens (it is then computing its data).
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  for (;;) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << server.Log();
    try {
      client.Get("/health");
      break;
    } catch (const HttpError&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  std::optional<int> exit_code = server.Terminate(std::chrono::seconds(60));
  ASSERT_TRUE(exit_code.has_value()) << "no normal exit within 60 s of SIGTERM\n" << server.Log();
  EXPECT_EQ(*exit_code, 0) << server.Log();
}

// SPEC: 503 when a dependency the request needs is down and nothing can stand in. Without a
// main database at start there is nothing to serve from: the service refuses to start (exit 1,
// one line naming the cause) rather than listen and answer 503 forever.
TEST_P(LifecycleTest, DoesNotStartWithoutItsDatabases) {
  Deployment deployment(GetParam(), kTinyData);
  const std::string missing =
      GetParam() == BackendKind::kPostgresRedis
          ? deployment.DroppedDatabaseUrl()
          : "sqlite:" + (deployment.dir() / "no-such-folder" / "main.db").string();
  Environment no_main = deployment.ServerEnvironment();
  no_main["MAIN_DATABASE_URL"] = missing;
  Environment no_recommendations = deployment.ServerEnvironment();
  if (GetParam() == BackendKind::kPostgresRedis) {
    no_recommendations["RECOMMENDATIONS_DATABASE_URL"] = missing;
  } else {
    // A folder that cannot be created: a file stands where it should be.
    ExecuteSql(*ParseDatabaseUrl("sqlite:" + (deployment.dir() / "blocker").string()),
               "CREATE TABLE t (x INTEGER)");
    no_recommendations["RECOMMENDATIONS_DATABASE_URL"] =
        "sqlite:" + (deployment.dir() / "blocker" / "rec.db").string();
  }
  int attempt = 0;
  for (const Environment& env : {no_main, no_recommendations}) {
    ++attempt;
    SCOPED_TRACE("MAIN_DATABASE_URL=" + env.at("MAIN_DATABASE_URL") +
                 " RECOMMENDATIONS_DATABASE_URL=" + env.at("RECOMMENDATIONS_DATABASE_URL"));
    ServerProcess server(env, deployment.dir() / ("failed" + std::to_string(attempt) + ".log"));
    std::optional<int> exit_code = server.WaitExit(std::chrono::seconds(60));
    ASSERT_TRUE(exit_code.has_value()) << "still running without its database\n" << server.Log();
    EXPECT_NE(*exit_code, 0);
    EXPECT_NE(server.Log().find("cannot start"), std::string::npos) << server.Log();
  }
}

E2E_INSTANTIATE(LifecycleTest);

}  // namespace
}  // namespace mysanta::e2e
