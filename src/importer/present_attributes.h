// What an imported present gets where the public data has nothing to say (SPEC section 3 needs
// a price, a platform and a category for every present): deterministic functions of the id, so
// the same file always gives the same database. Pure; thread-safe.
//
// The id's text form (decimal for integer ids) is hashed with FNV-1a 64 and MurmurHash3's fmix64:
//   price    = 100 * 100^u rounded to a multiple of 10 (log-uniform, 100..10,000),
//              u = the hash's top 53 bits / 2^53;
//   platform = kImportPlatforms[fmix64(hash) % 4].
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace mysanta {

inline constexpr std::array<std::string_view, 4> kImportPlatforms = {
    "ozon", "wildberries", "yandex_market", "aliexpress"};

uint64_t HashIdText(std::string_view id_text);
double DeterministicPrice(std::string_view id_text);
std::string_view DeterministicPlatform(std::string_view id_text);

// A genre or category from the data as a category name: lower-case ASCII letters, digits and
// '-', other runs of characters as one '_', apostrophes dropped ("Children's" -> "childrens",
// "Film-Noir" -> "film-noir"), at most 50 characters. Empty when nothing is left or the data
// says there is none ("(no genres listed)", "unknown").
std::string CategoryName(std::string_view genre);

}  // namespace mysanta
