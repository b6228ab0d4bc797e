// A small deterministic MainData for store tests (and the seed-scale measurement), with every
// case the store must carry: users missing from the users table, anonymous clicks, unknown
// demographics, regional and inactive presents, text needing escapes, integer or text ids.
#pragma once

#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/main_data.h"

namespace mysanta::testing {

struct SyntheticSizes {
  int users = 50;
  int presents = 40;
  int likes = 300;
  int clicks = 400;
};

inline std::string UuidLike(uint64_t n, char salt) {
  return fmt::format("{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}", n * 2654435761u % 0xffffffffu,
                     n % 0xffff, n % 0xfff, static_cast<unsigned>(salt), n);
}

inline MainData MakeSyntheticMainData(IdKind kind, SyntheticSizes sizes, uint32_t seed = 7) {
  std::mt19937_64 random(seed);
  auto below = [&](uint64_t n) { return static_cast<uint64_t>(random() % n); };
  MainData data;
  data.user_ids = IdDictionary(kind);
  data.present_ids = IdDictionary(kind);
  const std::vector<std::string> categories = {"electronics", "books", "beauty", "toys",
                                               "home"};
  const std::vector<std::string> platforms = {"ozon", "wildberries", "yandex"};
  for (const auto& name : categories) data.categories.Intern(name);
  for (const auto& name : platforms) data.platforms.Intern(name);
  const int64_t base_time = 1'700'000'000;  // 2023-11-14

  for (int i = 0; i < sizes.users; ++i) {
    if (kind == IdKind::kInteger) {
      data.user_ids.Intern(int64_t{1000 + i * 3});
    } else {
      data.user_ids.Intern(std::string_view(UuidLike(i + 1, 'u')));
    }
    User user;
    user.in_users_table = i % 7 != 3;  // some users exist only through their interactions
    if (user.in_users_table) {
      user.gender = std::array{Gender::kAny, Gender::kFemale, Gender::kMale}[i % 3];
      user.birth_date = i % 5 == 0 ? kUnknownDate : static_cast<int32_t>(3000 + below(12000));
      user.geo_id = i % 4 == 0 ? kNoGeo : std::array{213, 2, 54}[i % 3];
      user.created_at = base_time + static_cast<int64_t>(below(30'000'000));
    }
    data.users.push_back(user);
  }
  for (int i = 0; i < sizes.presents; ++i) {
    if (kind == IdKind::kInteger) {
      data.present_ids.Intern(int64_t{1 + i * 2});
    } else {
      data.present_ids.Intern(std::string_view(UuidLike(i + 1, 'p')));
    }
    Present present;
    present.title = i % 9 == 0 ? fmt::format("Tab\there, line\nbreak, back\\slash, «ёлка» {}", i)
                               : fmt::format("Present {}", i);
    present.price = static_cast<double>(below(1'000'000)) / 100.0;
    present.category = static_cast<uint16_t>(i % categories.size());
    present.platform = static_cast<uint16_t>(i % platforms.size());
    present.gender = std::array{Gender::kAny, Gender::kFemale, Gender::kMale}[i % 3];
    present.age = std::array{AgeRange{}, AgeRange{25, 34}, AgeRange{45, AgeRange::kMaxAge},
                             AgeRange{0, 17}}[i % 4];
    present.geo_id = i % 6 == 0 ? 213 : kNoGeo;
    present.is_active = i % 8 != 5;
    present.created_at = base_time + static_cast<int64_t>(below(30'000'000));
    data.presents.push_back(present);
  }
  // Every user has at least one like (so none is known only from the users table but absent);
  // likes are distinct (user, present) pairs.
  std::set<std::pair<Index, Index>> liked;
  for (int i = 0; i < sizes.likes; ++i) {
    const Index user = i < sizes.users ? static_cast<Index>(i)
                                       : static_cast<Index>(below(sizes.users));
    const Index present = static_cast<Index>(below(sizes.presents));
    if (!liked.emplace(user, present).second) continue;
    data.likes.push_back(
        Interaction{user, present, base_time + static_cast<int64_t>(below(30'000'000))});
  }
  for (int i = 0; i < sizes.clicks; ++i) {
    const Index user = i % 5 == 0 ? kNoIndex : static_cast<Index>(below(sizes.users));
    data.clicks.push_back(Interaction{user, static_cast<Index>(below(sizes.presents)),
                                      base_time + static_cast<int64_t>(below(30'000'000))});
  }
  return data;
}

using InteractionKey = std::tuple<std::string, std::string, int64_t>;

inline std::vector<InteractionKey> InteractionKeys(const MainData& data,
                                                   const std::vector<Interaction>& rows) {
  std::vector<InteractionKey> keys;
  for (const Interaction& row : rows) {
    keys.emplace_back(row.user == kNoIndex ? "<anonymous>"
                                           : ExternalIdToString(data.user_ids.At(row.user)),
                      ExternalIdToString(data.present_ids.At(row.present)), row.created_at);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

// Same users, presents, likes and clicks, matched by external id (indices may differ).
inline void ExpectSameMainData(const MainData& expected, const MainData& actual) {
  ASSERT_EQ(actual.user_ids.kind(), expected.user_ids.kind());
  ASSERT_EQ(actual.present_ids.kind(), expected.present_ids.kind());
  ASSERT_EQ(actual.users.size(), expected.users.size());
  ASSERT_EQ(actual.user_ids.size(), actual.users.size());
  ASSERT_EQ(actual.presents.size(), expected.presents.size());
  for (Index i = 0; i < expected.users.size(); ++i) {
    const ExternalId id = expected.user_ids.At(i);
    const Index j = actual.user_ids.Find(id);
    ASSERT_NE(j, kNoIndex) << ExternalIdToString(id);
    const User& want = expected.users[i];
    const User& got = actual.users[j];
    EXPECT_EQ(got.in_users_table, want.in_users_table) << ExternalIdToString(id);
    EXPECT_EQ(got.gender, want.gender) << ExternalIdToString(id);
    EXPECT_EQ(got.birth_date, want.birth_date) << ExternalIdToString(id);
    EXPECT_EQ(got.geo_id, want.geo_id) << ExternalIdToString(id);
    EXPECT_EQ(got.created_at, want.created_at) << ExternalIdToString(id);
  }
  for (Index i = 0; i < expected.presents.size(); ++i) {
    const ExternalId id = expected.present_ids.At(i);
    const Index j = actual.present_ids.Find(id);
    ASSERT_NE(j, kNoIndex) << ExternalIdToString(id);
    const Present& want = expected.presents[i];
    const Present& got = actual.presents[j];
    EXPECT_EQ(got.title, want.title);
    EXPECT_DOUBLE_EQ(got.price, want.price);
    EXPECT_EQ(actual.categories.At(got.category), expected.categories.At(want.category));
    EXPECT_EQ(actual.platforms.At(got.platform), expected.platforms.At(want.platform));
    EXPECT_EQ(got.gender, want.gender);
    EXPECT_EQ(got.age, want.age);
    EXPECT_EQ(got.geo_id, want.geo_id);
    EXPECT_EQ(got.is_active, want.is_active);
    EXPECT_EQ(got.created_at, want.created_at);
  }
  EXPECT_EQ(InteractionKeys(actual, actual.likes), InteractionKeys(expected, expected.likes));
  EXPECT_EQ(InteractionKeys(actual, actual.clicks), InteractionKeys(expected, expected.clicks));
  EXPECT_EQ(actual.orphan_likes, 0);
  EXPECT_EQ(actual.orphan_clicks, 0);
}

}  // namespace mysanta::testing
