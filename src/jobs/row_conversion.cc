#include "jobs/row_conversion.h"

#include <algorithm>

namespace mysanta {

std::vector<PopularItemRow> ToStoreRows(const std::vector<PopularityRow>& rows,
                                        const MainData& data) {
  std::vector<PopularItemRow> result;
  result.reserve(rows.size());
  for (const PopularityRow& row : rows) {
    PopularItemRow& out = result.emplace_back();
    out.geo_id = row.geo_id;
    if (row.gender) out.gender = ParseGender(*row.gender);
    out.age_group = row.age_group;
    out.category = row.category;
    out.item_id = data.present_ids.At(row.item);
    out.popularity_score = row.score;
  }
  return result;
}

std::vector<UserProfileRow> ToStoreRows(const std::vector<ProfileRow>& rows,
                                        const MainData& data) {
  // Each user's cheapest and dearest present among what they liked or clicked.
  std::vector<std::pair<double, double>> price_range(data.users.size(), {-1, -1});
  auto widen = [&](const Interaction& row) {
    if (row.user == kNoIndex) return;
    const double price = data.presents[row.present].price;
    auto& [low, high] = price_range[row.user];
    low = low < 0 ? price : std::min(low, price);
    high = std::max(high, price);
  };
  for (const Interaction& like : data.likes) widen(like);
  for (const Interaction& click : data.clicks) widen(click);

  std::vector<UserProfileRow> result;
  result.reserve(rows.size());
  for (const ProfileRow& row : rows) {
    UserProfileRow& out = result.emplace_back();
    out.user_id = data.user_ids.At(row.user);
    out.preferred_categories = row.preferred_categories;
    out.preferred_platforms = row.preferred_platforms;
    out.avg_price = row.avg_price;
    out.interaction_count = row.interaction_count;
    const auto [low, high] = price_range[row.user];
    out.price_min = std::max(low, 0.0);
    out.price_max = std::max(high, 0.0);
    out.log_price_mean = row.log_price_mean.value_or(0);
    out.log_price_std = row.log_price_std.value_or(0);
  }
  return result;
}

std::vector<UserSimilarityRow> ToStoreRows(const std::vector<SimilarityRow>& rows,
                                           const MainData& data) {
  std::vector<UserSimilarityRow> result;
  result.reserve(rows.size());
  for (const SimilarityRow& row : rows) {
    result.push_back({data.user_ids.At(row.user), data.user_ids.At(row.similar_user), row.score});
  }
  return result;
}

std::vector<PopularityRow> FromStoreRows(const std::vector<PopularItemRow>& rows,
                                         const MainData& data) {
  std::vector<PopularityRow> result;
  result.reserve(rows.size());
  for (const PopularItemRow& row : rows) {
    const Index item = data.present_ids.Find(row.item_id);
    if (item == kNoIndex) continue;
    PopularityRow& out = result.emplace_back();
    out.geo_id = row.geo_id;
    if (row.gender) out.gender = std::string(GenderName(*row.gender));
    out.age_group = row.age_group;
    out.category = row.category;
    out.item = item;
    out.score = row.popularity_score;
  }
  return result;
}

std::vector<ProfileRow> FromStoreRows(const std::vector<UserProfileRow>& rows,
                                      const MainData& data) {
  std::vector<ProfileRow> result;
  result.reserve(rows.size());
  for (const UserProfileRow& row : rows) {
    const Index user = data.user_ids.Find(row.user_id);
    if (user == kNoIndex) continue;
    ProfileRow& out = result.emplace_back();
    out.user = user;
    out.preferred_categories = row.preferred_categories;
    out.preferred_platforms = row.preferred_platforms;
    out.avg_price = row.avg_price;
    out.interaction_count = row.interaction_count;
    if (row.log_price_std > 0) {  // 0: written before these columns existed
      out.log_price_mean = row.log_price_mean;
      out.log_price_std = row.log_price_std;
    }
  }
  return result;
}

std::vector<SimilarityRow> FromStoreRows(const std::vector<UserSimilarityRow>& rows,
                                         const MainData& data) {
  std::vector<SimilarityRow> result;
  result.reserve(rows.size());
  for (const UserSimilarityRow& row : rows) {
    const Index user = data.user_ids.Find(row.user_id);
    const Index similar = data.user_ids.Find(row.similar_user_id);
    if (user == kNoIndex || similar == kNoIndex) continue;
    result.push_back({user, similar, row.score});
  }
  return result;
}

}  // namespace mysanta
