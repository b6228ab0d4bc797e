// Offline evaluation (SPEC section 9): split each test user's likes into train and test
// (split.h), compute everything the service computes (popularity, profiles, similarities, the
// snapshot) from train alone, and measure (metrics.h) how well the service's tiers, its
// selection policy and the baselines (baselines.h) find the held-out likes.
//
// Rows: the service's `popular`, `content_based` and `collaborative` tiers (each forced for
// every user, filled up as the service fills), `policy` (the tier the service would choose), and
// the baselines `most_popular`, `item_knn`, `user_knn`, `ease`. EASE's lambda is chosen on a
// validation split cut from train (never from test). Each row is broken down by the user's
// training history: all, 1-2 interactions, 3+ interactions.
// Deterministic: same data and options, same report, for any thread count. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/main_data.h"
#include "eval/metrics.h"
#include "eval/split.h"
#include "recommend/snapshot.h"

namespace mysanta {

// A variant of the service measured beside it: `tier` served with `snapshot` options.
struct EvaluationCandidate {
  std::string name;  // labels the row
  SnapshotOptions snapshot;
  Algorithm tier = Algorithm::kCollaborative;
};

struct EvaluationOptions {
  int k = 10;                // Default 10.
  SplitOptions split;        // Default: see split.h (most recent likes).
  SnapshotOptions snapshot;  // Default: the service's (its `now` is set from `now`).
  int64_t now = 0;           // Default 0: one second after the data's latest event.
  bool baselines = true;     // Default true: also most_popular, item_knn, user_knn, ease.
  int item_knn_neighbours = 100;  // Default 100 (the item_knn baseline).
  int user_knn_neighbours = 20;   // Default 20 (the user_knn baseline).
  int ease_max_items = 12000;     // Default 12,000: the EASE baseline's cap (dense, items^2).
  // Default {10 ... 3000}: the EASE baseline's lambdas tried on the validation split.
  std::vector<double> ease_lambdas = {10, 30, 100, 300, 1000, 3000};
  // Default empty: extra rows, each one of the service's tiers with other options (for choosing
  // the service's defaults).
  std::vector<EvaluationCandidate> candidates;
  // Default none: called with a stage and a fraction done, for progress lines.
  std::function<void(std::string_view stage, double fraction)> progress;
};

enum HistoryBucket { kAllUsers = 0, kOneOrTwo = 1, kThreeOrMore = 2, kBucketCount = 3 };
std::string_view HistoryBucketName(int bucket);  // "all", "1-2", "3+"

struct MethodMetrics {
  std::string name;  // e.g. "collaborative", "ease"
  std::string kind;  // "service", "baseline" or "candidate"
  std::string note;  // e.g. "lambda=300 (validation)"
  std::array<RankingMetrics, kBucketCount> buckets;
};

struct EvaluationReport {
  int k = 10;
  std::string split;  // e.g. "random 0.75, seed 42"
  int64_t users_evaluated = 0;
  int64_t test_likes = 0;
  int64_t train_presents = 0;  // distinct presents with an interaction in train
  std::vector<MethodMetrics> methods;
};

EvaluationReport Evaluate(const MainData& data, const EvaluationOptions& options);

std::string FormatReportTable(const EvaluationReport& report);
std::string FormatReportJson(const EvaluationReport& report);

}  // namespace mysanta
