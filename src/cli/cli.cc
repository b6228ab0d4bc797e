#include "cli/cli.h"

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <vector>
#include <map>
#include <set>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.h"
#include "core/build_info.h"
#include "core/config.h"

namespace mysanta {
namespace {

// The variables a batch subcommand reads; `serve` and `demo` read every one. A subcommand lists
// (and validates) only its own: `migrate --help` does not offer --port.
const std::set<std::string> kMigrateVariables = {"MAIN_DATABASE_URL", "RECOMMENDATIONS_DATABASE_URL",
                                                 "LOG_LEVEL", "LOG_FORMAT"};
const std::set<std::string> kRefreshVariables = {
    "MAIN_DATABASE_URL", "RECOMMENDATIONS_DATABASE_URL", "RECOMMENDATIONS_REDIS_URL",
    "MAX_SIMILAR_USERS", "LOG_LEVEL", "LOG_FORMAT"};
const std::set<std::string> kEvaluateVariables = {"MAIN_DATABASE_URL", "MAX_SIMILAR_USERS",
                                                  "LOG_LEVEL", "LOG_FORMAT"};

// Collects configuration flags (--port, --max-page-size, ...) that override their variables.
class ConfigFlags {
 public:
  // Adds a flag per variable of `only` (every variable when empty).
  void AddTo(CLI::App& command, const std::set<std::string>& only = {}) {
    for (const ConfigVariable& variable : ConfigVariables()) {
      if (!only.empty() && !only.contains(variable.name)) continue;
      command.add_option(variable.flag, overrides_[variable.name],
                         fmt::format("{} (env {}, default: {})", variable.meaning, variable.name,
                                     variable.default_value.empty() ? "unset"
                                                                    : variable.default_value));
    }
  }

  // The environment, with every flag that was given taking precedence; variables outside `only`
  // (when not empty) keep their defaults. An error names the flag when a flag gave the value.
  std::expected<Config, std::string> Resolve(const std::set<std::string>& only = {}) const {
    const VariableLookup environment = EnvironmentLookup();
    auto config = ParseConfig([&](const std::string& name) -> std::optional<std::string> {
      if (!only.empty() && !only.contains(name)) return std::nullopt;
      auto it = overrides_.find(name);
      if (it != overrides_.end() && !it->second.empty()) return it->second;
      return environment(name);
    });
    if (config) return config;
    for (const ConfigVariable& variable : ConfigVariables()) {
      auto it = overrides_.find(variable.name);
      if (it != overrides_.end() && !it->second.empty() &&
          config.error().starts_with(variable.name + ":")) {
        return std::unexpected(variable.flag + config.error().substr(variable.name.size()));
      }
    }
    return config;
  }

