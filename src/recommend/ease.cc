#include "recommend/ease.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "recommend/spd_inverse.h"

namespace mysanta {
namespace {

// The `items` presents with the most users (at least min_users), ascending by index.
std::vector<Index> ModelItems(const std::vector<uint32_t>& users_of, const EaseOptions& options) {
  std::vector<Index> order;
  for (Index i = 0; i < users_of.size(); ++i) {
    if (users_of[i] >= static_cast<uint32_t>(std::max(options.min_users, 1))) order.push_back(i);
  }
  const size_t n = std::min(order.size(), static_cast<size_t>(std::max(options.items, 0)));
  std::partial_sort(order.begin(), order.begin() + n, order.end(), [&](Index a, Index b) {
    return users_of[a] != users_of[b] ? users_of[a] > users_of[b] : a < b;
  });
  order.resize(n);
  std::sort(order.begin(), order.end());
  return order;
}

}  // namespace

UserItemLists UserItemLists::FromMatrix(const InteractionMatrix& matrix) {
  UserItemLists lists;
  lists.item_count = matrix.item_count();
  lists.users.resize(matrix.user_count());
  for (Index u = 0; u < matrix.user_count(); ++u) {
    const auto items = matrix.UserItems(u);
    lists.users[u].assign(items.begin(), items.end());
  }
  return lists;
}

EaseModel EaseModel::Fit(const InteractionMatrix& matrix, const EaseOptions& options) {
  return Fit(UserItemLists::FromMatrix(matrix), options);
}

EaseModel EaseModel::Fit(const UserItemLists& data, const EaseOptions& options) {
  EaseModel model;
  std::vector<uint32_t> users_of(data.item_count, 0);
  for (const auto& items : data.users) {
    for (Index item : items) ++users_of[item];
  }
  model.model_items_ = ModelItems(users_of, options);
  const size_t n = model.model_items_.size();
  if (n == 0) return model;
  model.position_of_.assign(data.item_count, -1);
  for (size_t k = 0; k < n; ++k) model.position_of_[model.model_items_[k]] = static_cast<int32_t>(k);

  // Gram matrix G = X^T X over the model's presents, plus lambda on the diagonal.
  std::vector<float> g(n * n, 0.0f);
  std::vector<int32_t> positions;
  for (const auto& items : data.users) {
    positions.clear();
    for (Index item : items) {
      if (model.position_of_[item] >= 0) positions.push_back(model.position_of_[item]);
    }
    for (int32_t a : positions) {
      float* row = g.data() + static_cast<size_t>(a) * n;
      for (int32_t b : positions) row[b] += 1.0f;
    }
  }
  const double emphasis = options.dropout > 0 && options.dropout < 1
                              ? options.dropout / (1 - options.dropout)
                              : 0;
  for (size_t k = 0; k < n; ++k) {
    g[k * n + k] += static_cast<float>(options.lambda + emphasis * g[k * n + k]);
  }
  if (!InvertSymmetricPositiveDefinite(g, n)) {
    throw std::runtime_error("EASE: the Gram matrix is not positive definite (lambda too small?)");
  }
  // B[i][j] = -P[i][j] / P[j][j], zero diagonal; computed in place over P.
  std::vector<float> diagonal(n);
  for (size_t j = 0; j < n; ++j) diagonal[j] = g[j * n + j];
  for (size_t i = 0; i < n; ++i) {
    float* row = g.data() + i * n;
    for (size_t j = 0; j < n; ++j) row[j] = -row[j] / diagonal[j];
    row[i] = 0.0f;
  }
  model.weights_ = std::move(g);
  return model;
}

std::vector<ScoredIndex> EaseModel::Score(std::span<const Index> items) const {
  std::vector<ScoredIndex> result;
  const size_t n = size();
  if (n == 0) return result;
  std::vector<float> scores(n, 0.0f);
  std::vector<bool> own(n, false);
  for (Index item : items) {
    const int32_t position = PositionOf(item);
    if (position < 0) continue;
    own[position] = true;
    const std::span<const float> weights = Row(position);
    for (size_t j = 0; j < n; ++j) scores[j] += weights[j];
  }
  for (size_t j = 0; j < n; ++j) {
    if (!own[j] && scores[j] > 0) result.push_back({model_items_[j], scores[j]});
  }
  return result;
}

std::vector<std::vector<ScoredIndex>> EaseModel::StrongestWeights(size_t keep) const {
  std::vector<std::vector<ScoredIndex>> rows(position_of_.size());
  for (size_t i = 0; i < size(); ++i) {
    const std::span<const float> weights = Row(i);
    std::vector<ScoredIndex>& row = rows[model_items_[i]];
    for (size_t j = 0; j < size(); ++j) {
      if (weights[j] != 0) row.push_back({model_items_[j], weights[j]});
    }
    // The largest in magnitude: EASE's negative weights matter as much as its positive ones.
    if (row.size() > keep) {
      std::nth_element(row.begin(), row.begin() + keep, row.end(),
                       [](const ScoredIndex& a, const ScoredIndex& b) {
                         const float x = std::abs(a.score), y = std::abs(b.score);
                         return x != y ? x > y : a.index < b.index;
                       });
      row.resize(keep);
    }
    std::sort(row.begin(), row.end(), BetterScored);
    row.shrink_to_fit();
  }
  return rows;
}

}  // namespace mysanta
