// ListBuilder: one ranked list under construction, shared by every strategy of the Snapshot
// (collaborative, content-based, popular, cold): it accepts each eligible, not yet listed or
// blocked present once, in the order the strategies offer them, up to max_results.
//
// RequestScratch is per-thread scratch space sized to the catalogue (stamps and a sparse score
// accumulator), so a request allocates nothing proportional to the catalogue. A ListBuilder uses
// its thread's scratch: it is for one request on one thread, and not thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/ids.h"
#include "recommend/eligibility.h"
#include "recommend/query.h"
#include "recommend/scored_index.h"
#include "recommend/user_similarity.h"

namespace mysanta {

struct RequestScratch {
  std::vector<uint32_t> stamp;  // == generation: the present is excluded or already listed
  uint32_t generation = 0;
  std::vector<float> scores;    // all zero between uses
  std::vector<Index> touched;   // the indices of non-zero scores
  NeighbourFinder::Scratch finder;
};

// This thread's scratch, sized for `items` presents.
RequestScratch& ThreadScratch(size_t items);

// Adds `value` to the present's score in `scratch` (a sparse accumulator).
void Accumulate(RequestScratch& scratch, Index item, float value);

// Drains the accumulated scores into a list (score > 0 only), leaving them all zero again.
std::vector<ScoredIndex> Drain(RequestScratch& scratch);

class ListBuilder {
 public:
  // `presents` outlives the builder; the list starts empty with no present blocked.
  ListBuilder(std::span<const PresentAttributes> presents, const Eligibility& eligibility,
              int max_results);

  const Eligibility& eligibility() const { return eligibility_; }
  RequestScratch& scratch() { return scratch_; }
  bool full() const { return list_.size() >= max_results_ || eligibility_.matches_nothing(); }
  size_t room() const { return full() ? 0 : max_results_ - list_.size(); }

  // The present is never listed (a like, an excluded id); out-of-range indices are ignored.
  void Block(Index item);
  // Not yet listed or blocked, and eligible.
  bool Admissible(Index item) const;
  void TryAdd(Index item);
  // Adds from `ranked` in order until the list is full.
  void AddInOrder(std::span<const Index> ranked);
  // Adds the admissible entries of `scored` best first (BetterScored), sorting only as many as
  // the list still takes; `scored` is consumed.
  void AddBest(std::vector<ScoredIndex>& scored);

  RankedList Take(Algorithm algorithm) { return {std::move(list_), algorithm}; }

 private:
  std::span<const PresentAttributes> presents_;
  const Eligibility& eligibility_;
  RequestScratch& scratch_;
  size_t max_results_;
  std::vector<Index> list_;
};

}  // namespace mysanta
