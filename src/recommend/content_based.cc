#include "recommend/content_based.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace mysanta {
namespace {

// Content-based score weights; chosen on the offline evaluation (see eval/evaluation.h).
constexpr double kCategoryFloor = 0.02;   // other categories count 1/50 of a sole favourite
constexpr double kPriceFloor = 0.3;       // a present far off budget keeps 0.3/1.3 of its score
constexpr double kPlatformWeight = 0.3;   // the favourite shop lifts by up to 30%
constexpr double kMinLogPriceStd = 0.25;
// Content-based candidates: per preferred category, and from the overall ranking.
constexpr size_t kContentCandidates = 400;
constexpr size_t kContentCategories = 6;

// Collects candidates, each once: the scratch scores (all zero between uses) mark those taken.
class CandidateSet {
 public:
  explicit CandidateSet(ListBuilder& list) : list_(list), scores_(list.scratch().scores) {}
  ~CandidateSet() {
    for (Index p : candidates_) scores_[p] = 0;
  }
  // Takes up to `limit` admissible presents of `source` in order; returns how many.
  size_t Take(std::span<const Index> source, size_t limit) {
    size_t taken = 0;
    for (Index p : source) {
      if (taken >= limit) break;
      if (Add(p)) ++taken;
    }
    return taken;
  }
  bool Add(Index p) {
    if (scores_[p] != 0 || !list_.Admissible(p)) return false;
    scores_[p] = 1;
    candidates_.push_back(p);
    return true;
  }
  const std::vector<Index>& candidates() const { return candidates_; }

 private:
  ListBuilder& list_;
  std::vector<float>& scores_;
  std::vector<Index> candidates_;
};

float MaxScore(std::span<const ScoredIndex> scored) {
  float max_score = 0;
  for (const ScoredIndex& entry : scored) max_score = std::max(max_score, entry.score);
  return max_score;
}

// Both scaled to a maximum of 1, then mixed: (1 - weight) x content + weight x co-liked.
void MixCoLiked(std::span<const ScoredIndex> co_liked, double weight, RequestScratch& scratch,
                std::vector<ScoredIndex>& scored) {
  const float max_co_liked = MaxScore(co_liked);
  const float max_content = MaxScore(scored);
  if (max_co_liked <= 0 || max_content <= 0) return;
  for (const ScoredIndex& entry : co_liked) scratch.scores[entry.index] = entry.score / max_co_liked;
  for (ScoredIndex& entry : scored) {
    entry.score = static_cast<float>((1 - weight) * entry.score / max_content +
                                     weight * scratch.scores[entry.index]);
  }
  for (const ScoredIndex& entry : co_liked) scratch.scores[entry.index] = 0;
}

}  // namespace

void AddContentBased(const ContentBasedInputs& in, ListBuilder& list) {
  if (list.full() || in.profile.categories.empty()) return;
  const uint32_t only_category = list.eligibility().category();
  const std::span<const ScoredIndex> co_liked =
      in.co_liked_weight > 0 ? in.co_liked : std::span<const ScoredIndex>();

  std::vector<ScoredIndex> scored;
  {
    CandidateSet set(list);
    for (size_t k = 0; k < in.profile.categories.size() && k < kContentCategories; ++k) {
      const uint16_t category = in.profile.categories[k].first;
      if (only_category != Eligibility::kAnyName && category != only_category) continue;
      const size_t taken = set.Take(in.ranking.List(in.slot, category), kContentCandidates);
      if (taken < kContentCandidates) {
        set.Take(in.ranking.Cold(category), kContentCandidates - taken);
      }
    }
    set.Take(in.ranking.List(in.slot, only_category), kContentCandidates);
    for (const ScoredIndex& entry : co_liked) set.Add(entry.index);

    std::vector<float> category_weight(in.data.categories.size(), 0.0f);
    std::vector<float> platform_weight(in.data.platforms.size(), 0.0f);
    for (const auto& [c, w] : in.profile.categories) category_weight[c] = w;
    for (const auto& [p, w] : in.profile.platforms) platform_weight[p] = w;
    const double sigma = std::max(in.profile.log_price_std, kMinLogPriceStd);
    const std::span<const float> damped = in.ranking.Damped(in.slot);
    scored.reserve(set.candidates().size());
    for (Index p : set.candidates()) {
      const PresentAttributes& present = in.presents[p];
      const double z = (present.log_price - in.profile.log_price_mean) / sigma;
      // Multiplicative: within the user's categories and budget, the segment's favourites first.
      const double score = damped[p] * (kCategoryFloor + category_weight[present.category]) *
                           (kPriceFloor + std::exp(-0.5 * z * z)) *
                           (1.0 + kPlatformWeight * platform_weight[present.platform]);
      scored.push_back({p, static_cast<float>(score)});
    }
  }
  if (!co_liked.empty()) MixCoLiked(co_liked, in.co_liked_weight, list.scratch(), scored);
  list.AddBest(scored);
}

}  // namespace mysanta
