#include "recommend/popular_ranking.h"

#include <algorithm>
#include <cmath>

namespace mysanta {
namespace {

constexpr int kAgeSlots = PopularityModel::kAgeSlots;
// Weight of a slot by how many requested attributes (gender, age) it leaves open.
constexpr std::array<double, 3> kSpecificityWeights = {1.0, 0.25, 0.05};

std::vector<std::vector<Index>> ByCategory(const std::vector<Index>& list,
                                           const std::vector<PresentAttributes>& presents,
                                           size_t categories) {
  std::vector<std::vector<Index>> result(categories);
  for (Index p : list) {
    if (presents[p].category < categories) result[presents[p].category].push_back(p);
  }
  return result;
}

}  // namespace

uint32_t PopularRanking::AgeMask(const std::optional<AgeRange>& age) {
  if (!age || age->is_any()) return 0;
  uint32_t mask = 0;
  for (int group = 0; group < kAgeGroupCount; ++group) {
    if (AgeGroupRange(group).Overlaps(*age)) mask |= 1u << group;
  }
  return mask;
}

PopularRanking::PopularRanking(const MainData& data, const std::vector<PresentAttributes>& presents,
                               PopularityModel model, double damping_exponent)
    : model_(std::move(model)) {
  const size_t items = data.presents.size();
  for (int g = 0; g < PopularityModel::kGenderSlots; ++g) {
    for (int a = 0; a < kAgeSlots; ++a) {
      double total = 0;
      for (float score : model_.Scores(g, a)) total += score;
      totals_[SlotOf(g, a)] = total;
    }
  }
  // "Anyone has interacted with": from the data itself, so presents the popularity rows do not
  // know yet (rows older than the data) still appear, after the scored ones.
  std::vector<bool> interacted(items, false);
  for (const auto* rows : {&data.likes, &data.clicks}) {
    for (const Interaction& row : *rows) {
      if (row.present < items) interacted[row.present] = true;
    }
  }
  std::vector<Index> warm;
  for (Index p = 0; p < items; ++p) {
    if (!presents[p].active) continue;
    if (interacted[p] || model_.Overall(p) > 0) warm.push_back(p);
    else cold_.push_back(p);
  }
  for (int g = 0; g < PopularityModel::kGenderSlots; ++g) {
    for (int a = 0; a < kAgeSlots; ++a) {
      const int slot = SlotOf(g, a);
      const uint32_t mask = a == 0 ? 0 : 1u << (a - 1);
      std::vector<float>& scores = scores_[slot];
      scores.assign(items, 0.0f);
      for (Index p : warm) scores[p] = Score(g, mask, p);
      damped_[slot].resize(items);
      for (Index p = 0; p < items; ++p) {
        damped_[slot][p] = static_cast<float>(std::pow(scores[p] + 1e-6, damping_exponent));
      }
      lists_[slot] = warm;
      std::sort(lists_[slot].begin(), lists_[slot].end(), [&](Index x, Index y) {
        return scores[x] != scores[y] ? scores[x] > scores[y] : x < y;
      });
      lists_by_category_[slot] = ByCategory(lists_[slot], presents, data.categories.size());
    }
  }
  std::sort(cold_.begin(), cold_.end(), [&](Index x, Index y) {
    const int64_t cx = data.presents[x].created_at;
    const int64_t cy = data.presents[y].created_at;
    return cx != cy ? cx > cy : x < y;
  });
  cold_by_category_ = ByCategory(cold_, presents, data.categories.size());
}

float PopularRanking::Score(int gender_slot, uint32_t age_mask, Index item) const {
  const int requested = (gender_slot != 0) + (age_mask != 0);
  double score = 0;
  for (int g : {0, gender_slot}) {
    for (int a = 0; a < kAgeSlots; ++a) {
      if (a != 0 && !(age_mask & (1u << (a - 1)))) continue;
      const int slot = SlotOf(g, a);
      if (totals_[slot] <= 0) continue;
      const int specificity = (g != 0) + (a != 0);
      score += kSpecificityWeights[requested - specificity] * model_.Scores(g, a)[item] /
               totals_[slot];
    }
    if (gender_slot == 0) break;
  }
  return static_cast<float>(score);
}

const std::vector<Index>& PopularRanking::List(int slot, uint32_t category) const {
  return category == Eligibility::kAnyName ? lists_[slot] : lists_by_category_[slot][category];
}

const std::vector<Index>& PopularRanking::Cold(uint32_t category) const {
  return category == Eligibility::kAnyName ? cold_ : cold_by_category_[category];
}

std::vector<Index> PopularRanking::ListFor(int gender_slot, uint32_t age_mask) const {
  std::vector<std::pair<float, Index>> scored;
  scored.reserve(lists_[0].size());
  for (Index p : lists_[0]) scored.emplace_back(Score(gender_slot, age_mask, p), p);
  std::sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });
  std::vector<Index> list(scored.size());
  for (size_t k = 0; k < scored.size(); ++k) list[k] = scored[k].second;
  return list;
}

}  // namespace mysanta
