// The batch subcommands: generate, import, migrate, refresh, evaluate.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "cli/service_setup.h"
#include "datagen/generator.h"
#include "jobs/job_runner.h"
#include "eval/evaluation.h"
#include "importer/importer.h"
#include "store/cache_factory.h"
#include "store/main_database.h"
#include "store/main_database_writer.h"
#include "store/recommendations_database.h"

namespace mysanta {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Progress on stderr: one line rewritten in place on a terminal, a line per step otherwise.
class ProgressLine {
 public:
  ProgressLine() : interactive_(isatty(STDERR_FILENO) != 0) {}
  ~ProgressLine() {
    if (interactive_ && shown_) std::fputc('\n', stderr);
  }
  // `fraction` of `step` is done. A log (not a terminal) gets a line per quarter.
  void Show(std::string_view step, double fraction) {
    const int percent = static_cast<int>(fraction * 100);
    const int shown_percent = interactive_ ? percent : percent / 25 * 25;
    if (step == last_step_ && shown_percent == last_percent_) return;
    last_step_ = std::string(step);
    last_percent_ = shown_percent;
    shown_ = true;
    const std::string text = fmt::format("{} {}%", step, shown_percent);
    std::fprintf(stderr, interactive_ ? "\r\033[K%s" : "%s\n", text.c_str());
  }

