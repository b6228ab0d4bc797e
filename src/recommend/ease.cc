#include "recommend/ease.h"

#include <algorithm>
#include <numeric>

namespace mysanta {
namespace {

// In-place Gauss-Jordan inversion of a symmetric positive definite matrix (no pivoting needed).
void InvertSpd(std::vector<double>& a, size_t n) {
  for (size_t k = 0; k < n; ++k) {
    double* row_k = a.data() + k * n;
    const double pivot = row_k[k];
    row_k[k] = 1.0;
    for (size_t j = 0; j < n; ++j) row_k[j] /= pivot;
    for (size_t i = 0; i < n; ++i) {
      if (i == k) continue;
      double* row_i = a.data() + i * n;
      const double factor = row_i[k];
      if (factor == 0) continue;
      row_i[k] = 0.0;
      for (size_t j = 0; j < n; ++j) row_i[j] -= factor * row_k[j];
    }
  }
}

}  // namespace

EaseModel EaseModel::Fit(const InteractionMatrix& matrix, const EaseOptions& options) {
  EaseModel model;
  std::vector<Index> order;
  for (Index i = 0; i < matrix.item_count(); ++i) {
    if (!matrix.ItemUsers(i).empty()) order.push_back(i);
  }
  const size_t n = std::min(order.size(), static_cast<size_t>(std::max(options.items, 0)));
  if (n == 0) return model;
  std::partial_sort(order.begin(), order.begin() + n, order.end(), [&](Index a, Index b) {
    const size_t na = matrix.ItemUsers(a).size();
    const size_t nb = matrix.ItemUsers(b).size();
    return na != nb ? na > nb : a < b;
  });
  order.resize(n);
  std::sort(order.begin(), order.end());
  model.model_items_ = order;
  model.position_of_.assign(matrix.item_count(), -1);
  for (size_t k = 0; k < n; ++k) model.position_of_[order[k]] = static_cast<int32_t>(k);

  // Gram matrix G = X^T X over the model's presents, plus lambda on the diagonal.
  std::vector<double> g(n * n, 0.0);
  std::vector<int32_t> positions;
  for (Index u = 0; u < matrix.user_count(); ++u) {
    positions.clear();
    for (Index item : matrix.UserItems(u)) {
      if (model.position_of_[item] >= 0) positions.push_back(model.position_of_[item]);
    }
    for (int32_t a : positions) {
      double* row = g.data() + static_cast<size_t>(a) * n;
      for (int32_t b : positions) row[b] += 1.0;
    }
  }
  for (size_t k = 0; k < n; ++k) g[k * n + k] += options.lambda;
  InvertSpd(g, n);
  model.weights_.assign(n * n, 0.0f);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < n; ++j) {
      if (i != j) model.weights_[i * n + j] = static_cast<float>(-g[i * n + j] / g[j * n + j]);
    }
  }
  return model;
}

std::vector<ScoredIndex> EaseModel::Score(std::span<const Index> items) const {
  std::vector<ScoredIndex> result;
  const size_t n = model_items_.size();
  if (n == 0) return result;
  std::vector<float> scores(n, 0.0f);
  std::vector<bool> own(n, false);
  for (Index item : items) {
    if (item >= position_of_.size() || position_of_[item] < 0) continue;
    const size_t row = static_cast<size_t>(position_of_[item]);
    own[row] = true;
    const float* weights = weights_.data() + row * n;
    for (size_t j = 0; j < n; ++j) scores[j] += weights[j];
  }
  for (size_t j = 0; j < n; ++j) {
    if (!own[j] && scores[j] > 0) result.push_back({model_items_[j], scores[j]});
  }
  return result;
}

}  // namespace mysanta
