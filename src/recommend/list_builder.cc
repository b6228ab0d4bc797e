#include "recommend/list_builder.h"

#include <algorithm>

namespace mysanta {
namespace {

// Starts a new list: every stamp of earlier lists becomes stale.
void NewGeneration(RequestScratch& scratch) {
  if (++scratch.generation == 0) {
    std::fill(scratch.stamp.begin(), scratch.stamp.end(), 0);
    scratch.generation = 1;
  }
}

}  // namespace

RequestScratch& ThreadScratch(size_t items) {
  thread_local RequestScratch scratch;
  if (scratch.stamp.size() < items) scratch.stamp.resize(items, 0);
  if (scratch.scores.size() < items) scratch.scores.resize(items, 0.0f);
  return scratch;
}

void Accumulate(RequestScratch& scratch, Index item, float value) {
  if (scratch.scores[item] == 0) scratch.touched.push_back(item);
  scratch.scores[item] += value;
  if (scratch.scores[item] == 0) scratch.scores[item] = 1e-30f;  // stays touched
}

std::vector<ScoredIndex> Drain(RequestScratch& scratch) {
  std::vector<ScoredIndex> result;
  result.reserve(scratch.touched.size());
  for (Index item : scratch.touched) {
    if (scratch.scores[item] > 0) result.push_back({item, scratch.scores[item]});
    scratch.scores[item] = 0;
  }
  scratch.touched.clear();
  return result;
}

ListBuilder::ListBuilder(std::span<const PresentAttributes> presents,
                         const Eligibility& eligibility, int max_results)
    : presents_(presents),
      eligibility_(eligibility),
      scratch_(ThreadScratch(presents.size())),
      max_results_(static_cast<size_t>(std::max(max_results, 0))) {
  NewGeneration(scratch_);
  list_.reserve(std::min<size_t>(max_results_, 1024));
}

void ListBuilder::Block(Index item) {
  if (item < presents_.size()) scratch_.stamp[item] = scratch_.generation;
}

bool ListBuilder::Admissible(Index item) const {
  return scratch_.stamp[item] != scratch_.generation && eligibility_.Accepts(presents_[item]);
}

void ListBuilder::TryAdd(Index item) {
  if (full() || !Admissible(item)) return;
  scratch_.stamp[item] = scratch_.generation;
  list_.push_back(item);
}

void ListBuilder::AddInOrder(std::span<const Index> ranked) {
  for (Index p : ranked) {
    if (full()) return;
    TryAdd(p);
  }
}

void ListBuilder::AddBest(std::vector<ScoredIndex>& scored) {
  std::erase_if(scored, [&](const ScoredIndex& entry) { return !Admissible(entry.index); });
  const size_t room = this->room();
  if (scored.size() > room) {
    std::nth_element(scored.begin(), scored.begin() + room, scored.end(), BetterScored);
    scored.resize(room);
  }
  std::sort(scored.begin(), scored.end(), BetterScored);
  for (const ScoredIndex& entry : scored) TryAdd(entry.index);
}

}  // namespace mysanta
