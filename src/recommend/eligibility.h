// Eligibility: whether a present may appear in the answer to one request (SPEC section 5, rules
// 1-3 and the /popular segment), on a compact copy of the presents' attributes so the check is a
// few comparisons on one cache line. Exclusions (exclude_ids, liked presents) are handled by the
// caller. Plain values; thread-safe for const use.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "core/demographics.h"
#include "core/ids.h"
#include "core/main_data.h"
#include "recommend/query.h"

namespace mysanta {

struct PresentAttributes {
  double price = 0;
  float log_price = 0;  // LogPrice(price), for content-based scoring
  AgeRange age;
  int32_t geo_id = kNoGeo;
  uint16_t category = 0;
  uint16_t platform = 0;
  Gender gender = Gender::kAny;
  bool active = true;
};

PresentAttributes PresentAttributesOf(const Present& present);
std::vector<PresentAttributes> CompactPresents(const MainData& data);

class Eligibility {
 public:
  static constexpr uint32_t kAnyName = std::numeric_limits<uint32_t>::max();

  // Filters of both endpoints; `region` is the request's region (nullopt: none, so regional
  // presents are out). A category or platform the data does not know matches nothing.
  Eligibility(const MainData& data, const Filters& filters, std::optional<int32_t> region);

  // Adds /popular's segment conditions (gender, age, category).
  void RestrictToSegment(const MainData& data, const Segment& segment);

  bool Accepts(const PresentAttributes& present) const {
    if (!present.active || matches_nothing_) return false;
    if (present.price < price_from_ || present.price > price_to_) return false;
    if (category_ != kAnyName && present.category != category_) return false;
    if (platform_ != kAnyName && present.platform != platform_) return false;
    if (present.geo_id != kNoGeo && (!region_ || *region_ != present.geo_id)) return false;
    if (gender_ != Gender::kAny && present.gender != Gender::kAny && present.gender != gender_) {
      return false;
    }
    if (age_ && !present.age.is_any() && !present.age.Overlaps(*age_)) return false;
    return true;
  }

  bool matches_nothing() const { return matches_nothing_; }
  // The category every accepted present has, or kAnyName.
  uint32_t category() const { return category_; }

 private:
  void RequireCategory(const MainData& data, const std::string& name);

  double price_from_ = -std::numeric_limits<double>::infinity();
  double price_to_ = std::numeric_limits<double>::infinity();
  uint32_t category_ = kAnyName;
  uint32_t platform_ = kAnyName;
  std::optional<int32_t> region_;
  Gender gender_ = Gender::kAny;
  std::optional<AgeRange> age_;
  bool matches_nothing_ = false;
};

}  // namespace mysanta
