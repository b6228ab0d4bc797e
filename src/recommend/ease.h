// EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"): a linear item-item
// model with a closed form, B = I - P / diag(P) with P = (X^T X + lambda I)^-1 and a zero
// diagonal. Strong on real implicit-feedback data, but P is dense: the model is restricted to the
// `items` presents with the most users (others are never scored by it), and costs O(items^3) to
// fit (about a second for 1,000 presents). X is binary (the user interacted or not).
// Immutable after Fit; thread-safe for const use.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/ids.h"
#include "recommend/interaction_matrix.h"
#include "recommend/scored_index.h"

namespace mysanta {

struct EaseOptions {
  int items = 1000;      // Default 1,000: presents in the model (the most interacted with).
  double lambda = 100;   // Default 100: L2 regularization; larger for denser data.
};

class EaseModel {
 public:
  EaseModel() = default;
  static EaseModel Fit(const InteractionMatrix& matrix, const EaseOptions& options);

  bool empty() const { return model_items_.empty(); }
  size_t size() const { return model_items_.size(); }
  // Scores of the model's presents for a user who interacted with `items` (present indices);
  // presents of the user's own are left out; only positive scores are returned.
  std::vector<ScoredIndex> Score(std::span<const Index> items) const;

 private:
  std::vector<Index> model_items_;    // model position -> present
  std::vector<int32_t> position_of_;  // present -> model position, -1 when not in the model
  std::vector<float> weights_;        // B, row-major, size() x size()
};

}  // namespace mysanta
