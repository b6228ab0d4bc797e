// ScoredIndex: an index (user or present) with a score, and the one ordering every ranked list
// in this layer uses: higher score first, ties by lower index, so results are deterministic.
// Plain value; thread-safe.
#pragma once

#include <algorithm>
#include <vector>

#include "core/ids.h"

namespace mysanta {

struct ScoredIndex {
  Index index = 0;
  float score = 0;
  bool operator==(const ScoredIndex&) const = default;
};

// A function object (not a function) so that std::sort inlines it.
inline constexpr auto BetterScored = [](const ScoredIndex& a, const ScoredIndex& b) {
  return a.score != b.score ? a.score > b.score : a.index < b.index;
};

// Keeps the best `k` of `candidates` (in BetterScored order) and drops the rest, releasing the
// spare capacity (results are kept per user or item, so slack would multiply).
inline void KeepTop(std::vector<ScoredIndex>& candidates, size_t k) {
  if (candidates.size() > k) {
    std::nth_element(candidates.begin(), candidates.begin() + k, candidates.end(), BetterScored);
    candidates.resize(k);
  }
  std::sort(candidates.begin(), candidates.end(), BetterScored);
  candidates.shrink_to_fit();
}

}  // namespace mysanta
