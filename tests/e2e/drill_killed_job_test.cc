// Drill: a job killed half-way. (1) `mysanta-rec refresh similarities` gets SIGKILL while it
// streams user_similarities into PostgreSQL: the table keeps its previous rows, the advisory lock
// goes with the dead session, and a service started afterwards records the run "abandoned",
// serves the previous data and runs the job again. (2) The job's connection is dropped
// (pg_terminate_backend) on every attempt of a run inside a serving instance: the run fails, is
// recorded "failed", leaves the old rows, and the next run completes. (3) On SQLite, a killed
// holder's lease expires: the lock is not held for ever.
#include <signal.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "drill_support.h"
#include "running_service.h"
#include "store/recommendations_database.h"

namespace mysanta::e2e {
namespace {

using std::chrono::seconds;

// Enough users that writing user_similarities takes a visible while (hundreds of thousands of
// rows), small enough to generate in seconds.
const std::vector<std::string> kMediumData = {"--users", "20000", "--presents", "4000",
                                              "--likes", "80000", "--clicks",   "80000",
                                              "--seed",  "11"};

// The sessions of `database` that are writing `table` right now (COPY or DELETE of it).
std::string WritersOf(const std::string& database, const std::string& table) {
  return "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database +
         "' AND state <> 'idle' AND (query ILIKE 'COPY " + table + "%' OR query ILIKE 'DELETE FROM " +
         table + "%')";
}

std::string LastRunStatus(const std::string& url, const std::string& job) {
  return QueryText(url, "SELECT status FROM job_runs WHERE job = '" + job +
                            "' ORDER BY id DESC LIMIT 1");
}

Environment OneShotEnvironment(const Deployment& deployment) {
  Environment env = deployment.ServerEnvironment();
  env["LOG_LEVEL"] = "warn";
  return env;
}

class DrillKilledJobPostgresRedisTest : public ::testing::Test {
 protected:
  void SetUp() override { E2E_REQUIRE_BACKEND(BackendKind::kPostgresRedis); }
};

TEST_F(DrillKilledJobPostgresRedisTest, SigkillDuringATableWriteKeepsThePreviousData) {
  Deployment deployment(BackendKind::kPostgresRedis, kMediumData);
  const std::string recommendations = deployment.recommendations_url();
  const std::string database = DatabaseName(recommendations);
  CommandResult first = RunCommand({BinaryPath(), "refresh", "all"}, OneShotEnvironment(deployment),
                                   deployment.dir() / "refresh-all.log");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  const std::string before = TableFingerprint(recommendations, "user_similarities");
  const std::string version = QueryText(recommendations, "SELECT version FROM data_version");

  // Runs the job in a process of its own and kills it while it writes the table.
  const pid_t job = Spawn({BinaryPath(), "refresh", "similarities"}, OneShotEnvironment(deployment),
                          deployment.dir() / "refresh-killed.log");
  const bool writing = Eventually(
      [&] { return QueryText(recommendations, WritersOf(database, "user_similarities")) != "0"; },
      seconds(60));
  ::kill(job, SIGKILL);
  std::optional<int> status = WaitFor(job, std::chrono::seconds(10));
  ASSERT_TRUE(writing) << "the job never reached the write of its table";
  ASSERT_TRUE(status.has_value() && WIFSIGNALED(*status)) << "killed mid-write";

  // The dead session's transaction rolls back and its advisory lock goes with it.
  EXPECT_TRUE(Eventually(
      [&] {
        return QueryText(recommendations, WritersOf(database, "user_similarities")) == "0" &&
               QueryText(recommendations,
                         "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") == "0";
      },
      seconds(30)))
      << "a killed job's lock is released";
  EXPECT_EQ(TableFingerprint(recommendations, "user_similarities"), before);
  EXPECT_EQ(QueryText(recommendations, "SELECT version FROM data_version"), version);
  EXPECT_EQ(LastRunStatus(recommendations, "user_similarities"), "running")
      << "nobody has looked yet";

  // A service started afterwards serves the previous data and records the run abandoned.
  ServerProcess server(deployment.ServerEnvironment(), deployment.dir() / "server.log");
  // (Loading the medium data set and building its model takes a while on a busy machine.)
  WaitHealthy(server, seconds(240));
  EXPECT_TRUE(Eventually(
      [&] { return LastJobRun(server.port(), "user_similarities")["status"] == "abandoned"; },
      seconds(10)))
      << GetJson(server.port(), "/stats");
  HttpClient client(server.port());
  EXPECT_EQ(client.Post("/personalized", R"({"user_id": 5})").status, 200);
  boost::json::value rerun = RunAdminJob(server.port(), "/admin/update-user-similarities");
  EXPECT_EQ(rerun.at("status"), "completed") << rerun;
  EXPECT_EQ(LastRunStatus(recommendations, "user_similarities"), "completed");
}

TEST_F(DrillKilledJobPostgresRedisTest, ADroppedConnectionFailsTheRunAndTheNextOneCompletes) {
  Deployment deployment(BackendKind::kPostgresRedis, kMediumData);
  const std::string recommendations = deployment.recommendations_url();
  const std::string database = DatabaseName(recommendations);
  ServerProcess server(deployment.ServerEnvironment(), deployment.dir() / "server.log");
  WaitHealthy(server, seconds(240));
  const std::string before = TableFingerprint(recommendations, "user_similarities");

  // Ends every session that writes the table, for as long as the run lasts (the service retries
  // a broken connection once: both attempts are cut).
  std::atomic<bool> stop{false};
  std::atomic<int> terminated{0};
  std::thread terminator([&] {
    while (!stop.load()) {
      try {
        const std::string count = QueryText(
            recommendations,
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" +
                database + "' AND state <> 'idle' AND (query ILIKE 'COPY user_similarities%' OR "
                           "query ILIKE 'DELETE FROM user_similarities%')");
        terminated += std::stoi(count);
      } catch (const std::exception&) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  boost::json::value failed = RunAdminJob(server.port(), "/admin/update-user-similarities");
  stop = true;
  terminator.join();
  ASSERT_GE(terminated.load(), 1) << "the write was never caught";
  EXPECT_EQ(failed.at("status"), "failed") << failed;
  EXPECT_EQ(LastJobRun(server.port(), "user_similarities")["status"], "failed");
  EXPECT_EQ(TableFingerprint(recommendations, "user_similarities"), before);
  EXPECT_EQ(HealthStatus(server.port()), "healthy");

  boost::json::value rerun = RunAdminJob(server.port(), "/admin/update-user-similarities");
  EXPECT_EQ(rerun.at("status"), "completed") << rerun;
  EXPECT_EQ(LastJobRun(server.port(), "user_similarities")["status"], "completed");
}

// SQLite has no session to die with its holder: the lock is a lease row that expires.
TEST(DrillKilledJobSqliteTest, AKilledHoldersLeaseExpires) {
  Deployment deployment(BackendKind::kSqliteMemory, kMediumData);
  const pid_t job = Spawn({BinaryPath(), "refresh", "similarities"}, OneShotEnvironment(deployment),
                          deployment.dir() / "refresh-killed.log");
  auto recommendations =
      RecommendationsDatabase::Open(*ParseDatabaseUrl(deployment.recommendations_url()));
  auto running = [&] {
    try {
      for (const JobRun& run : recommendations->LatestJobRuns()) {
        if (run.job == "user_similarities" && run.status == "running") return true;
      }
    } catch (const std::exception&) {
      // The file or its tables are being made.
    }
    return false;
  };
  const bool started = Eventually(running, seconds(60));
  ::kill(job, SIGKILL);
  WaitFor(job, std::chrono::seconds(10));
  ASSERT_TRUE(started) << ReadFile(deployment.dir() / "refresh-killed.log");
  EXPECT_TRUE(recommendations->TryLockJob("user_similarities") == nullptr)
      << "the lease outlives its killed holder for a while";

  // Within the lease (30 s) and a margin, the next run takes the lock and records the dead one.
  CommandResult next;
  const bool completed = Eventually(
      [&] {
        next = RunCommand({BinaryPath(), "refresh", "similarities"}, OneShotEnvironment(deployment),
                          deployment.dir() / "refresh-next.log");
        if (next.exit_code == 0) return true;
        std::this_thread::sleep_for(std::chrono::seconds(1));  // the lease is still held
        return false;
      },
      seconds(45));
  EXPECT_TRUE(completed) << next.output;
  bool abandoned_recorded = false;
  {
    auto connection = SqliteConnection::Open(
        ParseDatabaseUrl(deployment.recommendations_url())->sqlite_path,
        SqliteConnection::Mode::kReadOnly);
    SqliteStatement select = connection->Prepare(
        "SELECT count(*) FROM job_runs WHERE job = 'user_similarities' AND status = 'abandoned'");
    abandoned_recorded = select.Step() && select.Int64(0) == 1;
  }
  EXPECT_TRUE(abandoned_recorded);
}

}  // namespace
}  // namespace mysanta::e2e
