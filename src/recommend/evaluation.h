// Offline evaluation (SPEC section 9): hide part of each qualifying user's likes, recompute
// everything (popularity, profiles, similarities, snapshot) from the rest, and measure how well
// each strategy and the service's own selection policy find the hidden likes.
//
// Metrics at k, averaged over users: Recall@k = hits / min(k, hidden) (so a perfect list scores 1
// however many likes were hidden), NDCG@k with binary relevance, hit rate (share of users with at
// least one hit), catalogue coverage (distinct presents recommended / active presents). Broken
// down by the user's history after hiding: all, 1-2 interactions, 3+ interactions.
// Deterministic: same data and options, same report, for any thread count. Thread-safe (no
// shared state).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/main_data.h"
#include "recommend/snapshot.h"

namespace mysanta {

enum class HoldoutMode { kMostRecent, kRandom };

struct EvaluationOptions {
  int k = 20;                      // Default 20.
  HoldoutMode holdout = HoldoutMode::kMostRecent;  // Default: the most recent likes.
  double holdout_fraction = 0.2;   // Default 0.2: share of a user's likes hidden (at least one).
  int min_likes = 2;               // Default 2: users with fewer likes are not evaluated.
  int max_users = 0;               // Default 0: every qualifying user; else a deterministic sample.
  uint64_t seed = 1;               // Default 1: for the random holdout and the user sample.
  int64_t now = 0;                 // Default 0: one second after the data's latest event.
  SnapshotOptions snapshot;        // Default: the service's (its `now` is set from `now`).
  std::vector<Strategy> strategies = {Strategy::kPopular, Strategy::kContentBased,
                                      Strategy::kUserKnn, Strategy::kItemKnn, Strategy::kBlend,
                                      Strategy::kEase, Strategy::kPolicy};  // Default: all.
  // EASE is fitted (snapshot.ease) when `strategies` names it.
};

struct Metrics {
  double recall = 0;
  double ndcg = 0;
  double hit_rate = 0;
  double coverage = 0;
  int64_t users = 0;
};

enum HistoryBucket { kAllUsers = 0, kOneOrTwo = 1, kThreeOrMore = 2, kBucketCount = 3 };
std::string_view HistoryBucketName(int bucket);  // "all", "1-2", "3+"

struct StrategyMetrics {
  Strategy strategy = Strategy::kPolicy;
  std::array<Metrics, kBucketCount> buckets;
};

struct EvaluationReport {
  int k = 20;
  std::string holdout;  // "most_recent" or "random"
  int64_t users_evaluated = 0;
  int64_t hidden_likes = 0;
  int64_t active_presents = 0;
  std::vector<StrategyMetrics> strategies;
};

EvaluationReport Evaluate(const MainData& data, const EvaluationOptions& options);

std::string FormatReportTable(const EvaluationReport& report);
std::string FormatReportJson(const EvaluationReport& report);

}  // namespace mysanta
