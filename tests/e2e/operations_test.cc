// End-to-end tests of the operations conventions (SPEC sections 2, 5 and 7) on the real binary:
// --version and the same in /health, /stats and mysanta_build_info; X-Request-Id echoed and named
// in the request log; LOG_FORMAT=json; HEAD; liveness and readiness; plain decimals in every
// body; process_* metrics; the open-file limit raised at start-up; progress lines of refresh and
// evaluate.
#include <sys/resource.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "http_client.h"
#include "json_text.h"
#include "running_service.h"

namespace mysanta::e2e {
namespace {

using testing::NumberWithExponent;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

TEST(VersionTest, VersionFlagPrintsVersionAndCommit) {
  CommandResult result = RunCommand({BinaryPath(), "--version"}, {},
                                    std::filesystem::temp_directory_path() /
                                        ("mysanta_version_" + std::to_string(getpid()) + ".log"));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(std::regex_search(result.output,
                                std::regex(R"(^mysanta-rec \d+\.\d+\.\d+ \(commit \S+, \S+\)\n)")))
      << result.output;
}

class OperationsTest : public ServiceSuite<OperationsTest> {
 public:
  static std::vector<std::string> Data() { return kTinyData; }
  static Environment Settings() { return {{"LOG_LEVEL", "debug"}, {"LOG_FORMAT", "json"}}; }
};

TEST_P(OperationsTest, VersionInHealthStatsAndMetrics) {
  HttpClient client = Client();
  const std::string version(client.Get("/health").Json().at("version").as_string());
  EXPECT_TRUE(std::regex_match(version, std::regex(R"(\d+\.\d+\.\d+)"))) << version;
  EXPECT_EQ(client.Get("/stats").Json().at("version").as_string(), version);
  std::string metrics = client.Get("/metrics").body;
  EXPECT_NE(metrics.find("mysanta_build_info{version=\"" + version + "\""), std::string::npos);
  // The process's own resources, named as Prometheus client libraries name them.
  for (const char* family : {"process_resident_memory_bytes ", "process_cpu_seconds_total ",
                             "process_open_fds ", "process_max_fds ",
                             "process_start_time_seconds "}) {
    size_t at = metrics.find(std::string("\n") + family);
    ASSERT_NE(at, std::string::npos) << family;
    double value = std::stod(metrics.substr(at + 1 + std::strlen(family)));
    EXPECT_GT(value, 0) << family;
  }
  // Latency buckets start at 25 microseconds.
  EXPECT_NE(metrics.find("endpoint=\"/health\",le=\"0.000025\""), std::string::npos);
}

TEST_P(OperationsTest, RequestIdEchoedAndNamedInTheRequestLog) {
  HttpClient client = Client();
  const std::string id = "e2e-" + std::to_string(getpid()) + "-" + BackendName(GetParam());
  HttpResponse answer = client.Post("/popular", "{}", {{"X-Request-Id", id}});
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.Header("x-request-id"), id);
  HttpResponse made = client.Get("/health");
  EXPECT_EQ(made.Header("x-request-id").size(), 32u);
  // The log is written as the answer goes out: poll it briefly.
  bool logged = false;
  for (int attempt = 0; attempt < 100 && !logged; ++attempt) {
    logged = service().server().Log().find("request_id=" + id) != std::string::npos;
    if (!logged) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(logged) << service().server().Log();
}

TEST_P(OperationsTest, JsonLogLines) {
  Client().Get("/nowhere");
  std::vector<std::string> lines = Lines(service().server().Log());
  ASSERT_FALSE(lines.empty());
  for (const std::string& line : lines) {
    boost::system::error_code ec;
    boost::json::value entry = boost::json::parse(line, ec);
    ASSERT_FALSE(ec) << "not JSON: " << line;
    ASSERT_TRUE(entry.is_object()) << line;
    EXPECT_TRUE(entry.as_object().contains("time")) << line;
    EXPECT_TRUE(entry.as_object().contains("level")) << line;
    EXPECT_TRUE(entry.as_object().contains("message")) << line;
  }
}

TEST_P(OperationsTest, HeadLivenessAndReadiness) {
  HttpClient client = Client();
  for (const char* target : {"/health", "/health/live", "/health/ready", "/stats", "/metrics",
                             "/openapi.json", "/user-profile/1"}) {
    HttpResponse get = client.Get(target);
    HttpResponse head = client.Send("HEAD", target, std::nullopt, {});
    EXPECT_EQ(head.status, get.status) << target;
    EXPECT_TRUE(head.body.empty()) << target;
    EXPECT_FALSE(head.Header("content-length").empty()) << target;
  }
  EXPECT_EQ(client.Get("/health/live").Json().at("status"), "alive");
  HttpResponse ready = client.Get("/health/ready");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.Json().at("status"), "ready");
  EXPECT_EQ(ready.Json().at("data_version"), client.Get("/health").Json().at("data_version"));
}

TEST_P(OperationsTest, EveryBodyInPlainDecimals) {
  HttpClient client = Client();
  const MainData& truth = service().truth();
  ASSERT_FALSE(truth.users.empty());
  std::vector<HttpResponse> answers = {
      client.Post("/popular", R"({"filters": {"price_from": 0.5, "price_to": 99999.99}})"),
      client.Post("/personalized", R"({"user_id": 1})"),
      client.Get("/user-profile/1"),
      client.Get("/health"),
      client.Post("/admin/refresh-popular-items", ""),
      client.Get("/stats"),
      client.Post("/popular", "[]"),
  };
  for (const HttpResponse& answer : answers) {
    EXPECT_EQ(NumberWithExponent(answer.body), std::nullopt) << answer.body;
  }
  EXPECT_EQ(NumberWithExponent(client.Get("/metrics").body), std::nullopt);
}

TEST_P(OperationsTest, ConfigShowsTheNewSettings) {
  boost::json::object config = Client().Get("/stats").Json().at("config").as_object();
  EXPECT_EQ(config.at("LOG_FORMAT"), "json");
  EXPECT_EQ(config.at("MAX_CONNECTIONS"), "12000");
}

E2E_INSTANTIATE(OperationsTest);

// The soft limit the service starts with; restored when the test ends.
class LoweredOpenFileLimit {
 public:
  explicit LoweredOpenFileLimit(rlim_t soft) {
    getrlimit(RLIMIT_NOFILE, &saved_);
    rlimit lowered = saved_;
    lowered.rlim_cur = std::min(soft, saved_.rlim_max);
    setrlimit(RLIMIT_NOFILE, &lowered);
  }
  ~LoweredOpenFileLimit() { setrlimit(RLIMIT_NOFILE, &saved_); }
  rlim_t hard() const { return saved_.rlim_max; }

