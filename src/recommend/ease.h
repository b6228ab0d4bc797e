// EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"): a linear item-item
// model with a closed form, B = I - P / diag(P) with P = (X^T X + lambda I)^-1 and a zero
// diagonal; a user's score for present j is the sum of B[i][j] over the presents i they
// interacted with. Among the strongest models on real implicit-feedback data, but P is dense: the
// model is restricted to the `items` presents with the most users (others are never scored by
// it) and costs O(items^3) to fit (LAPACK on every core: about 2 s for 5,000 presents on 2
// cores) and items^2 floats of memory while fitting. X is binary (interacted or not).
//
// The serving snapshot keeps only each row's strongest weights (SparseRows); the dense model is
// for fitting and for the offline evaluation's EASE baseline. Immutable after Fit; thread-safe
// for const use.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/ids.h"
#include "recommend/interaction_matrix.h"
#include "recommend/scored_index.h"

namespace mysanta {

struct EaseOptions {
  int items = 6000;      // Default 6,000: presents in the model (the most interacted with).
  double lambda = 200;   // Default 200: L2 regularization; larger for denser data.
  int min_users = 2;     // Default 2: presents with fewer users are left to the item-kNN tail.
};

class EaseModel {
 public:
  EaseModel() = default;
  static EaseModel Fit(const InteractionMatrix& matrix, const EaseOptions& options);

  bool empty() const { return model_items_.empty(); }
  size_t size() const { return model_items_.size(); }
  std::span<const Index> items() const { return model_items_; }  // model position -> present
  // The model position of a present, -1 when it is not in the model.
  int32_t PositionOf(Index present) const {
    return present < position_of_.size() ? position_of_[present] : -1;
  }
  // B's row of a model position: the weight it lends each model position.
  std::span<const float> Row(size_t position) const {
    return {weights_.data() + position * size(), size()};
  }
  // Dense scores of the model's presents for a user who interacted with `items` (present
  // indices); the user's own presents are left out; only positive scores are returned.
  std::vector<ScoredIndex> Score(std::span<const Index> items) const;
  // Each model present's `keep` largest weights, as (present, weight) lists indexed by present
  // (empty for presents outside the model): the sparse form the snapshot serves from.
  std::vector<std::vector<ScoredIndex>> StrongestWeights(size_t keep) const;

 private:
  std::vector<Index> model_items_;
  std::vector<int32_t> position_of_;  // present -> model position, -1 when not in the model
  std::vector<float> weights_;        // B, row-major, size() x size()
};

}  // namespace mysanta
