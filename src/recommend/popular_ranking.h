// PopularRanking: the presents in popularity order for every demographic segment, precomputed so
// that /popular is a filtered scan and popularity backfill costs nothing per request.
//
// A request's segment is a gender slot (any, f, m) and a set of age groups. A present's score
// for it mixes the popularity model's segment slots (each normalized by its total, so segments of
// any size compare): the exact segment counts 1, slots that leave one requested attribute open
// 0.25, the overall ranking 0.05 — so the segment's favourites lead, neighbouring segments fill
// gaps, and a narrow segment never comes back empty while suitable presents exist.
//
// Lists hold active presents only: "warm" ones (anyone interacted with them, per the data or the
// popularity rows), best first, ties by index; and "cold" ones (nobody did), newest first.
// Immutable after construction; thread-safe for const use.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/ids.h"
#include "core/main_data.h"
#include "recommend/eligibility.h"
#include "recommend/popularity.h"

namespace mysanta {

class PopularRanking {
 public:
  static constexpr int kSlots = PopularityModel::kGenderSlots * PopularityModel::kAgeSlots;
  static int SlotOf(int gender_slot, int age_slot) {
    return gender_slot * PopularityModel::kAgeSlots + age_slot;
  }
  // The age groups (bit g = group g) a requested age range overlaps; 0 for none or "any".
  static uint32_t AgeMask(const std::optional<AgeRange>& age);

  PopularRanking() = default;
  // `damping_exponent`: Damped() is (score + 1e-6)^exponent.
  PopularRanking(const MainData& data, const std::vector<PresentAttributes>& presents,
                 PopularityModel model, double damping_exponent);

  // A present's score for a gender slot and set of age groups.
  float Score(int gender_slot, uint32_t age_mask, Index item) const;
  // Warm presents of a single-group slot (of one category unless kAnyName), best first.
  const std::vector<Index>& List(int slot, uint32_t category = Eligibility::kAnyName) const;
  // Warm presents for several age groups at once, best first (computed on demand).
  std::vector<Index> ListFor(int gender_slot, uint32_t age_mask) const;
  // Cold presents (of one category unless kAnyName), newest first.
  const std::vector<Index>& Cold(uint32_t category = Eligibility::kAnyName) const;
  // Per present: Score() of a slot (0 for presents in no list), and its damped form.
  std::span<const float> Scores(int slot) const { return scores_[slot]; }
  std::span<const float> Damped(int slot) const { return damped_[slot]; }

 private:
  PopularityModel model_;
  std::array<double, kSlots> totals_{};
  std::array<std::vector<Index>, kSlots> lists_;
  std::array<std::vector<std::vector<Index>>, kSlots> lists_by_category_;
  std::array<std::vector<float>, kSlots> scores_;
  std::array<std::vector<float>, kSlots> damped_;
  std::vector<Index> cold_;
  std::vector<std::vector<Index>> cold_by_category_;
};

}  // namespace mysanta
