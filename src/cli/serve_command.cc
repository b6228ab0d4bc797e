// `serve` and `demo`: the composition root. Wires store -> jobs -> snapshot -> api -> http, runs
// the first computation when the recommendations database is empty (the HTTP server answers
// /health "starting" meanwhile), schedules the jobs, and serves until SIGTERM/SIGINT.
#include <filesystem>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "api/api.h"
#include "api/metrics.h"
#include "cli/commands.h"
#include "cli/service_backend.h"
#include "service/snapshot_engine.h"
#include "cli/service_setup.h"
#include "core/build_info.h"
#include "core/process_stats.h"
#include "datagen/generator.h"
#include "http/server.h"
#include "jobs/job_runner.h"
#include "jobs/scheduler.h"
#include "jobs/snapshot_loader.h"
#include "store/cache_factory.h"
#include "store/main_database.h"
#include "store/main_database_writer.h"
#include "store/recommendations_database.h"

namespace mysanta {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

// Computes the data when the recommendations database has none, then loads the snapshot.
// Runs on its own thread so that the server answers /health meanwhile.
void Bootstrap(RecommendationsDatabase& recommendations, JobRunner& jobs,
               SnapshotSource& snapshots, ServiceBackend& backend) {
  try {
    jobs.RecordAbandonedRuns();  // runs of a previous process that was killed mid-job
    if (recommendations.DataVersion() == 0) {
      spdlog::info("recommendations database is empty: computing it before serving");
      if (!jobs.RunAll()) {
        // Another instance is computing it; the version poller loads it when it lands, and
        // /health says "starting" until then.
        spdlog::info("another instance is computing the data: waiting for it");
        return;
      }
    }
    snapshots.RefreshIfStale();
  } catch (const std::exception& error) {
    spdlog::error("start-up computation failed (the poller retries): {}", error.what());
  }
  backend.set_starting(false);
}

void ScheduleJobs(Scheduler& scheduler, JobRunner& jobs, SnapshotSource& snapshots,
                  const Config& config) {
  struct Period {
    JobKind job;
    std::chrono::seconds every;
  };
  const Period periods[] = {
      {JobKind::kPopularItems, minutes(config.popular_items_refresh_minutes)},
      {JobKind::kUserProfiles, minutes(config.user_profiles_refresh_minutes)},
      {JobKind::kUserSimilarities, minutes(config.user_similarities_refresh_minutes)},
      {JobKind::kCacheCleanup, hours(config.cache_cleanup_hours)},
  };
  for (const Period& period : periods) {
    // The first run waits a full period: start-up has just computed (or loaded) fresh data.
    scheduler.Add(std::string(JobName(period.job)), period.every, period.every,
                  [&jobs, &snapshots, job = period.job] {
                    if (jobs.Run(job).status == JobResult::Status::kCompleted) snapshots.Nudge();
                  });
  }
}

// True when opening the main database failed because there is no data (rather than, say, an
// unreachable server): no SQLite file, or no `presents` relation.
bool MainDataMissing(const DatabaseUrl& url, std::string_view error) {
  if (!url.is_postgres() && !std::filesystem::exists(url.sqlite_path)) return true;
  return error.find("presents") != std::string_view::npos ||
         error.find("no such table") != std::string_view::npos;
}

// What a newcomer who ran `serve` without data reads next.
std::string HowToMakeMainData(const DatabaseUrl& url) {
  return fmt::format(
      "no main database at {}. To make one: `mysanta-rec demo` (a synthetic data set on the "
      "embedded default, then serves), `mysanta-rec generate --scale seed --out {}` (synthetic), "
      "or `mysanta-rec import --format movielens FILE --out {}` (a public interaction log); in "
      "production set MAIN_DATABASE_URL to MySanta's database (README, Running it in production)",
      url.Masked(), url.Masked(), url.Masked());
}

void PrintDemoExamples(uint16_t port) {
  fmt::print(R"(
MySanta recommendations are being served on {base}

  Dashboard:  {base}/          (health, jobs, cache, request rates, and a "try it" panel)
  API docs:   {base}/docs      ({base}/openapi.json)

Or try:

  curl -s {base}/health
  curl -s -X POST {base}/popular -H 'Content-Type: application/json' \
       -d '{{"user_params": {{"gender": "f", "age": "25-34", "geo_id": 213}}, "filters": {{"price_to": 3000}}, "pagination": {{"page": 1, "limit": 5}}}}'
  curl -s -X POST {base}/personalized -H 'Content-Type: application/json' \
       -d '{{"user_id": 42, "pagination": {{"limit": 5}}}}'
  curl -s -X POST {base}/similar -H 'Content-Type: application/json' \
       -d '{{"present_id": 1, "user_id": 42, "pagination": {{"limit": 5}}}}'
  curl -s '{base}/presents?ids=1,2,3'
  curl -s {base}/user-profile/42
  curl -s {base}/stats
  curl -s {base}/metrics
  curl -s -X POST {base}/admin/refresh-all

Press Ctrl-C to stop.
)",
             fmt::arg("base", fmt::format("http://127.0.0.1:{}", port)));
  std::fflush(stdout);
}

