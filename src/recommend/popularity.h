// Popularity: how popular each present is, overall and among the users of each demographic
// segment (the interacting users' gender x age group), for /popular and for new users.
//
// A present's score in a segment is the sum over its likes and clicks by users of that segment of
// (like_weight or click_weight) x 0.5^(age / half_life_days), or a plain weighted count when the
// half-life is 0 (the default). MySanta's earlier service used clicks x 1 + likes x 3 over all
// time; we keep those weights. A 60-day decay, which let last December's hits give way to this
// season's, ranked worse than the plain count on both real logs with timestamps measured
// (MovieLens latest-small nDCG@10 0.073 against 0.222, groceries 0.255 against 0.261; README,
// quality), so it is off unless asked for. Anonymous clicks count toward the overall segment
// only; users with unknown gender (age) count only toward segments that do not name a gender
// (an age group).
//
// The model has 3 x 7 segment slots: gender {any, f, m} x age {any, 6 groups of SPEC section 3}.
// Rows (PopularityRow) map onto SPEC section 4's popular_items table, one row per segment and
// present with a positive score; PopularityFromRows rebuilds the model from them.
// Thread-safe for concurrent const use.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/main_data.h"

namespace mysanta {

struct PopularityOptions {
  int64_t now = 0;             // Required: decay is relative to it (seconds since epoch).
  double like_weight = 3.0;    // Default 3 (the earlier service: likes x 3).
  double click_weight = 1.0;   // Default 1 (the earlier service: clicks x 1).
  double half_life_days = 0;   // Default 0: no decay (a plain count); > 0: the half-life.
};

// One row of popular_items. Segment columns: nullopt is SQL NULL, meaning "any".
struct PopularityRow {
  std::optional<int32_t> geo_id;         // always nullopt in rows computed here
  std::optional<std::string> gender;     // "f" or "m"
  std::optional<std::string> age_group;  // one of kAgeGroupLabels
  std::optional<std::string> category;   // always nullopt in rows computed here
  Index item = 0;                        // present index
  double score = 0;
  bool operator==(const PopularityRow&) const = default;
};

class PopularityModel {
 public:
  static constexpr int kGenderSlots = 3;  // any, f, m (the Gender enum's values)
  static constexpr int kAgeSlots = 1 + kAgeGroupCount;  // any, then the six groups

  PopularityModel() = default;
  explicit PopularityModel(size_t item_count)
      : item_count_(item_count), scores_(kGenderSlots * kAgeSlots * item_count, 0.0f) {}

  size_t item_count() const { return item_count_; }
  static int GenderSlot(Gender gender) { return static_cast<int>(gender); }
  static int AgeSlot(int age_group) { return age_group == kNoAgeGroup ? 0 : age_group + 1; }

  std::span<const float> Scores(int gender_slot, int age_slot) const {
    return {scores_.data() + Offset(gender_slot, age_slot), item_count_};
  }
  std::span<float> MutableScores(int gender_slot, int age_slot) {
    return {scores_.data() + Offset(gender_slot, age_slot), item_count_};
  }
  float Overall(Index item) const { return item < item_count_ ? scores_[item] : 0.0f; }

 private:
  size_t Offset(int gender_slot, int age_slot) const {
    return (static_cast<size_t>(gender_slot) * kAgeSlots + age_slot) * item_count_;
  }
  size_t item_count_ = 0;
  std::vector<float> scores_;
};

PopularityModel ComputePopularity(const MainData& data, const PopularityOptions& options);

std::vector<PopularityRow> PopularityToRows(const PopularityModel& model);
// Rows naming a region or category segment, an unknown gender or age group, or an item outside
// [0, item_count) are ignored (they are not rows this module writes).
PopularityModel PopularityFromRows(std::span<const PopularityRow> rows, size_t item_count);

// The age group of a user on `now`'s date; kNoAgeGroup when the birth date is unknown.
int UserAgeGroup(const User& user, int64_t now);

}  // namespace mysanta
