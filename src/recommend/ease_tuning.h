// ChooseEaseSettings: EASE's lambda and dropout, and the weight of the popularity prior, for the
// data at hand,
// chosen by validation, so one binary serves a dense movie log and a sparse shop log well (the
// best lambda differs by orders of magnitude between data sets, and a popularity share helps on
// sparse logs while it hurts on dense ones).
//
// Validation: a deterministic sample of users with at least 4 presents each hide a seeded 20% of
// them; a small EASE (the most interacted-with presents) is fitted on the rest for each lambda
// and dropout; each (lambda, dropout, prior) ranks the hidden presents as the snapshot would (EASE scores scaled to
// a maximum of 1, plus prior x popularity scaled to 1) and the best mean NDCG@k wins (ties: the
// first in the lists' order). Pure function of its arguments; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "recommend/interaction_matrix.h"

namespace mysanta {

struct EaseTuningOptions {
  std::vector<double> lambdas = {30, 100, 300, 1000, 3000};  // Default: five decades' points.
  std::vector<double> dropouts = {0, 0.15, 0.33};            // Default: EASE and two EDLAEs.
  std::vector<double> priors = {0, 0.05, 0.15, 0.4};         // Default: none to strong.
  int users = 2000;    // Default 2,000: validation users sampled.
  int items = 2000;    // Default 2,000: presents in the validation model.
  int k = 10;          // Default 10: NDCG@k.
  uint64_t seed = 1;   // Default 1.
  int threads = 2;     // Default 2: for scoring the validation users.
};

struct EaseSettings {
  double lambda = 300;
  double dropout = 0;
  double prior = 0;
  double ndcg = 0;         // the validation NDCG@k of the chosen pair
  int64_t validation_users = 0;  // 0: too little data to validate; the defaults are kept
};

// `fallback` is returned (with validation_users 0) when no user qualifies.
EaseSettings ChooseEaseSettings(const InteractionMatrix& matrix, const EaseTuningOptions& options,
                                EaseSettings fallback);

}  // namespace mysanta