 private:
  std::map<std::string, std::string> overrides_;
};

// The import options that need more than CLI11's checks: files given by position, the
// delimiter's spellings, the column list.
struct ImportCommandLine {
  std::string format;
  std::vector<std::string> files;  // ratings [items [users]]
  std::string delimiter = ",";
  std::string header = "no";
  std::string columns = "user,item,timestamp,weight";
  std::string id_type = "auto";
  std::string below_min = "skip";
  std::optional<double> min_rating;
};

// ",", ";", "|", "tab" or "\t": the character, or nullopt.
std::optional<char> DelimiterOf(const std::string& text) {
  if (text == "tab" || text == "\\t" || text == "\t") return '\t';
  if (text.size() == 1 && text != "\"" && text != "\n" && text != "\r") return text[0];
  return std::nullopt;
}

void AddImportOptions(CLI::App& command, ImportArgs& args, ImportCommandLine& line) {
  command.add_option("--format", line.format,
                     "movielens (either of:), movielens-100k (u.data), movielens-csv "
                     "(ratings.csv of ml-latest-small, ml-25m, ml-32m) or csv (user,item[,"
                     "timestamp[,weight]])")
      ->required()
      ->check(CLI::IsMember({"movielens", "movielens-100k", "movielens-csv", "csv"}));
  command.add_option("files", line.files, "RATINGS [ITEMS [USERS]]: the files by position");
  command.add_option("--ratings", args.options.ratings_path,
                     "the interaction log (u.data, ratings.csv, or the CSV)");
  command.add_option("--items", args.options.items_path,
                     "item file (default for MovieLens: u.item / movies.csv beside the ratings; "
                     "csv: item,title[,category])");
  command.add_option("--users", args.options.users_path,
                     "MovieLens 100K's u.user (default: beside u.data when present)");
  command.add_option("--out", args.out,
                     "database URL: postgresql://... or sqlite:PATH (default: MAIN_DATABASE_URL, "
                     "else sqlite:data/main.db)");
  command.add_flag("--force", args.force, "replace the main database at --out if there is one");
  command.add_option("--min-rating", line.min_rating,
                     "ratings (weights) at least this are likes (default: every rating)");
  command.add_option("--below-min", line.below_min,
                     "what a rating below --min-rating becomes: skip (default) or click")
      ->check(CLI::IsMember({"skip", "click"}));
  command.add_option("--default-category", args.options.default_category,
                     "category of items the data gives none (default: other)");
  command.add_option("--delimiter", line.delimiter,
                     "csv: field separator, one character or tab (default: ,)")
      ->check([](const std::string& text) {
        return DelimiterOf(text) ? std::string() : "expected one character or tab";
      });
  command.add_option("--header", line.header, "csv: the first line names the columns: yes or no "
                                              "(default: no)")
      ->check(CLI::IsMember({"yes", "no"}));
  command.add_option("--columns", line.columns,
                     "csv: the role of each column in order, from user, item, timestamp, weight, "
                     "- (ignored) (default: user,item,timestamp,weight)")
      ->check([](const std::string& text) {
        auto columns = ParseCsvColumns(text);
        return columns ? std::string() : columns.error();
      });
  command.add_option("--id-type", line.id_type,
                     "csv: auto (integer when every id is a positive integer), integer or text "
                     "(default: auto)")
      ->check(CLI::IsMember({"auto", "integer", "text"}));
}

// Completes `args` from the parsed line; the error names the argument.
std::optional<std::string> FinishImportArgs(const ImportCommandLine& line, ImportArgs& args) {
  ImportOptions& options = args.options;
  options.format = *ParseImportFormat(line.format);
  if (line.files.size() > 3) return "import: at most three files (RATINGS ITEMS USERS)";
  std::string* by_position[] = {&options.ratings_path, &options.items_path, &options.users_path};
  for (size_t i = 0; i < line.files.size(); ++i) {
    if (!by_position[i]->empty()) {
      return fmt::format("import: file \"{}\" given both by position and as an option",
                         line.files[i]);
    }
    *by_position[i] = line.files[i];
  }
  if (options.ratings_path.empty()) return "import: give the ratings file (--ratings FILE)";
  options.min_rating = line.min_rating;
  options.below_min_rating =
      line.below_min == "click" ? BelowMinRating::kClick : BelowMinRating::kSkip;
  options.delimiter = *DelimiterOf(line.delimiter);
  options.header = line.header == "yes";
  options.columns = *ParseCsvColumns(line.columns);
  options.id_type = line.id_type == "integer" ? IdTypeChoice::kInteger
                    : line.id_type == "text"  ? IdTypeChoice::kText
                                              : IdTypeChoice::kAuto;
  if (args.out.empty()) {
    const char* main_url = std::getenv("MAIN_DATABASE_URL");
    args.out = main_url != nullptr && *main_url != '\0' ? main_url : "sqlite:data/main.db";
  }
  return std::nullopt;
}

int UsageError(const std::string& message) {
  std::fprintf(stderr, "mysanta-rec: %s\n", message.c_str());
  return kExitUsage;
}

}  // namespace

int RunCli(int argc, char** argv) {
  CLI::App app{"mysanta-rec: gift recommendations for MySanta over HTTP/JSON.\n"
               "Configuration comes from environment variables; each has a flag that overrides "
               "it (see SUBCOMMAND --help).",
               "mysanta-rec"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "mysanta-rec " + VersionLine(),
                       "Print the version and the commit it was built from, and exit");

  ConfigFlags config_flags;

  CLI::App* serve = app.add_subcommand("serve", "Run the HTTP service and its background jobs");
  config_flags.AddTo(*serve);

  std::string demo_scale = "seed";
  CLI::App* demo = app.add_subcommand(
      "demo", "Quick start: synthetic data on the embedded default if none is there, compute, serve");
  demo->add_option("--scale", demo_scale, "data set to generate when none exists (default: seed)")
      ->check(CLI::IsMember({"tiny", "seed", "large"}));
  config_flags.AddTo(*demo);

  GenerateArgs generate_args;
  std::string id_type = "integer";
  CLI::App* generate = app.add_subcommand("generate", "Write a synthetic main database");
  auto* scale = generate
                    ->add_option("--scale", generate_args.scale,
                                 "tiny, seed (16k presents, 100k users, 600k likes, 800k clicks) "
                                 "or large (100k, 300k, 2M, 3M)")
                    ->check(CLI::IsMember({"tiny", "seed", "large"}));
  auto* users = generate->add_option("--users", generate_args.users, "users")
                    ->check(CLI::Range(int64_t{0}, int64_t{100'000'000}));
  auto* presents = generate->add_option("--presents", generate_args.presents, "presents")
                       ->check(CLI::Range(int64_t{1}, int64_t{100'000'000}));
  auto* likes = generate->add_option("--likes", generate_args.likes, "likes")
                    ->check(CLI::Range(int64_t{0}, int64_t{1'000'000'000}));
  auto* clicks = generate->add_option("--clicks", generate_args.clicks, "clicks")
                     ->check(CLI::Range(int64_t{0}, int64_t{1'000'000'000}));
  for (auto* count : {users, presents, likes, clicks}) count->excludes(scale);
  generate->add_option("--seed", generate_args.seed, "random seed (default: 42)");
  generate->add_option("--id-type", id_type, "integer or text (UUID) ids (default: integer)")
      ->check(CLI::IsMember({"integer", "text"}));
  generate->add_option("--out", generate_args.out, "database URL: postgresql://... or sqlite:PATH")
      ->required();
  auto* force = generate->add_flag("--force", generate_args.force,
                                   "replace the main database already at --out");
  generate
      ->add_flag("--if-missing", generate_args.if_missing,
                 "do nothing (exit 0) when --out already holds a main database")
      ->excludes(force);

  std::string refresh_job;
  CLI::App* refresh = app.add_subcommand("refresh", "Run one background job (or all) once");
  refresh->add_option("job", refresh_job, "popular, profiles, similarities, cache or all")
      ->required()
      ->check(CLI::IsMember({"popular", "profiles", "similarities", "cache", "all"}));
  config_flags.AddTo(*refresh, kRefreshVariables);

  EvaluateArgs evaluate_args;
  CLI::App* evaluate = app.add_subcommand("evaluate", "Offline quality report on the main database");
  evaluate->add_option("--k", evaluate_args.k, "cut-off of Recall@k and NDCG@k (default: 20)")
      ->check(CLI::Range(1, 1000));
  evaluate->add_option("--split", evaluate_args.split,
                       "recent[:F] (each user's most recent share F of likes is test; default "
                       "recent:0.2), random[:R] (seeded per-user split, share R in train; "
                       "random = random:0.75) or given[:N[:U]] (a seeded share U of the users "
                       "keep N likes in train, the rest is test; given = given:2:0.2)")
      ->check([](const std::string& text) { return SplitOptionsError(text); });
  evaluate->add_option("--max-users", evaluate_args.max_users,
                       "evaluate at most this many users, sampled (default: 0 = all)")
      ->check(CLI::Range(0, 100'000'000));
  evaluate->add_option("--seed", evaluate_args.seed,
                       "seed of the random split and the user sample (default: 42)");
  evaluate->add_flag("--no-baselines", [&](int64_t) { evaluate_args.baselines = false; },
                     "skip most_popular, item_knn, user_knn and ease");
  evaluate->add_flag("--candidates", evaluate_args.candidates,
                     "also measure the service's other collaborative methods");
  evaluate->add_flag("--json", evaluate_args.json, "print JSON instead of a table");
  config_flags.AddTo(*evaluate, kEvaluateVariables);

  ImportArgs import_args;
  ImportCommandLine import_line;
  CLI::App* import = app.add_subcommand(
      "import", "Load a public interaction log (MovieLens, CSV) into a main database");
  AddImportOptions(*import, import_args, import_line);

  CLI::App* migrate = app.add_subcommand(
      "migrate", "Create or upgrade the recommendations database schema (idempotent)");
  config_flags.AddTo(*migrate, kMigrateVariables);

  const std::set<std::string> kSubcommands = {"serve",    "demo",    "generate", "refresh",
                                              "evaluate", "migrate", "import"};
  if (argc > 1 && argv[1][0] != '-' && !kSubcommands.contains(argv[1])) {
    return UsageError(fmt::format("unknown subcommand \"{}\": expected serve, demo, generate, "
                                  "refresh, evaluate, migrate or import (see --help)", argv[1]));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    std::string message = error.what();
    if (message.empty()) message = "invalid arguments (see --help)";
    return UsageError(message + " (see --help)");
  }

  if (*generate) {
    if (!generate_args.scale && (users->count() == 0 || presents->count() == 0 ||
                                 likes->count() == 0 || clicks->count() == 0)) {
      return UsageError("generate: give --scale NAME, or all of --users --presents --likes "
                        "--clicks (see --help)");
    }
    generate_args.id_kind = id_type == "text" ? IdKind::kText : IdKind::kInteger;
    return RunGenerate(generate_args);
  }

  if (*import) {
    if (auto error = FinishImportArgs(import_line, import_args)) return UsageError(*error);
    return RunImport(import_args);
  }

  const std::set<std::string> used = *refresh    ? kRefreshVariables
                                    : *evaluate ? kEvaluateVariables
                                    : *migrate  ? kMigrateVariables
                                                : std::set<std::string>{};
  auto config = config_flags.Resolve(used);
  if (!config) return UsageError(config.error());
  if (*serve) return RunServe(*config);
  if (*demo) return RunDemo(*config, demo_scale);
  if (*refresh) return RunRefresh(*config, refresh_job);
  if (*evaluate) return RunEvaluate(*config, evaluate_args);
  if (*migrate) return RunMigrate(*config);
  return UsageError("unknown subcommand (see --help)");
}

}  // namespace mysanta
