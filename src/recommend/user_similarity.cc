#include "recommend/user_similarity.h"

#include <algorithm>
#include <cmath>

#include "recommend/parallel.h"

namespace mysanta {
namespace {

// A deterministic pseudo-random offset in [0, 1) for sampling a posting list.
double SampleOffset(Index self, Index item) {
  uint64_t x = (uint64_t{self} << 32) ^ item;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return static_cast<double>(x >> 11) * 0x1.0p-53;
}

}  // namespace

NeighbourFinder::NeighbourFinder(const InteractionMatrix& matrix, const SimilarityOptions& options)
    : options_(options), idf_(matrix.item_count(), 0.0f), norms_(matrix.user_count(), 0.0f) {
  size_t active_users = 0;
  for (Index u = 0; u < matrix.user_count(); ++u) active_users += matrix.InteractionCount(u) > 0;
  for (Index i = 0; i < matrix.item_count(); ++i) {
    const size_t n = matrix.ItemUsers(i).size();
    if (n > 0) idf_[i] = static_cast<float>(std::log(1.0 + double(active_users) / double(n)));
  }
  for (Index u = 0; u < matrix.user_count(); ++u) {
    const auto items = matrix.UserItems(u);
    const auto weights = matrix.UserWeights(u);
    double sum = 0;
    for (size_t k = 0; k < items.size(); ++k) {
      const double x = weights[k] * idf_[items[k]];
      sum += x * x;
    }
    norms_[u] = static_cast<float>(std::sqrt(sum));
  }
}

std::vector<ScoredIndex> NeighbourFinder::Find(const InteractionMatrix& matrix, Index self,
                                               std::span<const Index> items,
                                               std::span<const float> weights,
                                               Scratch& scratch) const {
  std::vector<ScoredIndex> result;
  if (items.empty()) return result;
  if (scratch.cells.size() < matrix.user_count()) scratch.cells.resize(matrix.user_count());
  double self_norm = 0;
  for (size_t k = 0; k < items.size(); ++k) {
    const double x = weights[k] * Idf(items[k]);
    self_norm += x * x;
  }
  self_norm = std::sqrt(self_norm);
  if (self_norm <= 0) return result;

  const int64_t per_item_budget = options_.max_work_per_user / static_cast<int64_t>(items.size());
  const size_t cap = static_cast<size_t>(
      std::clamp<int64_t>(per_item_budget, 16, std::max(options_.max_posting, 16)));
  scratch.touched.clear();
  for (size_t k = 0; k < items.size(); ++k) {
    const Index item = items[k];
    if (item >= matrix.item_count()) continue;
    const float x_self_idf = weights[k] * Idf(item) * Idf(item);
    const auto users = matrix.ItemUsers(item);
    const auto user_weights = matrix.ItemWeights(item);
    const size_t n = users.size();
    const size_t take = std::min(n, cap);
    const double stride = static_cast<double>(n) / static_cast<double>(take);
    const double start = SampleOffset(self == kNoIndex ? 0 : self, item) * stride;
    const auto scale = static_cast<float>(stride);
    for (size_t s = 0; s < take; ++s) {
      const size_t pos = take == n ? s : std::min(n - 1, static_cast<size_t>(start + s * stride));
      const Index other = users[pos];
      if (other == self) continue;
      Scratch::Cell& cell = scratch.cells[other];
      if (cell.common++ == 0) scratch.touched.push_back(other);
      cell.dot += x_self_idf * user_weights[pos] * scale;
    }
  }
  result.reserve(scratch.touched.size());
  for (Index other : scratch.touched) {
    Scratch::Cell& cell = scratch.cells[other];
    if (matrix.InteractionCount(other) >= options_.min_neighbor_interactions && norms_[other] > 0) {
      const double common = cell.common;
      const double cosine = cell.dot / (self_norm * norms_[other]);
      const double score = std::min(cosine, 1.0) * common / (common + options_.shrink);
      if (score > 0) result.push_back({other, static_cast<float>(score)});
    }
    cell = {};
  }
  KeepTop(result, static_cast<size_t>(std::max(options_.max_similar_users, 0)));
  return result;
}

std::vector<SimilarityRow> ComputeUserSimilarities(const InteractionMatrix& matrix,
                                                   const SimilarityOptions& options) {
  const NeighbourFinder finder(matrix, options);
  const int threads = std::max(1, options.threads);
  std::vector<NeighbourFinder::Scratch> scratch(threads);
  std::vector<std::vector<ScoredIndex>> neighbours(matrix.user_count());
  ParallelFor(matrix.user_count(), threads, 256, [&](size_t begin, size_t end, int worker) {
    for (size_t u = begin; u < end; ++u) {
      const auto user = static_cast<Index>(u);
      if (matrix.InteractionCount(user) < options.min_interactions) continue;
      neighbours[u] = finder.Find(matrix, user, matrix.UserItems(user), matrix.UserWeights(user),
                                  scratch[worker]);
    }
  });
  size_t total = 0;
  for (const auto& list : neighbours) total += list.size();
  std::vector<SimilarityRow> rows;
  rows.reserve(total);
  for (size_t u = 0; u < neighbours.size(); ++u) {
    for (const ScoredIndex& neighbour : neighbours[u]) {
      rows.push_back({static_cast<Index>(u), neighbour.index, neighbour.score});
    }
    std::vector<ScoredIndex>().swap(neighbours[u]);
  }
  return rows;
}

SimilarityTable SimilarityTable::FromRows(std::span<const SimilarityRow> rows, size_t user_count) {
  SimilarityTable table;
  table.offsets_.assign(user_count + 1, 0);
  for (const SimilarityRow& row : rows) {
    if (row.user < user_count && row.similar_user < user_count) ++table.offsets_[row.user + 1];
  }
  for (size_t u = 0; u < user_count; ++u) table.offsets_[u + 1] += table.offsets_[u];
  table.neighbours_.resize(table.offsets_[user_count]);
  std::vector<uint32_t> cursor(table.offsets_.begin(), table.offsets_.end() - 1);
  for (const SimilarityRow& row : rows) {
    if (row.user < user_count && row.similar_user < user_count) {
      table.neighbours_[cursor[row.user]++] = {row.similar_user, static_cast<float>(row.score)};
    }
  }
  for (size_t u = 0; u < user_count; ++u) {
    std::sort(table.neighbours_.begin() + table.offsets_[u],
              table.neighbours_.begin() + table.offsets_[u + 1], BetterScored);
  }
  return table;
}

std::span<const ScoredIndex> SimilarityTable::Of(Index user) const {
  if (static_cast<size_t>(user) + 1 >= offsets_.size()) return {};
  return {neighbours_.data() + offsets_[user], offsets_[user + 1] - offsets_[user]};
}

}  // namespace mysanta
