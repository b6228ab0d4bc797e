// The fixed vocabulary of the synthetic MySanta catalogue: interest categories (with their price
// levels, whom they suit and the shops that sell them), shops (platforms) and regions. The
// numbers are plausible guesses for a Russian gift service, in rubles; they shape the synthetic
// data, nothing else depends on them.
//
// Thread safety: constant data.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace mysanta::datagen {

inline constexpr int kPlatformCount = 6;
inline constexpr std::array<std::string_view, kPlatformCount> kPlatformNames = {
    "ozon", "wildberries", "yandex_market", "aliexpress", "lamoda", "mvideo"};
// How often users shop on each platform (their favourite shop).
inline constexpr std::array<double, kPlatformCount> kPlatformShares = {0.32, 0.30, 0.18,
                                                                       0.10, 0.06, 0.04};

struct CategoryProfile {
  std::string_view name;
  double median_price;      // rubles
  double price_sigma;       // spread of log(price) within the category
  double female_lean;       // share of its gendered presents that suit women
  double neutral_share;     // share of its presents that suit anyone ('any' gender)
  int liker_age_group;      // age group (index into kAgeGroupLabels) of the users who like it most
  int recipient_age_group;  // age group its presents are meant for; -1: the likers' own
  double catalogue_share;   // relative size in the catalogue
  std::array<double, kPlatformCount> platform_weights;  // where it is sold
  std::span<const std::string_view> nouns;              // for titles
};

inline constexpr int kCategoryCount = 15;
std::span<const CategoryProfile> Categories();

// Adjectives for titles: "<adjective> <noun>".
std::span<const std::string_view> TitleAdjectives();

struct RegionProfile {
  int32_t geo_id;     // Yandex region id (213 = Moscow)
  double user_share;  // share of users (with a known region) living there
};
std::span<const RegionProfile> Regions();

}  // namespace mysanta::datagen
