#include "datagen/generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

namespace mysanta {
namespace {

constexpr int64_t kDay = 86400;

GenerateOptions Counts(int64_t users, int64_t presents, int64_t likes, int64_t clicks) {
  return GenerateOptions{.users = users, .presents = presents, .likes = likes, .clicks = clicks};
}

// Every field of two data sets, so that "same seed, same data" means all of it.
void ExpectSameData(const MainData& a, const MainData& b) {
  ASSERT_EQ(a.user_ids.size(), b.user_ids.size());
  for (Index i = 0; i < a.user_ids.size(); ++i) ASSERT_EQ(a.user_ids.At(i), b.user_ids.At(i));
  ASSERT_EQ(a.present_ids.size(), b.present_ids.size());
  for (Index i = 0; i < a.present_ids.size(); ++i) {
    ASSERT_EQ(a.present_ids.At(i), b.present_ids.At(i));
  }
  ASSERT_EQ(a.categories.size(), b.categories.size());
  for (uint16_t i = 0; i < a.categories.size(); ++i)
    ASSERT_EQ(a.categories.At(i), b.categories.At(i));
  ASSERT_EQ(a.platforms.size(), b.platforms.size());
  for (uint16_t i = 0; i < a.platforms.size(); ++i) ASSERT_EQ(a.platforms.At(i), b.platforms.At(i));
  ASSERT_EQ(a.users.size(), b.users.size());
  for (size_t i = 0; i < a.users.size(); ++i) {
    const User& x = a.users[i];
    const User& y = b.users[i];
    ASSERT_EQ(x.gender, y.gender) << i;
    ASSERT_EQ(x.birth_date, y.birth_date) << i;
    ASSERT_EQ(x.geo_id, y.geo_id) << i;
    ASSERT_EQ(x.created_at, y.created_at) << i;
    ASSERT_EQ(x.in_users_table, y.in_users_table) << i;
  }
  ASSERT_EQ(a.presents.size(), b.presents.size());
  for (size_t i = 0; i < a.presents.size(); ++i) {
    const Present& x = a.presents[i];
    const Present& y = b.presents[i];
    ASSERT_EQ(x.title, y.title) << i;
    ASSERT_EQ(x.price, y.price) << i;
    ASSERT_EQ(x.category, y.category) << i;
    ASSERT_EQ(x.platform, y.platform) << i;
    ASSERT_EQ(x.gender, y.gender) << i;
    ASSERT_EQ(x.age, y.age) << i;
    ASSERT_EQ(x.geo_id, y.geo_id) << i;
    ASSERT_EQ(x.is_active, y.is_active) << i;
    ASSERT_EQ(x.created_at, y.created_at) << i;
  }
  for (const auto& [xs, ys] : {std::pair(&a.likes, &b.likes), std::pair(&a.clicks, &b.clicks)}) {
    ASSERT_EQ(xs->size(), ys->size());
    for (size_t i = 0; i < xs->size(); ++i) {
      ASSERT_EQ((*xs)[i].user, (*ys)[i].user) << i;
      ASSERT_EQ((*xs)[i].present, (*ys)[i].present) << i;
      ASSERT_EQ((*xs)[i].created_at, (*ys)[i].created_at) << i;
    }
  }
  EXPECT_EQ(a.orphan_likes, b.orphan_likes);
  EXPECT_EQ(a.orphan_clicks, b.orphan_clicks);
}

void ExpectExactCounts(const MainData& data, const GenerateOptions& options) {
  EXPECT_EQ(data.users.size(), static_cast<size_t>(options.users));
  EXPECT_EQ(data.user_ids.size(), static_cast<size_t>(options.users));
  EXPECT_TRUE(std::all_of(data.users.begin(), data.users.end(),
                          [](const User& user) { return user.in_users_table; }));
  EXPECT_EQ(data.presents.size(), static_cast<size_t>(options.presents));
  EXPECT_EQ(data.present_ids.size(), static_cast<size_t>(options.presents));
  EXPECT_EQ(data.likes.size(), static_cast<size_t>(options.likes));
  EXPECT_EQ(data.clicks.size(), static_cast<size_t>(options.clicks));
}

size_t DistinctLikePairs(const MainData& data) {
  std::unordered_set<uint64_t> pairs;
  for (const Interaction& like : data.likes) {
    pairs.insert(static_cast<uint64_t>(like.user) << 32 | like.present);
  }
  return pairs.size();
}

TEST(ScaleOptionsTest, NamesTheThreeScales) {
  const auto tiny = ScaleOptions("tiny");
  ASSERT_TRUE(tiny.has_value());
  EXPECT_EQ(tiny->presents, 500);
  EXPECT_EQ(tiny->users, 2'000);
  EXPECT_EQ(tiny->likes, 10'000);
  EXPECT_EQ(tiny->clicks, 12'000);
  const auto seed = ScaleOptions("seed");
  ASSERT_TRUE(seed.has_value());
  EXPECT_EQ(seed->presents, 16'000);
  EXPECT_EQ(seed->users, 100'000);
  EXPECT_EQ(seed->likes, 600'000);
  EXPECT_EQ(seed->clicks, 800'000);
  const auto large = ScaleOptions("large");
  ASSERT_TRUE(large.has_value());
  EXPECT_EQ(large->presents, 100'000);
  EXPECT_EQ(large->users, 300'000);
  EXPECT_EQ(large->likes, 2'000'000);
  EXPECT_EQ(large->clicks, 3'000'000);
  EXPECT_EQ(seed->seed, 42u);
  EXPECT_EQ(seed->id_kind, IdKind::kInteger);
  EXPECT_FALSE(ScaleOptions("huge").has_value());
  EXPECT_FALSE(ScaleOptions("").has_value());
}

TEST(GenerateTest, DefaultNowIsTheEndOf2026) {
  EXPECT_EQ(kDefaultGenerateNow, *ParseTimestamp("2026-12-31 00:00:00"));
}

TEST(GenerateTest, TinyHasExactCounts) {
  const GenerateOptions options = *ScaleOptions("tiny");
  const MainData data = Generate(options);
  ExpectExactCounts(data, options);
  EXPECT_EQ(data.categories.size(), 15u);
  EXPECT_EQ(data.platforms.size(), 6u);
  EXPECT_NE(data.categories.Find("electronics"), kNoName);
  EXPECT_NE(data.platforms.Find("wildberries"), kNoName);
  EXPECT_EQ(DistinctLikePairs(data), data.likes.size());
}

TEST(GenerateTest, ExplicitCountsAreExact) {
  for (const GenerateOptions& options :
       {Counts(37, 11, 200, 55), Counts(1, 1, 1, 1), Counts(5, 3, 0, 9), Counts(0, 4, 0, 6),
        Counts(0, 0, 0, 0), Counts(10, 0, 0, 0)}) {
    SCOPED_TRACE(testing::Message() << options.users << "/" << options.presents << "/"
                                    << options.likes << "/" << options.clicks);
    const MainData data = Generate(options);
    ExpectExactCounts(data, options);
    EXPECT_EQ(DistinctLikePairs(data), data.likes.size());
  }
}

TEST(GenerateTest, FillsEveryPairWhenLikesEqualAllPairs) {
  const MainData data = Generate(Counts(6, 5, 30, 10));
  EXPECT_EQ(data.likes.size(), 30u);
  EXPECT_EQ(DistinctLikePairs(data), 30u);
}

TEST(GenerateTest, WithoutUsersEveryClickIsAnonymous) {
  const MainData data = Generate(Counts(0, 20, 0, 50));
  ASSERT_EQ(data.clicks.size(), 50u);
  for (const Interaction& click : data.clicks) EXPECT_EQ(click.user, kNoIndex);
}

TEST(GenerateTest, RejectsImpossibleOptions) {
  EXPECT_FALSE(ValidateGenerateOptions(Counts(10, 10, 100, 10)).has_value());
  EXPECT_TRUE(ValidateGenerateOptions(Counts(10, 10, 101, 10)).has_value());
  EXPECT_TRUE(ValidateGenerateOptions(Counts(-1, 10, 0, 0)).has_value());
  EXPECT_TRUE(ValidateGenerateOptions(Counts(1, -1, 0, 0)).has_value());
  EXPECT_TRUE(ValidateGenerateOptions(Counts(1, 1, -1, 0)).has_value());
  EXPECT_TRUE(ValidateGenerateOptions(Counts(1, 1, 0, -1)).has_value());
  EXPECT_TRUE(ValidateGenerateOptions(Counts(1, 0, 0, 1)).has_value());
  EXPECT_TRUE(ValidateGenerateOptions(Counts(0, 5, 1, 0)).has_value());
  EXPECT_THROW(Generate(Counts(2, 2, 5, 0)), std::invalid_argument);
}

TEST(GenerateTest, SameSeedGivesIdenticalData) {
  const GenerateOptions options = *ScaleOptions("tiny");
  const MainData first = Generate(options);
  const MainData second = Generate(options);
  ExpectSameData(first, second);
}

TEST(GenerateTest, SameSeedGivesIdenticalTextIdData) {
  GenerateOptions options = Counts(300, 80, 1'500, 2'000);
  options.id_kind = IdKind::kText;
  ExpectSameData(Generate(options), Generate(options));
}

// FNV-1a over every field, in a fixed byte order.
class Fingerprint {
 public:
  void Add(uint64_t value) {
    for (int i = 0; i < 8; ++i) {
      hash_ = (hash_ ^ ((value >> (8 * i)) & 0xFF)) * 0x100000001B3ULL;
    }
  }
  void Add(const std::string& text) {
    Add(text.size());
    for (unsigned char c : text) hash_ = (hash_ ^ c) * 0x100000001B3ULL;
  }
  void Add(double value) { Add(static_cast<uint64_t>(std::llround(value * 100))); }
  uint64_t hash() const { return hash_; }

 private:
  uint64_t hash_ = 0xCBF29CE484222325ULL;
};

uint64_t FingerprintOf(const MainData& data) {
  Fingerprint print;
  for (Index i = 0; i < data.user_ids.size(); ++i)
    print.Add(ExternalIdToString(data.user_ids.At(i)));
  for (Index i = 0; i < data.present_ids.size(); ++i) {
    print.Add(ExternalIdToString(data.present_ids.At(i)));
  }
  for (const User& user : data.users) {
    print.Add(static_cast<uint64_t>(user.gender));
    print.Add(static_cast<uint64_t>(user.birth_date));
    print.Add(static_cast<uint64_t>(user.geo_id));
    print.Add(static_cast<uint64_t>(user.created_at));
  }
  for (const Present& present : data.presents) {
    print.Add(present.title);
    print.Add(present.price);
    print.Add(data.categories.At(present.category));
    print.Add(data.platforms.At(present.platform));
    print.Add(static_cast<uint64_t>(present.gender));
    print.Add(AgeRangeLabel(present.age));
    print.Add(static_cast<uint64_t>(present.geo_id));
    print.Add(static_cast<uint64_t>(present.is_active));
    print.Add(static_cast<uint64_t>(present.created_at));
  }
  for (const auto* table : {&data.likes, &data.clicks}) {
    for (const Interaction& row : *table) {
      print.Add(static_cast<uint64_t>(row.user));
      print.Add(static_cast<uint64_t>(row.present));
      print.Add(static_cast<uint64_t>(row.created_at));
    }
  }
  return print.hash();
}

// "Same seed, same data" across builds and machines, not only within one process. When the
// generator is changed on purpose, this value changes: update it in the same commit.
TEST(GenerateTest, TinyDataHaveAPinnedFingerprint) {
  GenerateOptions options = *ScaleOptions("tiny");
  EXPECT_EQ(FingerprintOf(Generate(options)), 0xE5E592A5FC4205A6ULL);
  options.id_kind = IdKind::kText;
  EXPECT_EQ(FingerprintOf(Generate(options)), 0x97EF7621F1C3255DULL);
}

TEST(GenerateTest, DifferentSeedGivesDifferentData) {
  GenerateOptions options = *ScaleOptions("tiny");
  const MainData first = Generate(options);
  options.seed = 43;
  const MainData second = Generate(options);
  ExpectExactCounts(second, options);
  int same_likes = 0;
  for (size_t i = 0; i < first.likes.size(); ++i) {
    same_likes += first.likes[i].user == second.likes[i].user &&
                  first.likes[i].present == second.likes[i].present &&
                  first.likes[i].created_at == second.likes[i].created_at;
  }
  EXPECT_LT(same_likes, 100);
  int same_prices = 0;
  for (size_t i = 0; i < first.presents.size(); ++i) {
    same_prices += first.presents[i].price == second.presents[i].price;
  }
  EXPECT_LT(same_prices, 100);
}

TEST(GenerateTest, IntegerIdsAreOneToN) {
  const MainData data = Generate(Counts(50, 20, 100, 100));
  ASSERT_EQ(data.user_ids.kind(), IdKind::kInteger);
  for (Index i = 0; i < 50; ++i) EXPECT_EQ(data.user_ids.IntegerAt(i), i + 1);
  for (Index i = 0; i < 20; ++i) EXPECT_EQ(data.present_ids.IntegerAt(i), i + 1);
}

bool LooksLikeUuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (text[i] == '-')) return false;
    if (!dash && !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
    if (!dash && std::isupper(static_cast<unsigned char>(text[i]))) return false;
  }
  return text[14] == '4' && std::string("89ab").find(text[19]) != std::string::npos;
}

TEST(GenerateTest, TextIdsAreUniqueUuidLikeStrings) {
  GenerateOptions options = *ScaleOptions("tiny");
  options.id_kind = IdKind::kText;
  const MainData data = Generate(options);
  ExpectExactCounts(data, options);
  ASSERT_EQ(data.user_ids.kind(), IdKind::kText);
  ASSERT_EQ(data.present_ids.kind(), IdKind::kText);
  std::set<std::string> seen;
  for (const IdDictionary* ids : {&data.user_ids, &data.present_ids}) {
    for (Index i = 0; i < ids->size(); ++i) {
      EXPECT_TRUE(LooksLikeUuid(ids->TextAt(i))) << ids->TextAt(i);
      seen.insert(ids->TextAt(i));
    }
  }
  EXPECT_EQ(seen.size(), data.user_ids.size() + data.present_ids.size());

  // The ids change form only: the rest is the integer-id data set.
  options.id_kind = IdKind::kInteger;
  const MainData integer = Generate(options);
  ASSERT_EQ(integer.likes.size(), data.likes.size());
  for (size_t i = 0; i < data.likes.size(); ++i) {
    EXPECT_EQ(integer.likes[i].user, data.likes[i].user);
    EXPECT_EQ(integer.likes[i].present, data.likes[i].present);
  }
}

TEST(GenerateTest, ReportsProgressPerStage) {
  std::set<std::string> stages;
  bool in_range = true;
  Generate(*ScaleOptions("tiny"), [&](std::string_view stage, double fraction) {
    stages.emplace(stage);
    in_range = in_range && fraction >= 0 && fraction <= 1;
  });
  EXPECT_TRUE(in_range);
  EXPECT_EQ(stages, (std::set<std::string>{"users", "presents", "likes", "clicks", "ordering"}));
}

TEST(GenerateTest, TimestampsAreConsistent) {
  GenerateOptions options = *ScaleOptions("tiny");
  options.now = *ParseTimestamp("2025-06-15 12:00:00");
  const MainData data = Generate(options);
  std::vector<int64_t> first_seen(data.presents.size(), INT64_MAX);
  for (const auto* table : {&data.likes, &data.clicks}) {
    for (const Interaction& row : *table) {
      EXPECT_GE(row.created_at, options.now - 366 * kDay);
      EXPECT_LT(row.created_at, options.now);
      if (row.user != kNoIndex) {
        EXPECT_GE(row.created_at, data.users[row.user].created_at);
      }
      first_seen[row.present] = std::min(first_seen[row.present], row.created_at);
    }
    EXPECT_TRUE(std::is_sorted(
        table->begin(), table->end(),
        [](const Interaction& a, const Interaction& b) { return a.created_at < b.created_at; }));
  }
  for (size_t p = 0; p < data.presents.size(); ++p) {
    EXPECT_LT(data.presents[p].created_at, first_seen[p]);
    EXPECT_GE(data.presents[p].created_at, options.now - 2 * 366 * kDay);
  }
  for (const User& user : data.users) {
    EXPECT_LT(user.created_at, options.now);
    EXPECT_GE(user.created_at, options.now - 2 * 366 * kDay);
  }
}

// The structure that quality measurements rely on, on a mid-sized data set made once.
class GeneratedStructureTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    generated_ = new GeneratedData(GenerateWithTaste(Counts(25'000, 4'000, 150'000, 200'000)));
  }
  static void TearDownTestSuite() {
    delete generated_;
    generated_ = nullptr;
  }
  static const MainData& data() { return generated_->data; }

  // Per user: the distinct presents liked.
  static std::vector<std::vector<Index>> LikesByUser() {
    std::vector<std::vector<Index>> liked(data().users.size());
    for (const Interaction& like : data().likes) liked[like.user].push_back(like.present);
    return liked;
  }

  static GeneratedData* generated_;
};
GeneratedData* GeneratedStructureTest::generated_ = nullptr;

int MonthOf(int64_t timestamp) { return std::stoi(FormatTimestamp(timestamp).substr(5, 2)); }

TEST_F(GeneratedStructureTest, DecemberPeaks) {
  std::array<int64_t, 13> per_month{};
  for (const Interaction& like : data().likes) ++per_month[MonthOf(like.created_at)];
  const double average_month = static_cast<double>(data().likes.size()) / 12;
  EXPECT_GT(per_month[12], 1.5 * average_month);
  // And it is a peak, not a trend: November is busy, summer is quiet.
  EXPECT_GT(per_month[12], per_month[11]);
  EXPECT_LT(per_month[7], average_month);
}

TEST_F(GeneratedStructureTest, PopularityIsSkewed) {
  std::vector<int64_t> likes_per_present(data().presents.size());
  for (const Interaction& like : data().likes) ++likes_per_present[like.present];
  std::sort(likes_per_present.rbegin(), likes_per_present.rend());
  const size_t top = likes_per_present.size() / 100;
  int64_t top_likes = 0;
  for (size_t i = 0; i < top; ++i) top_likes += likes_per_present[i];
  EXPECT_GT(static_cast<double>(top_likes) / data().likes.size(), 0.10);
  // A long tail: the median present gets far fewer likes than the mean.
  const double mean = static_cast<double>(data().likes.size()) / data().presents.size();
  EXPECT_LT(likes_per_present[likes_per_present.size() / 2], 0.7 * mean);
}

TEST_F(GeneratedStructureTest, SomePresentsAreRegionalOrInactive) {
  std::map<int32_t, int> regional;
  int total_regional = 0;
  int inactive = 0;
  for (const Present& present : data().presents) {
    if (present.geo_id != kNoGeo) {
      ++regional[present.geo_id];
      ++total_regional;
    }
    inactive += !present.is_active;
  }
  const double count = static_cast<double>(data().presents.size());
  EXPECT_GT(total_regional / count, 0.04);
  EXPECT_LT(total_regional / count, 0.12);
  EXPECT_GT(inactive / count, 0.02);
  EXPECT_LT(inactive / count, 0.08);
  EXPECT_GT(regional.size(), 5u);
  const auto largest = std::max_element(regional.begin(), regional.end(),
                                        [](auto& a, auto& b) { return a.second < b.second; });
  EXPECT_EQ(largest->first, 213);  // Moscow
}

TEST_F(GeneratedStructureTest, RegionalPresentsAreLikedInTheirRegion) {
  int regional_likes = 0;
  int from_elsewhere = 0;
  for (const Interaction& like : data().likes) {
    const int32_t geo = data().presents[like.present].geo_id;
    if (geo == kNoGeo) continue;
    ++regional_likes;
    from_elsewhere += data().users[like.user].geo_id != geo;
  }
  ASSERT_GT(regional_likes, 1000);
  EXPECT_LT(static_cast<double>(from_elsewhere) / regional_likes, 0.15);
}

TEST_F(GeneratedStructureTest, UsersHaveZeroFewAndManyInteractions) {
  std::vector<std::unordered_set<Index>> interactions(data().users.size());
  int64_t anonymous = 0;
  for (const Interaction& like : data().likes) interactions[like.user].insert(like.present);
  for (const Interaction& click : data().clicks) {
    if (click.user == kNoIndex) {
      ++anonymous;
    } else {
      interactions[click.user].insert(click.present);
    }
  }
  std::array<int, 3> groups{};  // 0, 1-2, 3+
  size_t most = 0;
  for (const auto& presents : interactions) {
    ++groups[presents.empty() ? 0 : presents.size() <= 2 ? 1 : 2];
    most = std::max(most, presents.size());
  }
  const double users = static_cast<double>(data().users.size());
  for (int group : groups) EXPECT_GT(group / users, 0.10);
  EXPECT_GT(most, 50u);  // a few power users
  const double anonymous_share = static_cast<double>(anonymous) / data().clicks.size();
  EXPECT_NEAR(anonymous_share, 0.15, 0.01);
}

TEST_F(GeneratedStructureTest, UsersLikeFewCategories) {
  double share_sum = 0;
  int users = 0;
  for (const auto& liked : LikesByUser()) {
    if (liked.size() < 5) continue;
    std::map<uint16_t, int> per_category;
    for (Index present : liked) ++per_category[data().presents[present].category];
    int top = 0;
    for (const auto& [category, count] : per_category) top = std::max(top, count);
    share_sum += static_cast<double>(top) / liked.size();
    ++users;
  }
  ASSERT_GT(users, 1000);
  EXPECT_GT(share_sum / users, 0.3);  // 1/15 if categories were random
}

TEST_F(GeneratedStructureTest, CategoriesCorrelateWithGenderTags) {
  const auto female_share = [&](std::initializer_list<std::string_view> names) {
    int female = 0;
    int gendered = 0;
    for (const Present& present : data().presents) {
      const std::string& category = data().categories.At(present.category);
      if (std::find(names.begin(), names.end(), category) == names.end()) continue;
      if (present.gender == Gender::kAny) continue;
      ++gendered;
      female += present.gender == Gender::kFemale;
    }
    return static_cast<double>(female) / std::max(gendered, 1);
  };
  EXPECT_GT(female_share({"beauty", "jewelry"}), 0.8);
  EXPECT_LT(female_share({"electronics", "games"}), 0.5);
}

TEST_F(GeneratedStructureTest, LikesFollowGender) {
  // Women like presents tagged for women more than men do.
  std::array<std::array<int, 3>, 3> likes{};  // [user gender][present gender]
  for (const Interaction& like : data().likes) {
    ++likes[static_cast<int>(data().users[like.user].gender)]
           [static_cast<int>(data().presents[like.present].gender)];
  }
  const auto female_share = [&](Gender gender) {
    const auto& row = likes[static_cast<int>(gender)];
    return static_cast<double>(row[1]) / (row[0] + row[1] + row[2]);
  };
  EXPECT_GT(female_share(Gender::kFemale), 2 * female_share(Gender::kMale));
}

TEST_F(GeneratedStructureTest, PricesDependOnCategory) {
  const auto median_price = [&](std::string_view name) {
    std::vector<double> prices;
    for (const Present& present : data().presents) {
      if (data().categories.At(present.category) == name) prices.push_back(present.price);
    }
    std::nth_element(prices.begin(), prices.begin() + prices.size() / 2, prices.end());
    return prices[prices.size() / 2];
  };
  EXPECT_LT(2 * median_price("books"), median_price("electronics"));
  EXPECT_LT(2 * median_price("stationery"), median_price("jewelry"));
  for (const Present& present : data().presents) {
    EXPECT_GT(present.price, 0);
    EXPECT_NEAR(present.price * 100, std::round(present.price * 100), 1e-6);
    EXPECT_FALSE(present.title.empty());
  }
}

TEST_F(GeneratedStructureTest, DemographicsAreMostlyKnown) {
  int unknown_gender = 0;
  int unknown_birth = 0;
  int unknown_geo = 0;
  const int32_t today = static_cast<int32_t>(kDefaultGenerateNow / kDay);
  for (const User& user : data().users) {
    unknown_gender += user.gender == Gender::kAny;
    unknown_geo += user.geo_id == kNoGeo;
    if (user.birth_date == kUnknownDate) {
      ++unknown_birth;
      continue;
    }
    const int age = AgeInYears(user.birth_date, today);
    EXPECT_GE(age, 14);
    EXPECT_LE(age, 75);
  }
  const double users = static_cast<double>(data().users.size());
  EXPECT_NEAR(unknown_gender / users, 0.05, 0.01);
  EXPECT_NEAR(unknown_birth / users, 0.05, 0.01);
  EXPECT_NEAR(unknown_geo / users, 0.03, 0.01);
}

TEST_F(GeneratedStructureTest, PresentAgeTagsAreGroupsOrAny) {
  std::set<std::string> labels;
  for (const Present& present : data().presents) labels.insert(AgeRangeLabel(present.age));
  for (const std::string& label : labels) {
    EXPECT_TRUE(label == "any" || label == "45+" || AgeGroupOfLabel(label) != kNoAgeGroup) << label;
  }
  EXPECT_TRUE(labels.contains("any"));
  EXPECT_TRUE(labels.contains("45+"));
  EXPECT_TRUE(labels.contains("18-24"));
}

TEST_F(GeneratedStructureTest, ClicksFollowLikes) {
  std::unordered_set<uint64_t> liked;
  for (const Interaction& like : data().likes) {
    liked.insert(static_cast<uint64_t>(like.user) << 32 | like.present);
  }
  int user_clicks = 0;
  int on_liked = 0;
  for (const Interaction& click : data().clicks) {
    if (click.user == kNoIndex) continue;
    ++user_clicks;
    on_liked += liked.contains(static_cast<uint64_t>(click.user) << 32 | click.present);
  }
  EXPECT_GT(static_cast<double>(on_liked) / user_clicks, 0.3);
}

TEST_F(GeneratedStructureTest, ClusterMembersShareLikedPresents) {
  const auto liked = LikesByUser();
  const auto& cluster_of = generated_->taste.user_cluster;
  ASSERT_EQ(cluster_of.size(), data().users.size());
  std::vector<std::vector<Index>> sorted_likes = liked;
  for (auto& presents : sorted_likes) std::sort(presents.begin(), presents.end());
  const auto jaccard = [&](Index a, Index b) {
    std::vector<Index> common;
    std::set_intersection(sorted_likes[a].begin(), sorted_likes[a].end(), sorted_likes[b].begin(),
                          sorted_likes[b].end(), std::back_inserter(common));
    return static_cast<double>(common.size()) /
           (sorted_likes[a].size() + sorted_likes[b].size() - common.size());
  };
  std::vector<Index> active;
  for (Index u = 0; u < liked.size(); ++u) {
    if (liked[u].size() >= 3) active.push_back(u);
  }
  ASSERT_GT(active.size(), 1000u);
  double same_sum = 0;
  double other_sum = 0;
  int same = 0;
  int other = 0;
  // Deterministic pairs: each active user with a far-away one, and with the next member of
  // their own cluster.
  std::map<uint16_t, std::vector<Index>> members;
  for (Index u : active) members[cluster_of[u]].push_back(u);
  for (size_t i = 0; i < active.size(); ++i) {
    const Index a = active[i];
    const Index b = active[(i * 7919 + 13) % active.size()];
    if (a != b && cluster_of[a] != cluster_of[b]) {
      other_sum += jaccard(a, b);
      ++other;
    }
  }
  for (const auto& [cluster, users] : members) {
    for (size_t i = 0; i + 1 < users.size(); ++i) {
      same_sum += jaccard(users[i], users[i + 1]);
      ++same;
    }
  }
  ASSERT_GT(same, 100);
  ASSERT_GT(other, 100);
  EXPECT_GT(same_sum / same, 3 * (other_sum / other));
}

}  // namespace
}  // namespace mysanta
