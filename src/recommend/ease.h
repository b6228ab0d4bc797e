// EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"): a linear item-item
// model with a closed form, B = I - P / diag(P) with P = (X^T X + Lambda)^-1 and a zero
// diagonal, Lambda = lambda I (+ the EDLAE dropout term, see EaseOptions); a user's score for present j is the sum of B[i][j] over the presents i they
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
  int items = 4000;      // Default 4,000: presents in the model (the most interacted with).
  double lambda = 300;   // Default 300: L2 regularization; larger for denser data.
  // Default 0 (plain EASE): dropout rate p of the emphasized denoising variant (Steck 2020,
  // "Autoencoders that don't overfit towards the Identity", EDLAE): each present's ridge grows by
  // p / (1 - p) times its own number of users, so popular presents are regularized harder.
  double dropout = 0;
  int min_users = 2;     // Default 2: presents with fewer users are left to the item-kNN tail.
};

// The presents each user interacted with, for fitting on other data than a matrix's own (the
// validation split of ease_tuning.h).
struct UserItemLists {
  size_t item_count = 0;
  std::vector<std::vector<Index>> users;  // per user: present indices, unique
  static UserItemLists FromMatrix(const InteractionMatrix& matrix);
};

class EaseModel {
 public:
  EaseModel() = default;
  static EaseModel Fit(const InteractionMatrix& matrix, const EaseOptions& options);
  static EaseModel Fit(const UserItemLists& data, const EaseOptions& options);

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
  // Each model present's `keep` weights largest in magnitude (negative ones matter too), as
  // (present, weight) lists best first, indexed by present (empty for presents outside the
  // model): the sparse form the snapshot serves from.
  std::vector<std::vector<ScoredIndex>> StrongestWeights(size_t keep) const;

 private:
  std::vector<Index> model_items_;
  std::vector<int32_t> position_of_;  // present -> model position, -1 when not in the model
  std::vector<float> weights_;        // B, row-major, size() x size()
};

}  // namespace mysanta
