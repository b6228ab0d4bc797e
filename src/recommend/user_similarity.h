// User-user similarity: each user's most similar users, for collaborative filtering.
//
// Similarity is cosine over IDF-weighted interaction vectors (x_ui = w_ui * log(1 + U / n_i), where
// n_i is the number of users of present i): sharing a niche present says more than sharing a
// best-seller. It is shrunk by c / (c + shrink) where c is the number of presents in common, so
// one lucky overlap does not make two users twins.
//
// Work is bounded so that it scales (the naive all-pairs scan is quadratic on popular presents):
// for each of a user's presents at most `max_posting` of its users are visited (a deterministic,
// evenly spaced sample of longer lists, each sampled contribution scaled up by the sampling
// stride), and the per-present cap shrinks so that one user's work stays under
// `max_work_per_user`. Users are processed in parallel; each user's result depends only on the
// data, so the output is identical for any thread count.
//
// NeighbourFinder is thread-safe for concurrent const use (callers pass their own Scratch).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/ids.h"
#include "recommend/interaction_matrix.h"
#include "recommend/scored_index.h"

namespace mysanta {

struct SimilarityOptions {
  int max_similar_users = 20;         // Default 20: MAX_SIMILAR_USERS.
  int min_interactions = 3;           // Default 3: users who get neighbours (SPEC section 1).
  int min_neighbor_interactions = 2;  // Default 2: a neighbour must have something else to offer.
  int max_posting = 256;              // Default 256: users visited per present.
  int64_t max_work_per_user = 30000;  // Default 30,000: (present, user) visits per user.
  double shrink = 3.0;                // Default 3: presents in common that halve doubt.
  int threads = 2;                    // Default 2: the machine's cores.
};

// One row of user_similarities.
struct SimilarityRow {
  Index user = 0;
  Index similar_user = 0;
  double score = 0;
  bool operator==(const SimilarityRow&) const = default;
};

class NeighbourFinder {
 public:
  struct Scratch {
    struct Cell {
      float dot = 0;
      uint32_t common = 0;
    };
    std::vector<Cell> cells;  // by user; one cache line holds both sums
    std::vector<Index> touched;
  };

  NeighbourFinder() = default;
  NeighbourFinder(const InteractionMatrix& matrix, const SimilarityOptions& options);

  // The best neighbours of a user who interacted with `items` (sorted, with `weights`); `self` (or
  // kNoIndex) is never its own neighbour. Usable for users the matrix does not know yet.
  std::vector<ScoredIndex> Find(const InteractionMatrix& matrix, Index self,
                                std::span<const Index> items, std::span<const float> weights,
                                Scratch& scratch) const;

  float Idf(Index item) const { return item < idf_.size() ? idf_[item] : 0.0f; }
  const SimilarityOptions& options() const { return options_; }

 private:
  SimilarityOptions options_;
  std::vector<float> idf_;    // by item
  std::vector<float> norms_;  // by user: |x_u|
};

// Neighbours of every user with at least options.min_interactions, as rows ordered by user then
// rank (best first).
std::vector<SimilarityRow> ComputeUserSimilarities(const InteractionMatrix& matrix,
                                                   const SimilarityOptions& options);

// The neighbour lists in memory (CSR by user). Thread-safe for const use.
class SimilarityTable {
 public:
  SimilarityTable() = default;
  // Rows of users out of range are skipped; each user's neighbours are ordered best first.
  static SimilarityTable FromRows(std::span<const SimilarityRow> rows, size_t user_count);
  std::span<const ScoredIndex> Of(Index user) const;
  size_t row_count() const { return neighbours_.size(); }

 private:
  std::vector<uint32_t> offsets_;
  std::vector<ScoredIndex> neighbours_;
};

}  // namespace mysanta
