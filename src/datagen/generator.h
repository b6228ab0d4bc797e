// The synthetic data generator (SPEC section 8): makes a main database's users, presents, likes
// and clicks in memory, with the structure of real gift data — long-tailed popularity and user
// activity, tastes (latent clusters over categories and price bands) that depend on gender, age
// and region, regional and inactive presents, and a December peak. Pure: no I/O; the same options
// (seed included) give byte-identical data on every machine. The store layer writes the result.
//
// Thread safety: the functions are reentrant; each call builds its own data.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/main_data.h"

namespace mysanta {

// 2026-12-31 00:00:00 UTC: a fixed "now", so that the data do not depend on when they are made.
inline constexpr int64_t kDefaultGenerateNow = 1798675200;

struct GenerateOptions {
  int64_t users = 0;                  // rows of `users` (all users have demographics); default 0
  int64_t presents = 0;               // rows of `presents`; default 0
  int64_t likes = 0;                  // rows of `likes`, unique per (user, present); default 0
  int64_t clicks = 0;                 // rows of `clicks`, about 15% anonymous; default 0
  uint64_t seed = 42;                 // same seed, same data; default 42
  IdKind id_kind = IdKind::kInteger;  // integer ids 1..n, or UUID-like text ids; default integer
  int64_t now = kDefaultGenerateNow;  // activity lies in the year before it; default 2026-12-31
};

// The named scales: "tiny" (500 presents, 2,000 users, 10,000 likes, 12,000 clicks), "seed"
// (16,000 / 100,000 / 600,000 / 800,000, MySanta's size) and "large" (100,000 / 300,000 /
// 2,000,000 / 3,000,000). nullopt for another name.
std::optional<GenerateOptions> ScaleOptions(std::string_view name);

// nullopt when the options can be generated; else what is wrong with them (negative counts,
// likes or clicks without presents, likes without users, more likes than (user, present) pairs).
std::optional<std::string> ValidateGenerateOptions(const GenerateOptions& options);

// The hidden truth behind the generated data, for tests and sanity checks of the recommenders:
// which taste cluster each user mainly belongs to and which cluster each present was made for.
struct LatentTaste {
  int cluster_count = 0;
  std::vector<uint16_t> user_cluster;     // indexed by user index: the user's main cluster
  std::vector<uint16_t> present_cluster;  // indexed by present index
};

struct GeneratedData {
  MainData data;
  LatentTaste taste;
};

// Called at the start of each stage ("users", "presents", "likes", "clicks", "ordering") and as
// it goes, with the stage's completed fraction in [0, 1].
using GenerateProgress = std::function<void(std::string_view stage, double fraction)>;

// Generates the data set. Throws std::invalid_argument when ValidateGenerateOptions fails.
MainData Generate(const GenerateOptions& options, const GenerateProgress& progress = {});
// The same data, with the latent taste they were drawn from.
GeneratedData GenerateWithTaste(const GenerateOptions& options,
                                const GenerateProgress& progress = {});

}  // namespace mysanta
