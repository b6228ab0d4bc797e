// User profiles: what a user tends to like, for content-based recommendations and for
// GET /user-profile. Preferred categories and platforms are the user's interaction weights (see
// interaction_matrix.h: likes > clicks, recent > old) normalized to sum to 1; prices are summarized
// as the weighted mean price and the weighted mean and standard deviation of log(price), because
// gift budgets are multiplicative (a 500 vs 1,000 gap matters like 5,000 vs 10,000).
//
// ProfileRow maps onto SPEC section 4's user_profiles table (preferred_* as JSON objects
// name -> weight; the log-price statistics are extra columns the store may keep; when it does not,
// ProfilesFromRows derives them from avg_price). Plain values; thread-safe for const use.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/ids.h"
#include "core/main_data.h"
#include "recommend/interaction_matrix.h"

namespace mysanta {

// Spread assumed for a user whose price spread is unknown (one interaction, or a row without it):
// about a factor of 2 either way.
inline constexpr double kDefaultLogPriceStd = 0.7;

struct UserProfile {
  Index user = kNoIndex;
  std::vector<std::pair<uint16_t, float>> categories;  // weight descending, sums to 1
  std::vector<std::pair<uint16_t, float>> platforms;   // weight descending, sums to 1
  double avg_price = 0;
  double log_price_mean = 0;
  double log_price_std = kDefaultLogPriceStd;
  int interaction_count = 0;
};

// One row of user_profiles.
struct ProfileRow {
  Index user = kNoIndex;
  std::vector<std::pair<std::string, double>> preferred_categories;  // weight descending
  std::vector<std::pair<std::string, double>> preferred_platforms;   // weight descending
  double avg_price = 0;
  int interaction_count = 0;
  std::optional<double> log_price_mean;  // extra column; nullopt: log(avg_price)
  std::optional<double> log_price_std;   // extra column; nullopt: kDefaultLogPriceStd
};

// log(price), with prices below 1 treated as 1 (free presents exist).
double LogPrice(double price);

// The profile of one user from their interacted presents and weights (equal sizes).
UserProfile ComputeUserProfile(Index user, std::span<const Index> items,
                               std::span<const float> weights, const MainData& data);

// Profiles of every user with at least one interaction, by user index.
std::vector<UserProfile> ComputeUserProfiles(const MainData& data, const InteractionMatrix& matrix);

std::vector<ProfileRow> ProfilesToRows(std::span<const UserProfile> profiles,
                                           const MainData& data);
// Category and platform names the data does not know, and users out of range, are skipped.
std::vector<UserProfile> ProfilesFromRows(std::span<const ProfileRow> rows,
                                          const MainData& data);

}  // namespace mysanta
