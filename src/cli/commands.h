// The subcommands of mysanta-rec, each a function from parsed arguments to an exit code.
// cli.cc parses the command line; these run the work. Exit codes: 0 success, 1 failure at run
// time (a database down, a job failed), 2 wrong arguments or configuration.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/config.h"
#include "core/ids.h"

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
};

struct EvaluateArgs {
  int k = 20;
  std::string holdout = "recent";  // recent|random
  double holdout_fraction = 0.2;   // share of each qualifying user's likes hidden
  int max_users = 0;               // 0: every qualifying user
  uint64_t seed = 42;              // for the random holdout and user sampling
  bool json = false;
};

int RunServe(const Config& config);
int RunDemo(const Config& config, const std::string& scale);
int RunGenerate(const GenerateArgs& args);
// job: popular|profiles|similarities|cache|all
int RunRefresh(const Config& config, const std::string& job);
int RunEvaluate(const Config& config, const EvaluateArgs& args);
int RunMigrate(const Config& config);

}  // namespace mysanta
