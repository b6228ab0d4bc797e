#include "recommend/eligibility.h"

#include <algorithm>
#include <cmath>

namespace mysanta {

PresentAttributes PresentAttributesOf(const Present& present) {
  return {present.price,    static_cast<float>(std::log(std::max(present.price, 1.0))),
          present.age,      present.geo_id,
          present.category, present.platform,
          present.gender,   present.is_active};
}

std::vector<PresentAttributes> CompactPresents(const MainData& data) {
  std::vector<PresentAttributes> result(data.presents.size());
  for (size_t p = 0; p < data.presents.size(); ++p) result[p] = PresentAttributesOf(data.presents[p]);
  return result;
}

Eligibility::Eligibility(const MainData& data, const Filters& filters,
                         std::optional<int32_t> region)
    : region_(region) {
  if (filters.price_from) price_from_ = *filters.price_from;
  if (filters.price_to) price_to_ = *filters.price_to;
  if (filters.category) RequireCategory(data, *filters.category);
  if (filters.platform) {
    const uint16_t platform = data.platforms.Find(*filters.platform);
    if (platform == kNoName) matches_nothing_ = true;
    else platform_ = platform;
  }
}

void Eligibility::RestrictToSegment(const MainData& data, const Segment& segment) {
  if (segment.gender) gender_ = *segment.gender;
  if (segment.age && !segment.age->is_any()) age_ = *segment.age;
  if (segment.category) RequireCategory(data, *segment.category);
}

void Eligibility::RequireCategory(const MainData& data, const std::string& name) {
  const uint16_t category = data.categories.Find(name);
  // An unknown name, or two different categories, match nothing; category_ stays a valid index.
  if (category == kNoName || (category_ != kAnyName && category_ != category)) {
    matches_nothing_ = true;
    return;
  }
  category_ = category;
}

}  // namespace mysanta
