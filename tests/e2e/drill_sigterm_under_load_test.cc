// Drill: SIGTERM under load, with a second instance on the same data (PostgreSQL + Redis).
// Clients keep sending to instance A on kept-alive connections, and a long admin job is running
// on it, when A gets SIGTERM. Every request A had started on gets its full answer (the job too);
// the rest are refused cleanly (no byte of an answer: the client retries elsewhere), never cut
// short; A exits 0 within a bound; and instance B answers every request meanwhile.
#include <signal.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "drill_support.h"
#include "running_service.h"

namespace mysanta::e2e {
namespace {

using std::chrono::seconds;

const std::vector<std::string> kMediumData = {"--users", "20000", "--presents", "4000",
                                              "--likes", "80000", "--clicks",   "80000",
                                              "--seed",  "13"};

// What one client saw.
struct Tally {
  std::atomic<int> sent{0};
  std::atomic<int> answered{0};  // a complete 200 answer with its items
  std::atomic<int> refused{0};   // the connection closed or refused before any answer byte
  std::atomic<int> broken{0};    // anything else: a cut answer, a 5xx, a body that is not JSON
};

// Sends /personalized requests to `port` until `stop`, or (with `stop_at_refusal`) until the
// server refuses one.
void Load(uint16_t port, int worker, const std::atomic<bool>& stop, bool stop_at_refusal,
          Tally& tally) {
  HttpClient client(port, seconds(30));
  for (int i = 0; !stop.load(); ++i) {
    const std::string body =
        fmt::format(R"({{"user_id": {}, "pagination": {{"limit": 20}}}})", 1 + (worker * 7919 + i) % 20000);
    ++tally.sent;
    try {
      HttpResponse response = client.Post("/personalized", body);
      boost::json::value json = response.Json();
      if (response.status == 200 && json.is_object() && json.as_object().contains("items")) {
        ++tally.answered;
      } else {
        ++tally.broken;
        ADD_FAILURE() << "status " << response.status << ": " << response.body;
      }
    } catch (const HttpError& error) {
      const std::string what = error.what();
      if (what.find("partial message") != std::string::npos) {
        ++tally.broken;
        ADD_FAILURE() << "an answer cut short: " << what;
      } else {
        ++tally.refused;
      }
      if (stop_at_refusal) return;
    }
  }
}

class DrillSigtermPostgresRedisTest : public ::testing::Test {
 protected:
  void SetUp() override { E2E_REQUIRE_BACKEND(BackendKind::kPostgresRedis); }
};

TEST_F(DrillSigtermPostgresRedisTest, RequestsInFlightAreAnsweredAndTheOtherInstanceServes) {
  Deployment deployment(BackendKind::kPostgresRedis, kMediumData);
  ServerProcess a(deployment.ServerEnvironment(), deployment.dir() / "a.log");
  WaitHealthy(a, seconds(240));
  ServerProcess b(deployment.ServerEnvironment(), deployment.dir() / "b.log");
  WaitHealthy(b, seconds(240));

  std::atomic<bool> stop_a{false};
  std::atomic<bool> stop_b{false};
  Tally on_a;
  Tally on_b;
  std::vector<std::thread> clients;
  // Whatever happens (a failed ASSERT returns early), the clients stop and are joined.
  struct Joiner {
    std::atomic<bool>& stop_a;
    std::atomic<bool>& stop_b;
    std::vector<std::thread>& clients;
    std::vector<std::thread>& others;
    ~Joiner() {
      stop_a = true;
      stop_b = true;
      for (auto* threads : {&clients, &others}) {
        for (std::thread& thread : *threads) {
          if (thread.joinable()) thread.join();
        }
      }
    }
  };
  std::vector<std::thread> others;
  Joiner joiner{stop_a, stop_b, clients, others};
  for (int worker = 0; worker < 8; ++worker) {
    clients.emplace_back([&, worker] { Load(a.port(), worker, stop_a, true, on_a); });
  }
  others.emplace_back([&] { Load(b.port(), 99, stop_b, false, on_b); });

  // A long request in flight at the signal: refresh-all, seen running in job_runs.
  boost::json::value job_answer;
  std::thread& job = others.emplace_back([&] {
    try {
      HttpClient client(a.port(), seconds(120));
      job_answer = client.Post("/admin/refresh-all", "").Json();
    } catch (const HttpError& error) {
      ADD_FAILURE() << "the job in flight lost its answer: " << error.what();
    }
  });
  const std::string recommendations = deployment.recommendations_url();
  ASSERT_TRUE(Eventually(
      [&] {
        return QueryText(recommendations,
                         "SELECT count(*) FROM job_runs WHERE status = 'running'") != "0";
      },
      seconds(60)))
      << "refresh-all never started";
  ASSERT_TRUE(Eventually([&] { return on_a.answered.load() >= 200; }, seconds(60)))
      << "the load never got going";

  const auto signalled = std::chrono::steady_clock::now();
  std::optional<int> exit_code = a.Terminate(std::chrono::seconds(60));
  const auto exited = std::chrono::steady_clock::now();
  stop_a = true;
  for (std::thread& client : clients) client.join();
  job.join();  // (joined here: `others` does not grow any more, the reference stays valid)
  // B kept answering through A's shutdown; let it go on a moment after A is gone.
  const int answered_by_b_at_exit = on_b.answered.load();
  ASSERT_TRUE(Eventually([&] { return on_b.answered.load() > answered_by_b_at_exit + 50; },
                         seconds(30)));
  stop_b = true;
  others.front().join();

  ASSERT_TRUE(exit_code.has_value()) << "A did not exit within 60 s of SIGTERM\n" << a.Log();
  EXPECT_EQ(*exit_code, 0) << a.Log();
  EXPECT_LT(exited - signalled, std::chrono::seconds(35)) << "the shutdown grace is 30 s";
  ASSERT_TRUE(job_answer.is_object()) << "refresh-all in flight got its answer";
  EXPECT_EQ(job_answer.at("status"), "completed") << job_answer;
  EXPECT_EQ(job_answer.at("jobs").as_array().size(), 4u) << job_answer;

  // Every request A took got a full answer; each client lost at most the one it was sending.
  EXPECT_EQ(on_a.broken.load(), 0);
  EXPECT_EQ(on_a.answered.load() + on_a.refused.load(), on_a.sent.load());
  EXPECT_LE(on_a.refused.load(), 8);
  EXPECT_EQ(on_b.broken.load(), 0);
  EXPECT_EQ(on_b.refused.load(), 0) << "B never refused";
  EXPECT_EQ(on_b.answered.load(), on_b.sent.load());
  EXPECT_EQ(HealthStatus(b.port()), "healthy");
}

}  // namespace
}  // namespace mysanta::e2e