 private:
  bool interactive_;
  bool shown_ = false;
  std::string last_step_;
  int last_percent_ = -1;
};

int Fail(const std::string& message) {
  std::fprintf(stderr, "mysanta-rec: %s\n", message.c_str());
  return kExitFailure;
}

// The row counts of the main database at `url` when one is there (its tables exist), else nullopt
// (nothing there, or nothing reachable: the writer reports the latter itself).
std::optional<MainTableCounts> ExistingMainData(const DatabaseUrl& url) {
  if (!url.is_postgres() && !std::filesystem::exists(url.sqlite_path)) return std::nullopt;
  try {
    return MainDatabase::Open(url)->CountRows();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

int RunGenerate(const GenerateArgs& args) {
  auto url = ParseDatabaseUrl(args.out);
  if (!url) {
    std::fprintf(stderr, "mysanta-rec: --out: expected %s\n", url.error().c_str());
    return kExitUsage;
  }
  GenerateOptions options;
  if (args.scale) {
    options = *ScaleOptions(*args.scale);
  } else {
    options.users = args.users;
    options.presents = args.presents;
    options.likes = args.likes;
    options.clicks = args.clicks;
  }
  options.seed = args.seed;
  options.id_kind = args.id_kind;
  if (auto error = ValidateGenerateOptions(options)) {
    std::fprintf(stderr, "mysanta-rec: generate: %s\n", error->c_str());
    return kExitUsage;
  }
  if (!args.force) {
    if (const auto existing = ExistingMainData(*url)) {
      const std::string what =
          fmt::format("{} already holds a main database ({} presents, {} likes)", url->Masked(),
                      existing->presents, existing->likes);
      if (args.if_missing) {
        std::printf("generate: %s: kept\n", what.c_str());
        return kExitOk;
      }
      return Fail(fmt::format("generate: {}; pass --force to replace it", what));
    }
  }
  try {
    const auto start = std::chrono::steady_clock::now();
    MainData data;
    {
      ProgressLine progress;
      data = Generate(options, [&](std::string_view stage, double fraction) {
        progress.Show(fmt::format("generate: {}", stage), fraction);
      });
    }
    const double generate_seconds = SecondsSince(start);
    const auto write_start = std::chrono::steady_clock::now();
    auto writer = MainDatabaseWriter::Open(*url);
    writer->CreateSchema(options.id_kind);
    {
      ProgressLine progress;
      writer->Write(data, [&](std::string_view table, int64_t written, int64_t total) {
        progress.Show(fmt::format("write: {}", table),
                      total > 0 ? static_cast<double>(written) / total : 1.0);
      });
    }
    std::printf(
        "generate: %zu presents, %lld users, %zu likes, %zu clicks -> %s in %.1f s "
        "(generate %.1f s, write %.1f s)\n",
        data.presents.size(), static_cast<long long>(options.users), data.likes.size(),
        data.clicks.size(), url->Masked().c_str(), SecondsSince(start), generate_seconds,
        SecondsSince(write_start));
    return kExitOk;
  } catch (const std::exception& error) {
    return Fail(fmt::format("generate: {}", error.what()));
  }
}

namespace {

// Writes `data` to `url` all or nothing, showing progress.
void WriteWithProgress(const DatabaseUrl& url, const MainData& data) {
  ProgressLine progress;
  ReplaceMainDatabase(url, data, [&](std::string_view table, int64_t written, int64_t total) {
    progress.Show(fmt::format("write: {}", table),
                  total > 0 ? static_cast<double>(written) / total : 1.0);
  });
}

}  // namespace

int RunImport(const ImportArgs& args) {
  auto url = ParseDatabaseUrl(args.out);
  if (!url) {
    std::fprintf(stderr, "mysanta-rec: --out: expected %s\n", url.error().c_str());
    return kExitUsage;
  }
  try {
    if (!args.force && MainDatabaseExists(*url)) {
      std::fprintf(stderr,
                   "mysanta-rec: import: %s already holds a main database (--force replaces it)\n",
                   url->Masked().c_str());
      return kExitUsage;
    }
    const auto start = std::chrono::steady_clock::now();
    auto imported = LoadPublicData(args.options);
    if (!imported) {
      std::fprintf(stderr, "mysanta-rec: import: %s\n", imported.error().c_str());
      return kExitUsage;
    }
    const double read_seconds = SecondsSince(start);
    const auto write_start = std::chrono::steady_clock::now();
    WriteWithProgress(*url, imported->data);
    std::printf("%s", imported->report.Format().c_str());
    std::printf("import: -> %s in %.1f s (read %.1f s, write %.1f s)\n", url->Masked().c_str(),
                SecondsSince(start), read_seconds, SecondsSince(write_start));
    return kExitOk;
  } catch (const std::exception& error) {
    return Fail(fmt::format("import: {}", error.what()));
  }
}

int RunMigrate(const Config& config) {
  try {
    auto main = MainDatabase::Open(config.main_database);
    auto recommendations = RecommendationsDatabase::Open(config.recommendations_database);
    recommendations->Migrate(main->user_id_kind());
    std::printf("migrate: %s is up to date\n", config.recommendations_database.Masked().c_str());
    return kExitOk;
  } catch (const std::exception& error) {
    return Fail(fmt::format("migrate: {}", error.what()));
  }
}

int RunRefresh(const Config& config, const std::string& job_word) {
  try {
    ConfigureLogging(config);
    auto main = MainDatabase::Open(config.main_database);
    auto recommendations = RecommendationsDatabase::Open(config.recommendations_database);
    recommendations->Migrate(main->user_id_kind());
    auto cache = OpenCache(config.cache);
    JobRunner runner(*main, *recommendations, cache.get(), AlgorithmOptions(config));
    runner.RecordAbandonedRuns();
    std::vector<JobResult> results;
    if (job_word == "all") {
      auto all = runner.RunAll();
      if (!all) return Fail("refresh: another `refresh all` is running");
      results = std::move(*all);
    } else {
      results.push_back(runner.Run(*JobFromCommandWord(job_word)));
    }
    bool all_completed = true;
    for (const JobResult& result : results) {
      std::printf("%-18s %-9s %10.1f ms %10lld rows%s\n", std::string(JobName(result.job)).c_str(),
                  std::string(JobStatusName(result.status)).c_str(), result.duration_ms,
                  static_cast<long long>(result.rows),
                  result.error ? (" error: " + *result.error).c_str() : "");
      all_completed &= result.status == JobResult::Status::kCompleted;
    }
    return all_completed ? kExitOk : kExitFailure;
  } catch (const std::exception& error) {
    return Fail(fmt::format("refresh: {}", error.what()));
  }
}

namespace {

// The service's collaborative methods and settings besides the configured one, measured side by
// side to choose the defaults.
void AddCollaborativeCandidates(EvaluationOptions& options) {
  auto add = [&](std::string name, auto change, Algorithm tier = Algorithm::kCollaborative) {
    SnapshotOptions candidate = options.snapshot;
    change(candidate);
    options.candidates.push_back({std::move(name), candidate, tier});
  };
  add("item_knn", [](SnapshotOptions& o) { o.collaborative.method = CollaborativeMethod::kItemKnn; });
  add("user_knn", [](SnapshotOptions& o) { o.collaborative.method = CollaborativeMethod::kUserKnn; });
  add("blend", [](SnapshotOptions& o) { o.collaborative.method = CollaborativeMethod::kBlend; });
  add("ease_untuned", [](SnapshotOptions& o) { o.collaborative.tune_ease = false; });
  add("ease_no_tail", [](SnapshotOptions& o) { o.collaborative.ease_tail_scale = 0; });
  for (const double days : {30.0, 365.0, 1e9}) {
    add(fmt::format("popular_half_life_{}d", days),
        [days](SnapshotOptions& o) { o.popularity.half_life_days = days; }, Algorithm::kPopular);
  }
  add("content_only", [](SnapshotOptions& o) { o.content_co_liked_weight = 0; },
      Algorithm::kContentBased);
  for (const auto& [source, source_name] :
       {std::pair{ContentCoLiked::kItemNeighbours, "cosine"},
        std::pair{ContentCoLiked::kCollaborative, "model"}}) {
    for (const double weight : {0.5, 0.9}) {
      add(fmt::format("content_co_liked_{}_{}", source_name, weight),
          [source, weight](SnapshotOptions& o) {
            o.content_co_liked = source;
            o.content_co_liked_weight = weight;
          },
          Algorithm::kContentBased);
    }
  }
}

}  // namespace

std::expected<SplitOptions, std::string> ParseSplitArgument(std::string_view text) {
  SplitOptions options;
  const size_t colon = text.find(':');
  const std::string_view kind = text.substr(0, colon);
  if (kind == "recent") {
    options.kind = SplitKind::kRecent;
  } else if (kind == "random") {
    options.kind = SplitKind::kRandom;
  } else if (kind == "given") {
    options.kind = SplitKind::kGiven;
  } else {
    return std::unexpected(fmt::format(
        "--split: expected recent[:F], random[:R] or given[:N[:U]], got \"{}\"", text));
  }
  if (colon == std::string_view::npos) return options;
  std::string_view rest = text.substr(colon + 1);
  if (options.kind == SplitKind::kGiven) {
    const size_t second = rest.find(':');
    const std::string given(rest.substr(0, second));
    char* end = nullptr;
    const long value = std::strtol(given.c_str(), &end, 10);
    if (given.empty() || end != given.c_str() + given.size() || value < 1 || value > 1000) {
      return std::unexpected(fmt::format(
          "--split: the likes given after \"given:\" must be a whole number from 1 to 1000, got "
          "\"{}\"", given));
    }
    options.given = static_cast<int>(value);
    if (second == std::string_view::npos) return options;
    rest = rest.substr(second + 1);
  }
  const std::string number(rest);
  char* end = nullptr;
  const double value = std::strtod(number.c_str(), &end);
  if (number.empty() || end != number.c_str() + number.size() || !(value > 0 && value < 1)) {
    return std::unexpected(
        fmt::format("--split: the share after \"{}:\" must be a number between 0 and 1, got "
                    "\"{}\"", kind, number));
  }
  switch (options.kind) {
    case SplitKind::kRecent: options.holdout_fraction = value; break;
    case SplitKind::kRandom: options.train_ratio = value; break;
    case SplitKind::kGiven: options.given_users = value; break;
  }
  return options;
}

std::string SplitOptionsError(const std::string& text) {
  const auto parsed = ParseSplitArgument(text);
  return parsed ? std::string() : parsed.error();
}

int RunEvaluate(const Config& config, const EvaluateArgs& args) {
  try {
    ConfigureLogging(config);
    auto main = MainDatabase::Open(config.main_database);
    const auto start = std::chrono::steady_clock::now();
    std::fprintf(stderr, "evaluate: loading the main database\n");
    const MainData data = main->LoadAll();
    std::fprintf(stderr, "evaluate: %zu users, %zu presents, %zu likes loaded in %.1f s\n",
                 data.users.size(), data.presents.size(), data.likes.size(), SecondsSince(start));
    EvaluationOptions options;
    options.k = args.k;
    options.split = ParseSplitArgument(args.split).value();
    options.split.max_users = args.max_users;
    options.split.seed = args.seed;
    options.snapshot = AlgorithmOptions(config);
    options.baselines = args.baselines;
    if (args.candidates) AddCollaborativeCandidates(options);
    ProgressLine progress;
    options.progress = [&](std::string_view stage, double fraction) {
      progress.Show(stage, fraction);
    };
    const EvaluationReport report = Evaluate(data, options);
    if (args.json) {
      std::printf("%s\n", FormatReportJson(report).c_str());
    } else {
      std::printf("%s", FormatReportTable(report).c_str());
      std::printf("(%s, evaluated in %.1f s)\n", config.main_database.Masked().c_str(),
                  SecondsSince(start));
    }
    return kExitOk;
  } catch (const std::exception& error) {
    return Fail(fmt::format("evaluate: {}", error.what()));
  }
}

}  // namespace mysanta
