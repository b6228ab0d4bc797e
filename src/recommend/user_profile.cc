#include "recommend/user_profile.h"

#include <algorithm>
#include <cmath>

namespace mysanta {
namespace {

std::vector<std::pair<uint16_t, float>> Normalized(std::vector<double>& sums) {
  double total = 0;
  for (double sum : sums) total += sum;
  std::vector<std::pair<uint16_t, float>> result;
  if (total <= 0) return result;
  for (size_t k = 0; k < sums.size(); ++k) {
    if (sums[k] > 0) result.emplace_back(static_cast<uint16_t>(k), static_cast<float>(sums[k] / total));
  }
  std::sort(result.begin(), result.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return result;
}

template <typename Dictionary>
std::vector<std::pair<std::string, double>> Named(
    const std::vector<std::pair<uint16_t, float>>& weights, const Dictionary& names) {
  std::vector<std::pair<std::string, double>> result;
  for (const auto& [index, weight] : weights) result.emplace_back(names.At(index), weight);
  return result;
}

template <typename Dictionary>
std::vector<std::pair<uint16_t, float>> Indexed(
    const std::vector<std::pair<std::string, double>>& weights, const Dictionary& names) {
  std::vector<std::pair<uint16_t, float>> result;
  for (const auto& [name, weight] : weights) {
    const uint16_t index = names.Find(name);
    if (index != kNoName) result.emplace_back(index, static_cast<float>(weight));
  }
  return result;
}

}  // namespace

double LogPrice(double price) { return std::log(std::max(price, 1.0)); }

UserProfile ComputeUserProfile(Index user, std::span<const Index> items,
                               std::span<const float> weights, const MainData& data) {
  UserProfile profile;
  profile.user = user;
  std::vector<double> categories(data.categories.size(), 0.0);
  std::vector<double> platforms(data.platforms.size(), 0.0);
  double total = 0;
  double price_sum = 0;
  double log_sum = 0;
  double log_square_sum = 0;
  for (size_t k = 0; k < items.size(); ++k) {
    if (items[k] >= data.presents.size()) continue;
    const Present& present = data.presents[items[k]];
    const double weight = std::max(weights[k], 1e-6f);
    if (present.category < categories.size()) categories[present.category] += weight;
    if (present.platform < platforms.size()) platforms[present.platform] += weight;
    const double log_price = LogPrice(present.price);
    total += weight;
    price_sum += weight * present.price;
    log_sum += weight * log_price;
    log_square_sum += weight * log_price * log_price;
    ++profile.interaction_count;
  }
  profile.categories = Normalized(categories);
  profile.platforms = Normalized(platforms);
  if (total > 0) {
    profile.avg_price = price_sum / total;
    profile.log_price_mean = log_sum / total;
    const double variance = log_square_sum / total - profile.log_price_mean * profile.log_price_mean;
    // Shrink toward the default spread: two or three prices say little about a budget's width.
    const double n = profile.interaction_count;
    profile.log_price_std =
        std::sqrt((std::max(variance, 0.0) * n + kDefaultLogPriceStd * kDefaultLogPriceStd * 2) /
                  (n + 2));
  }
  return profile;
}

std::vector<UserProfile> ComputeUserProfiles(const MainData& data, const InteractionMatrix& matrix) {
  std::vector<UserProfile> profiles;
  for (Index user = 0; user < matrix.user_count(); ++user) {
    if (matrix.InteractionCount(user) == 0) continue;
    profiles.push_back(
        ComputeUserProfile(user, matrix.UserItems(user), matrix.UserWeights(user), data));
  }
  return profiles;
}

std::vector<ProfileRow> ProfilesToRows(std::span<const UserProfile> profiles,
                                           const MainData& data) {
  std::vector<ProfileRow> rows;
  rows.reserve(profiles.size());
  for (const UserProfile& profile : profiles) {
    ProfileRow row;
    row.user = profile.user;
    row.preferred_categories = Named(profile.categories, data.categories);
    row.preferred_platforms = Named(profile.platforms, data.platforms);
    row.avg_price = profile.avg_price;
    row.interaction_count = profile.interaction_count;
    row.log_price_mean = profile.log_price_mean;
    row.log_price_std = profile.log_price_std;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<UserProfile> ProfilesFromRows(std::span<const ProfileRow> rows,
                                          const MainData& data) {
  std::vector<UserProfile> profiles;
  profiles.reserve(rows.size());
  for (const ProfileRow& row : rows) {
    if (row.user >= data.users.size()) continue;
    UserProfile profile;
    profile.user = row.user;
    profile.categories = Indexed(row.preferred_categories, data.categories);
    profile.platforms = Indexed(row.preferred_platforms, data.platforms);
    profile.avg_price = row.avg_price;
    profile.interaction_count = row.interaction_count;
    profile.log_price_mean = row.log_price_mean.value_or(LogPrice(row.avg_price));
    profile.log_price_std = row.log_price_std.value_or(kDefaultLogPriceStd);
    profiles.push_back(std::move(profile));
  }
  return profiles;
}

}  // namespace mysanta
