// Item-item similarity: each present's most similar presents ("people who liked this also
// liked"), the stronger collaborative signal on real gift data (MySanta's earlier service also
// moved from user-user to item-item similarity).
//
// Similarity is cosine between the presents' user columns of the interaction matrix, shrunk by
// c / (c + shrink) where c is the number of users in common. Work is bounded: per present at most
// `max_posting` of its users are visited (an evenly spaced deterministic sample, contributions
// scaled by the stride) and of each such user at most `max_user_items` presents. Presents are
// processed in parallel; each present's result depends only on the data, so the output is the
// same for any thread count. The result is immutable and thread-safe for const use.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/ids.h"
#include "recommend/interaction_matrix.h"
#include "recommend/scored_index.h"

namespace mysanta {

struct ItemSimilarityOptions {
  int neighbours = 50;        // Default 50: similar presents kept per present.
  int max_posting = 200;      // Default 200: users visited per present.
  int max_user_items = 100;   // Default 100: presents visited per such user.
  double shrink = 2.0;        // Default 2: users in common that halve doubt.
  int threads = 2;            // Default 2: the machine's cores.
};

class ItemNeighbours {
 public:
  ItemNeighbours() = default;
  static ItemNeighbours Compute(const InteractionMatrix& matrix,
                                const ItemSimilarityOptions& options);
  // From per-present lists (indexed by present, each best first), e.g. EASE's strongest weights.
  static ItemNeighbours FromRows(std::vector<std::vector<ScoredIndex>> rows);
  // Best first.
  std::span<const ScoredIndex> Of(Index item) const;
  size_t size() const { return neighbours_.size(); }

 private:
  std::vector<uint32_t> offsets_;
  std::vector<ScoredIndex> neighbours_;
};

}  // namespace mysanta
