// The subcommands of mysanta-rec, each a function from parsed arguments to an exit code.
// cli.cc parses the command line; these run the work. Exit codes: 0 success, 1 failure at run
// time (a database down, a job failed), 2 wrong arguments or configuration.
#pragma once

#include <expected>
#include <string_view>

#include <cstdint>
#include <optional>
#include <string>

#include "core/config.h"
#include "eval/split.h"
#include "core/ids.h"
#include "importer/import_options.h"

namespace mysanta {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

struct GenerateArgs {
  std::optional<std::string> scale;  // tiny|seed|large; else the explicit counts below
  int64_t users = 0;
  int64_t presents = 0;
  int64_t likes = 0;
  int64_t clicks = 0;
  uint64_t seed = 42;
  IdKind id_kind = IdKind::kInteger;
  std::string out;  // database URL
  // An --out that already holds a main database: refused (exit 1) unless `force` replaces it or
  // `if_missing` keeps it (exit 0).
  bool force = false;
  bool if_missing = false;
};

struct EvaluateArgs {
  int k = 20;
  // "recent[:F]" (each user's most recent share F of likes is test, default 0.2) or
  // "random[:R]" (a seeded per-user ratio split, share R in train, default 0.75).
  std::string split = "recent";
  int max_users = 0;               // 0: every test user
  uint64_t seed = 42;              // for the random split and user sampling
  bool baselines = true;           // also most_popular, item_knn, user_knn, ease
  bool candidates = false;         // also the service's other collaborative methods
  bool json = false;
};

struct ImportArgs {
  ImportOptions options;
  std::string out;     // database URL
  bool force = false;  // replace an existing main database
};

int RunServe(const Config& config);
int RunDemo(const Config& config, const std::string& scale);
int RunGenerate(const GenerateArgs& args);
// job: popular|profiles|similarities|cache|all
int RunRefresh(const Config& config, const std::string& job);
int RunEvaluate(const Config& config, const EvaluateArgs& args);
// The --split argument ("recent[:F]" or "random[:R]") as split options, or what is wrong with it.
std::expected<SplitOptions, std::string> ParseSplitArgument(std::string_view text);
// CLI11's validator form of it: "" when the text is a valid --split.
std::string SplitOptionsError(const std::string& text);
int RunMigrate(const Config& config);
int RunImport(const ImportArgs& args);

}  // namespace mysanta