// Each connection is a descriptor: the soft open-file limit (often 1024) goes up to the hard one.
void RaiseAndLogOpenFileLimit() {
  OpenFileLimit limit = RaiseOpenFileLimit();
  if (limit.after > limit.before) {
    spdlog::info("open-file limit raised from {} to {} (the hard limit)", limit.before,
                 limit.after);
  } else {
    spdlog::info("open-file limit {} (hard limit {})", limit.after, limit.hard);
  }
}

int Serve(const Config& config, bool demo) {
  ConfigureLogging(config);
  spdlog::info("mysanta-rec {}", VersionLine());
  RaiseAndLogOpenFileLimit();
  std::unique_ptr<MainDatabase> main;
  std::unique_ptr<RecommendationsDatabase> recommendations;
  try {
    main = MainDatabase::Open(config.main_database);
    recommendations = RecommendationsDatabase::Open(config.recommendations_database);
    recommendations->Migrate(main->user_id_kind());
  } catch (const std::exception& error) {
    spdlog::error("cannot start: {}", error.what());
    if (!main && MainDataMissing(config.main_database, error.what())) {
      spdlog::error("{}", HowToMakeMainData(config.main_database));
    }
    return kExitFailure;
  }
  std::unique_ptr<Cache> cache = OpenCache(config.cache);
  api::Metrics metrics(api::Api::EndpointLabels());
  const SnapshotOptions algorithms = AlgorithmOptions(config);
  SnapshotSource snapshots(*main, *recommendations, algorithms);
  JobRunner jobs(*main, *recommendations, cache.get(), algorithms,
                 [&](const JobResult& result) {
                   if (result.status == JobResult::Status::kBusy) return;
                   const api::JobAnswer answer = ToJobAnswer(result);
                   metrics.RecordJob(answer.job, answer.status, result.duration_ms / 1000.0);
                 });
  ServiceBackend backend(*main, *recommendations, snapshots, jobs);
  service::SnapshotEngine engine(*main, snapshots);
  api::Api api(backend, engine, *cache, config, metrics);

  http::Server server(api, http::ServerOptions::FromConfig(config));
  try {
    server.Start();
  } catch (const std::exception& error) {
    spdlog::error("cannot start: {}", error.what());  // the error names the address
    return kExitFailure;
  }
  spdlog::info("main database {}, recommendations database {}, cache {}",
               config.main_database.Masked(), config.recommendations_database.Masked(),
               config.cache.Masked());

  // The scheduler and the version poller start once the first data set is served, so that
  // start-up publishes one complete snapshot rather than one per job.
  Scheduler scheduler;
  ScheduleJobs(scheduler, jobs, snapshots, config);
  std::thread bootstrap([&] {
    Bootstrap(*recommendations, jobs, snapshots, backend);
    snapshots.StartPolling();
    scheduler.Start();
    if (demo) PrintDemoExamples(server.port());
  });

  server.RunUntilSignal();  // Returns after SIGTERM/SIGINT, with requests in flight finished.
  spdlog::info("shutting down");
  bootstrap.join();
  scheduler.Stop();
  snapshots.StopPolling();
  return kExitOk;
}

}  // namespace

int RunServe(const Config& config) { return Serve(config, /*demo=*/false); }

int RunDemo(const Config& config, const std::string& scale) {
  const DatabaseUrl& url = config.main_database;
  if (!url.is_postgres() && !std::filesystem::exists(url.sqlite_path)) {
    std::printf("demo: no main database at %s: generating the '%s' synthetic data set\n",
                url.sqlite_path.c_str(), scale.c_str());
    std::fflush(stdout);
    GenerateArgs args;
    args.scale = scale;
    args.out = url.url;
    if (int status = RunGenerate(args); status != kExitOk) return status;
  }
  return Serve(config, /*demo=*/true);
}

}  // namespace mysanta