 private:
  rlimit saved_{};
};

// "Max open files  SOFT  HARD  files" of /proc/PID/limits.
std::pair<std::string, std::string> OpenFileLimitsOf(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/limits");
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("Max open files")) continue;
    std::istringstream fields(line.substr(std::strlen("Max open files")));
    std::string soft, hard;
    fields >> soft >> hard;
    return {soft, hard};
  }
  return {};
}

TEST(OpenFileLimitTest, RaisedToTheHardLimitAtStartAndLogged) {
  Deployment deployment(BackendKind::kSqliteMemory, kTinyData);
  Environment env = deployment.ServerEnvironment();
  env["LOG_LEVEL"] = "info";
  std::unique_ptr<ServerProcess> server;
  rlim_t hard = 0;
  {
    LoweredOpenFileLimit lowered(256);
    hard = lowered.hard();
    if (hard <= 256) GTEST_SKIP() << "the hard open-file limit is " << hard << ": nothing to raise";
    server = std::make_unique<ServerProcess>(env, deployment.dir() / "server.log");
  }
  WaitHealthy(*server);
  auto [soft_now, hard_now] = OpenFileLimitsOf(server->pid());
  EXPECT_EQ(soft_now, hard_now);
  EXPECT_EQ(soft_now, hard == RLIM_INFINITY ? "unlimited" : std::to_string(hard));
  EXPECT_NE(server->Log().find("open-file limit raised from 256 to " + soft_now),
            std::string::npos)
      << server->Log();
  std::string metrics = HttpClient(server->port()).Get("/metrics").body;
  EXPECT_NE(metrics.find("\nprocess_max_fds " + soft_now + "\n"), std::string::npos);
}

TEST(ProgressTest, RefreshAndEvaluatePrintProgressLines) {
  Deployment deployment(BackendKind::kSqliteMemory, kTinyData);
  Environment env = deployment.ServerEnvironment();
  CommandResult refresh = RunCommand({BinaryPath(), "refresh", "all"}, env,
                                     deployment.dir() / "refresh.log");
  ASSERT_EQ(refresh.exit_code, 0) << refresh.output;
  for (const char* line : {"main database: loading", "job popular_items: started",
                           "job user_similarities: started", "job user_similarities: completed",
                           "job cache_cleanup: completed"}) {
    EXPECT_NE(refresh.output.find(line), std::string::npos) << line << "\n" << refresh.output;
  }
  CommandResult evaluate = RunCommand({BinaryPath(), "evaluate", "--no-baselines"}, env,
                                      deployment.dir() / "evaluate.log");
  ASSERT_EQ(evaluate.exit_code, 0) << evaluate.output;
  EXPECT_NE(evaluate.output.find("evaluate: loading the main database"), std::string::npos)
      << evaluate.output;
  EXPECT_TRUE(std::regex_search(evaluate.output, std::regex(R"(\n[^\n]* \d+%\n)")))
      << evaluate.output;
}

}  // namespace
}  // namespace mysanta::e2e
