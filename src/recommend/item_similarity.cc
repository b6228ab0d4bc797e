#include "recommend/item_similarity.h"

#include <algorithm>
#include <cmath>

#include "recommend/parallel.h"

namespace mysanta {
namespace {

struct Scratch {
  struct Cell {
    float dot = 0;
    uint32_t common = 0;
  };
  std::vector<Cell> cells;  // by item; one cache line holds both sums
  std::vector<Index> touched;
};

// Positions [0, n) to visit when at most `cap` may be: all, or an evenly spaced sample.
template <typename Fn>
void ForSample(size_t n, size_t cap, Fn&& fn) {
  if (n <= cap) {
    for (size_t k = 0; k < n; ++k) fn(k, 1.0f);
    return;
  }
  const double stride = static_cast<double>(n) / static_cast<double>(cap);
  for (size_t s = 0; s < cap; ++s) fn(static_cast<size_t>(s * stride), static_cast<float>(stride));
}

std::vector<ScoredIndex> ItemRow(const InteractionMatrix& matrix, Index item,
                                 const std::vector<float>& norms,
                                 const ItemSimilarityOptions& options, Scratch& scratch) {
  const auto users = matrix.ItemUsers(item);
  const auto weights = matrix.ItemWeights(item);
  scratch.touched.clear();
  ForSample(users.size(), options.max_posting, [&](size_t pos, float user_scale) {
    const Index user = users[pos];
    const float w_user = weights[pos] * user_scale;
    const auto items = matrix.UserItems(user);
    const auto item_weights = matrix.UserWeights(user);
    ForSample(items.size(), options.max_user_items, [&](size_t k, float item_scale) {
      const Index other = items[k];
      if (other == item) return;
      Scratch::Cell& cell = scratch.cells[other];
      if (cell.common++ == 0) scratch.touched.push_back(other);
      cell.dot += w_user * item_weights[k] * item_scale;
    });
  });
  std::vector<ScoredIndex> row;
  row.reserve(scratch.touched.size());
  for (Index other : scratch.touched) {
    Scratch::Cell& cell = scratch.cells[other];
    const double common = cell.common;
    const double cosine = cell.dot / (norms[item] * norms[other]);
    const double score = std::min(cosine, 1.0) * common / (common + options.shrink);
    if (score > 0) row.push_back({other, static_cast<float>(score)});
    cell = {};
  }
  KeepTop(row, static_cast<size_t>(std::max(options.neighbours, 0)));
  return row;
}

}  // namespace

ItemNeighbours ItemNeighbours::Compute(const InteractionMatrix& matrix,
                                       const ItemSimilarityOptions& options) {
  const size_t items = matrix.item_count();
  std::vector<float> norms(items, 0.0f);
  for (Index i = 0; i < items; ++i) {
    double sum = 0;
    for (float w : matrix.ItemWeights(i)) sum += double(w) * w;
    norms[i] = static_cast<float>(std::sqrt(sum));
  }
  const int threads = std::max(1, options.threads);
  std::vector<Scratch> scratch(threads);
  for (Scratch& s : scratch) s.cells.resize(items);
  std::vector<std::vector<ScoredIndex>> rows(items);
  ParallelFor(items, threads, 64, [&](size_t begin, size_t end, int worker) {
    for (size_t i = begin; i < end; ++i) {
      if (norms[i] > 0) rows[i] = ItemRow(matrix, static_cast<Index>(i), norms, options, scratch[worker]);
    }
  });
  return FromRows(std::move(rows));
}

ItemNeighbours ItemNeighbours::FromRows(std::vector<std::vector<ScoredIndex>> rows) {
  ItemNeighbours result;
  const size_t items = rows.size();
  result.offsets_.assign(items + 1, 0);
  for (size_t i = 0; i < items; ++i) result.offsets_[i + 1] = result.offsets_[i] + rows[i].size();
  result.neighbours_.reserve(result.offsets_[items]);
  for (auto& row : rows) {
    result.neighbours_.insert(result.neighbours_.end(), row.begin(), row.end());
    std::vector<ScoredIndex>().swap(row);
  }
  return result;
}

std::span<const ScoredIndex> ItemNeighbours::Of(Index item) const {
  if (static_cast<size_t>(item) + 1 >= offsets_.size()) return {};
  return {neighbours_.data() + offsets_[item], offsets_[item + 1] - offsets_[item]};
}

}  // namespace mysanta
