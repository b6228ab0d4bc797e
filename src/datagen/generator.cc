// The model behind the synthetic data, in the order it is drawn:
//  1. Taste clusters (8-60, by catalogue size): each a gender, an age group, a price band and a
//     mixture over categories (one main, two secondary, a little of everything else).
//  2. Presents: each made for one cluster; category from its mixture, price log-normal around the
//     category median shifted by the band, gender and age tags from cluster and category, shop
//     by category, 8% regional, 5% inactive. Within a cluster popularity is Zipf-like.
//  3. Users: demographics (some unknown), one or two clusters chosen by gender and age, a price
//     preference, a favourite shop, and a long-tailed activity level (22% never act).
//  4. Likes: counts per user by activity (exact total), presents drawn from the user's clusters
//     (8% from global popularity) and accepted by region, gender, age, price and shop fit.
//  5. Clicks: 15% anonymous by global popularity; the rest by the same taste, 45% of them on a
//     present the user likes, shortly before the like.
//  6. Times: a seasonal calendar (December peak), users act in bursts around a visit; sign-ups
//     and listings are moved before the first interaction with them.
#include "datagen/generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "datagen/activity_calendar.h"
#include "datagen/alias_sampler.h"
#include "datagen/random.h"
#include "datagen/taxonomy.h"

namespace mysanta {
namespace {

using datagen::ActivityCalendar;
using datagen::AliasSampler;
using datagen::Rng;

// Each stage draws from its own stream (see Rng::ForStream).
enum Stream : uint64_t {
  kIdStream = 1,
  kClusterStream,
  kPresentStream,
  kUserStream,
  kLikeStream,
  kClickStream,
  kOrderStream,
};

constexpr int64_t kSecondsPerDay = ActivityCalendar::kSecondsPerDay;
constexpr int64_t kTwoYears = 730 * kSecondsPerDay;
constexpr uint16_t kNoCluster = UINT16_MAX;

// Shape of the data; the values are plausible for a gift service, not measured.
constexpr double kRegionalShare = 0.08;  // presents sold in one region only
constexpr double kInactiveShare = 0.05;  // presents out of stock or hidden
constexpr double kAnonymousClickShare = 0.15;
constexpr double kDormantUserShare = 0.22;    // users who never like nor click
constexpr double kClickOnlyShare = 0.12;      // of the other users: they click but never like
constexpr double kActivitySigma = 1.4;        // spread of log(activity) among users
constexpr double kExploreShare = 0.08;        // draws from global popularity, outside one's taste
constexpr double kSecondClusterShare = 0.55;  // users with a second taste cluster
constexpr double kClickOfLikedShare = 0.45;   // user clicks on a present they (later) like
constexpr double kBurstShare = 0.6;           // interactions within days of the user's visit
constexpr double kZipfExponent = 0.9;         // popularity inside a cluster
constexpr double kNeutralAgeShare = 0.45;     // presents that suit any age
constexpr AgeRange kFortyFivePlus{45, AgeRange::kMaxAge};  // MySanta's "45+"

struct Cluster {
  Gender gender = Gender::kAny;
  int age_group = 0;        // of the users it appeals to
  double weight = 1;        // relative size
  double price_offset = 0;  // log-price offset from the category medians: the price band
  AliasSampler categories;
  std::vector<Index> presents;  // most popular first
  AliasSampler popularity;      // over `presents`
};

struct UserTaste {
  uint16_t primary = 0;
  uint16_t secondary = kNoCluster;
  double primary_share = 1;     // of taste draws from the primary cluster
  double price_preference = 0;  // preferred log-price offset from category medians
  uint8_t platform = 0;         // favourite shop
  int age_group = kNoAgeGroup;
  int64_t anchor = 0;       // when the user came with something to find (a holiday ahead)
  double like_weight = 0;   // relative number of likes
  double click_weight = 0;  // relative number of clicks
};

std::string UuidLike(Rng& rng) {
  const uint64_t high = (rng.Next() & ~0xF000ULL) | 0x4000ULL;       // version 4
  const uint64_t low = (rng.Next() & ~(3ULL << 62)) | (2ULL << 62);  // RFC 4122 variant
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", high >> 32, (high >> 16) & 0xFFFF,
                     high & 0xFFFF, low >> 48, low & 0xFFFFFFFFFFFFULL);
}

// Shop-like prices: 2,489 rather than 2,493.17.
double RoundPrice(double price, Rng& rng) {
  price = std::max(price, 49.0);
  if (price >= 1000) return std::round(price / 10) * 10 - 1;
  if (price >= 100) return std::round(price) - (rng.Chance(0.3) ? 0.01 : 0.0);
  return std::round(price * 100) / 100;
}

// "<Adjective> <noun> <model>", e.g. "Cozy throw blanket K27".
std::string PresentTitle(const datagen::CategoryProfile& category, Rng& rng) {
  const auto adjectives = datagen::TitleAdjectives();
  // One draw per statement: the order of evaluation of function arguments is unspecified.
  const std::string_view adjective = adjectives[rng.Below(adjectives.size())];
  const std::string_view noun = category.nouns[rng.Below(category.nouns.size())];
  const auto letter = static_cast<char>('A' + rng.Below(26));
  const uint64_t number = 10 + rng.Below(90);
  return fmt::format("{} {} {}{}", adjective, noun, letter, number);
}

// Whom a present suits: mostly its cluster's gender, else its category's lean, often anyone.
Gender PresentGender(const datagen::CategoryProfile& category, const Cluster& cluster, Rng& rng) {
  if (rng.Chance(category.neutral_share)) return Gender::kAny;
  if (cluster.gender != Gender::kAny && rng.Chance(0.75)) return cluster.gender;
  return rng.Chance(category.female_lean) ? Gender::kFemale : Gender::kMale;
}

// The age a present suits: its category's recipients or its cluster's users, often any age.
AgeRange PresentAge(const datagen::CategoryProfile& category, const Cluster& cluster, Rng& rng) {
  if (rng.Chance(kNeutralAgeShare)) return AgeRange{};
  int group = category.recipient_age_group >= 0 ? category.recipient_age_group : cluster.age_group;
  if (rng.Chance(0.2))
    group = std::clamp(group + (rng.Chance(0.5) ? 1 : -1), 0, kAgeGroupCount - 1);
  // MySanta tags older recipients "45+".
  if (group >= 4 && rng.Chance(0.6)) return kFortyFivePlus;
  return AgeGroupRange(group);
}

class Generator {
 public:
  Generator(const GenerateOptions& options, const GenerateProgress& progress)
      : options_(options),
        progress_(progress),
        calendar_(options.now),
        today_(options.now / kSecondsPerDay) {
    for (int group = 0; group < kAgeGroupCount; ++group) {
      age_group_ranges_[group] = AgeGroupRange(group);
    }
  }

  GeneratedData Run() {
    MakeIds();
    MakeClusters();
    MakePresents();
    MakeUsers();
    MakeLikes();
    MakeClicks();
    PrecedeInteractions();
    Order();
    return std::move(result_);
  }

 private:
  MainData& data() { return result_.data; }
  const MainData& data() const { return result_.data; }

  void Report(std::string_view stage, double fraction) const {
    if (progress_) progress_(stage, fraction);
  }

  void MakeIds();
  void MakeClusters();
  void MakePresents();
  void IndexClusterPresents(Rng& rng);
  void MakeUsers();
  std::array<AliasSampler, 3 * (kAgeGroupCount + 1)> SegmentClusterSamplers() const;
  void MakeLikes();
  void MakeClicks();
  // Moves sign-ups and catalogue entries before the first interaction with them.
  void PrecedeInteractions();
  void Order();
  // When the user likes or clicks: mostly in a burst after their visit anchor, else any time.
  int64_t InteractionTime(Index user, Rng& rng) const;

  // How many of `total` events each user gets, in proportion to `weights`, at most `cap` each.
  std::vector<int64_t> Allocate(int64_t total, const std::vector<double>& weights, int64_t cap,
                                Rng& rng) const;
  // A present from the user's taste (or, now and then, from global popularity).
  Index DrawTastePresent(const UserTaste& taste, Rng& rng) const;
  // Probability that the user actually likes a present drawn from their taste: region, gender,
  // age, price and shop fit.
  double Acceptance(Index user, Index present) const;
  // A present the user likes and has not liked yet (`liked_by_` marks their likes).
  Index DrawNewLike(Index user, Rng& rng) const;
  Index DrawClick(Index user, Rng& rng) const;

  GenerateOptions options_;
  const GenerateProgress& progress_;
  ActivityCalendar calendar_;
  int64_t today_;  // days since the epoch
  std::array<AgeRange, kAgeGroupCount> age_group_ranges_;

  GeneratedData result_;
  std::vector<Cluster> clusters_;
  AliasSampler global_popularity_;
  std::vector<double> log_price_offset_;  // per present: log(price / category median)
  std::vector<UserTaste> tastes_;
  std::vector<uint32_t> liked_by_;  // per present: 1 + the user being filled, during likes
  std::vector<size_t> user_likes_;  // user u's likes are [user_likes_[u], user_likes_[u + 1])
};

void Generator::MakeIds() {
  MainData& main = data();
  main.user_ids = IdDictionary(options_.id_kind);
  main.present_ids = IdDictionary(options_.id_kind);
  for (const auto& category : datagen::Categories()) main.categories.Intern(category.name);
  for (std::string_view platform : datagen::kPlatformNames) main.platforms.Intern(platform);
  Rng rng = Rng::ForStream(options_.seed, kIdStream);
  for (IdDictionary* ids : {&main.user_ids, &main.present_ids}) {
    const int64_t count = ids == &main.user_ids ? options_.users : options_.presents;
    for (int64_t i = 0; i < count; ++i) {
      if (options_.id_kind == IdKind::kInteger) {
        ids->Intern(i + 1);
        continue;
      }
      // A repeated 122-bit id is all but impossible; draw again if it ever happens.
      while (ids->size() == static_cast<size_t>(i)) ids->Intern(std::string_view(UuidLike(rng)));
    }
  }
}

void Generator::MakeClusters() {
  const int64_t presents = options_.presents;
  const int count = presents == 0 ? 0
                                  : static_cast<int>(std::clamp<int64_t>(
                                        presents / 300, std::min<int64_t>(8, presents), 60));
  result_.taste.cluster_count = count;
  Rng rng = Rng::ForStream(options_.seed, kClusterStream);
  const auto categories = datagen::Categories();
  for (int k = 0; k < count; ++k) {
    Cluster cluster;
    const double gender_draw = rng.Uniform();
    cluster.gender = gender_draw < 0.45   ? Gender::kFemale
                     : gender_draw < 0.75 ? Gender::kMale
                                          : Gender::kAny;
    // Women's clusters favour beauty and jewelry, men's electronics and games.
    std::array<double, datagen::kCategoryCount> fit{};
    for (int c = 0; c < datagen::kCategoryCount; ++c) {
      const double lean = categories[c].female_lean;
      const double gender_fit = cluster.gender == Gender::kFemale ? lean * lean
                                : cluster.gender == Gender::kMale ? (1 - lean) * (1 - lean)
                                                                  : 0.25 + lean * (1 - lean);
      fit[c] = categories[c].catalogue_share * gender_fit;
    }
    const AliasSampler pick(fit);
    std::array<double, datagen::kCategoryCount> mixture;
    mixture.fill(0.05 / datagen::kCategoryCount);
    const std::array<double, 3> shares = {0.60, 0.25, 0.10};
    std::array<uint32_t, 3> chosen = {pick.Sample(rng), 0, 0};
    for (int rank = 1; rank < 3; ++rank) {
      chosen[rank] = pick.Sample(rng);
      for (int retry = 0; retry < 20 && std::find(chosen.begin(), chosen.begin() + rank,
                                                  chosen[rank]) != chosen.begin() + rank;
           ++retry) {
        chosen[rank] = pick.Sample(rng);
      }
    }
    for (int rank = 0; rank < 3; ++rank) mixture[chosen[rank]] += shares[rank];
    cluster.categories = AliasSampler(mixture);
    static constexpr std::array<int, 5> kAgeShift = {-1, 0, 0, 0, 1};
    cluster.age_group =
        std::clamp(categories[chosen[0]].liker_age_group + kAgeShift[rng.Below(kAgeShift.size())],
                   0, kAgeGroupCount - 1);
    cluster.weight = rng.LogNormal(1.0, 0.6);
    cluster.price_offset = 0.45 * rng.Normal();
    clusters_.push_back(std::move(cluster));
  }
}

void Generator::MakePresents() {
  Report("presents", 0);
  Rng rng = Rng::ForStream(options_.seed, kPresentStream);
  const auto categories = datagen::Categories();
  std::vector<AliasSampler> platform_pickers;
  for (const auto& category : categories) platform_pickers.emplace_back(category.platform_weights);
  std::vector<double> region_shares;
  for (const auto& region : datagen::Regions()) region_shares.push_back(region.user_share);
  const AliasSampler region_picker(region_shares);
  std::vector<double> cluster_weights;
  for (const Cluster& cluster : clusters_) cluster_weights.push_back(cluster.weight);
  const AliasSampler cluster_picker(cluster_weights);

  const auto count = static_cast<size_t>(options_.presents);
  data().presents.resize(count);
  result_.taste.present_cluster.resize(count);
  log_price_offset_.resize(count);
  for (size_t i = 0; i < count; ++i) {
    // Every cluster gets at least one present.
    const uint32_t k = i < clusters_.size() ? static_cast<uint32_t>(i) : cluster_picker.Sample(rng);
    const Cluster& cluster = clusters_[k];
    const uint32_t category_index = cluster.categories.Sample(rng);
    const auto& category = categories[category_index];
    Present& present = data().presents[i];
    result_.taste.present_cluster[i] = static_cast<uint16_t>(k);
    present.category = static_cast<uint16_t>(category_index);
    present.platform = static_cast<uint16_t>(platform_pickers[category_index].Sample(rng));
    present.title = PresentTitle(category, rng);
    present.price =
        RoundPrice(category.median_price *
                       std::exp(cluster.price_offset + category.price_sigma * rng.Normal()),
                   rng);
    log_price_offset_[i] = std::log(present.price / category.median_price);
    present.gender = PresentGender(category, cluster, rng);
    present.age = PresentAge(category, cluster, rng);
    if (rng.Chance(kRegionalShare)) {
      present.geo_id = datagen::Regions()[region_picker.Sample(rng)].geo_id;
    }
    present.is_active = !rng.Chance(kInactiveShare);
    present.created_at =
        options_.now - 1 - static_cast<int64_t>(rng.Below(static_cast<uint64_t>(kTwoYears)));
  }
  IndexClusterPresents(rng);
}

// Orders each cluster's presents by a random popularity rank and builds the Zipf-like samplers.
void Generator::IndexClusterPresents(Rng& rng) {
  for (size_t i = 0; i < result_.taste.present_cluster.size(); ++i) {
    clusters_[result_.taste.present_cluster[i]].presents.push_back(static_cast<Index>(i));
  }
  std::vector<double> global(data().presents.size());
  for (Cluster& cluster : clusters_) {
    auto& members = cluster.presents;
    for (size_t i = members.size(); i > 1; --i) std::swap(members[i - 1], members[rng.Below(i)]);
    std::vector<double> weights(members.size());
    double total = 0;
    for (size_t rank = 0; rank < members.size(); ++rank) {
      weights[rank] = std::pow(static_cast<double>(rank + 1), -kZipfExponent);
      total += weights[rank];
    }
    for (size_t rank = 0; rank < members.size(); ++rank) {
      global[members[rank]] = cluster.weight * weights[rank] / total;
    }
    cluster.popularity = AliasSampler(weights);
  }
  global_popularity_ = AliasSampler(global);
}

// One cluster sampler per (gender, age group) segment, unknowns included: gender index 0
// unknown, 1 f, 2 m; age index 0 unknown, 1 + age group.
std::array<AliasSampler, 3 * (kAgeGroupCount + 1)> Generator::SegmentClusterSamplers() const {
  std::array<AliasSampler, 3 * (kAgeGroupCount + 1)> samplers;
  for (int gender = 0; gender < 3; ++gender) {
    for (int age = 0; age <= kAgeGroupCount; ++age) {
      std::vector<double> weights;
      for (const Cluster& cluster : clusters_) {
        double fit = cluster.weight;
        if (gender != 0 && cluster.gender != Gender::kAny) {
          fit *= static_cast<int>(cluster.gender) == gender ? 1.6 : 0.12;
        }
        if (age != 0) fit *= std::exp(-0.8 * std::abs(age - 1 - cluster.age_group));
        weights.push_back(fit);
      }
      samplers[gender * (kAgeGroupCount + 1) + age] = AliasSampler(weights);
    }
  }
  return samplers;
}

void Generator::MakeUsers() {
  Report("users", 0);
  Rng rng = Rng::ForStream(options_.seed, kUserStream);
  const auto segment_samplers = SegmentClusterSamplers();
  std::vector<double> region_shares;
  for (const auto& region : datagen::Regions()) region_shares.push_back(region.user_share);
  const AliasSampler region_picker(region_shares);
  const AliasSampler platform_picker(datagen::kPlatformShares);
  // Ages 14-75 by bucket: 14-17, 18-24, 25-34, 35-44, 45-54, 55-75.
  static constexpr std::array<double, 6> kAgeShares = {0.06, 0.22, 0.32, 0.22, 0.11, 0.07};
  static constexpr std::array<std::pair<int, int>, 6> kAgeBuckets = {
      {{14, 17}, {18, 24}, {25, 34}, {35, 44}, {45, 54}, {55, 75}}};
  const AliasSampler age_picker(kAgeShares);

  const auto count = static_cast<size_t>(options_.users);
  data().users.resize(count);
  tastes_.resize(count);
  result_.taste.user_cluster.resize(count);
  for (size_t u = 0; u < count; ++u) {
    User& user = data().users[u];
    UserTaste& taste = tastes_[u];
    user.in_users_table = true;
    const double gender_draw = rng.Uniform();
    user.gender = gender_draw < 0.05   ? Gender::kAny
                  : gender_draw < 0.60 ? Gender::kFemale
                                       : Gender::kMale;
    if (!rng.Chance(0.05)) {
      const auto [low, high] = kAgeBuckets[age_picker.Sample(rng)];
      const int age = low + static_cast<int>(rng.Below(high - low + 1));
      user.birth_date =
          static_cast<int32_t>(today_ - age * 365 - age / 4 - static_cast<int64_t>(rng.Below(365)));
      taste.age_group = AgeGroupOfAge(AgeInYears(user.birth_date, static_cast<int32_t>(today_)));
    }
    if (!rng.Chance(0.03)) user.geo_id = datagen::Regions()[region_picker.Sample(rng)].geo_id;
    // Sign-ups grow over time: more recent users are more numerous.
    user.created_at =
        options_.now - 1 - static_cast<int64_t>(kTwoYears * std::pow(rng.Uniform(), 1.15));

    if (!clusters_.empty()) {
      const int segment = static_cast<int>(user.gender) * (kAgeGroupCount + 1) +
                          (taste.age_group == kNoAgeGroup ? 0 : taste.age_group + 1);
      const AliasSampler& sampler = segment_samplers[segment];
      taste.primary = static_cast<uint16_t>(sampler.Sample(rng));
      if (clusters_.size() > 1 && rng.Chance(kSecondClusterShare)) {
        uint32_t second = sampler.Sample(rng);
        for (int retry = 0; retry < 8 && second == taste.primary; ++retry) {
          second = sampler.Sample(rng);
        }
        if (second != taste.primary) {
          taste.secondary = static_cast<uint16_t>(second);
          taste.primary_share = 0.55 + 0.3 * rng.Uniform();
        }
      }
      taste.price_preference = clusters_[taste.primary].price_offset + 0.35 * rng.Normal();
    }
    result_.taste.user_cluster[u] = taste.primary;
    taste.platform = static_cast<uint8_t>(platform_picker.Sample(rng));
    taste.anchor = calendar_.Sample(rng, calendar_.start());
    if (!rng.Chance(kDormantUserShare)) {
      // Long-tailed activity, clipped at three sigmas so that nobody likes half the catalogue.
      const double activity = std::exp(kActivitySigma * std::min(rng.Normal(), 3.0));
      taste.like_weight = rng.Chance(kClickOnlyShare) ? 0.0 : activity;
      taste.click_weight = activity * std::exp(0.5 * rng.Normal());
    }
  }
}

std::vector<int64_t> Generator::Allocate(int64_t total, const std::vector<double>& weights,
                                         int64_t cap, Rng& rng) const {
  std::vector<int64_t> counts(weights.size(), 0);
  if (total == 0) return counts;
  const AliasSampler picker(weights);  // all-zero weights: uniform
  for (int64_t n = 0; n < total; ++n) {
    uint32_t user = picker.Sample(rng);
    for (int retry = 0; retry < 64 && counts[user] >= cap; ++retry) user = picker.Sample(rng);
    // Nearly full: take the next user with room (validation guarantees there is one).
    while (counts[user] >= cap) user = (user + 1) % counts.size();
    ++counts[user];
  }
  return counts;
}

Index Generator::DrawTastePresent(const UserTaste& taste, Rng& rng) const {
  if (rng.Chance(kExploreShare)) return global_popularity_.Sample(rng);
  const uint16_t k = taste.secondary != kNoCluster && !rng.Chance(taste.primary_share)
                         ? taste.secondary
                         : taste.primary;
  const Cluster& cluster = clusters_[k];
  return cluster.presents[cluster.popularity.Sample(rng)];
}

double Generator::Acceptance(Index user_index, Index present_index) const {
  const User& user = data().users[user_index];
  const UserTaste& taste = tastes_[user_index];
  const Present& present = data().presents[present_index];
  double accept = 1;
  // Regional presents are for their region; other regions can hardly get them.
  if (present.geo_id != kNoGeo && present.geo_id != user.geo_id) accept *= 0.01;
  // Presents for the other gender: gifts for a partner, less often.
  if (user.gender != Gender::kAny && present.gender != Gender::kAny &&
      present.gender != user.gender) {
    accept *= 0.35;
  }
  if (taste.age_group != kNoAgeGroup && !present.age.is_any() &&
      !present.age.Overlaps(age_group_ranges_[taste.age_group])) {
    accept *= 0.6;
  }
  const double price_gap = log_price_offset_[present_index] - taste.price_preference;
  accept *= std::max(0.15, std::exp(-0.5 * price_gap * price_gap / 0.64));
  if (present.platform != taste.platform) accept *= 0.75;
  return accept;
}

Index Generator::DrawNewLike(Index user, Rng& rng) const {
  const uint32_t mark = user + 1;
  const UserTaste& taste = tastes_[user];
  for (int attempt = 0; attempt < 64; ++attempt) {
    const Index present = DrawTastePresent(taste, rng);
    if (liked_by_[present] == mark) continue;
    // After many refusals take what comes: a heavy user has exhausted their best fits.
    if (attempt < 48 && !rng.Chance(Acceptance(user, present))) continue;
    return present;
  }
  const auto count = static_cast<Index>(liked_by_.size());
  Index present = static_cast<Index>(rng.Below(count));
  for (int attempt = 0; attempt < 64 && liked_by_[present] == mark; ++attempt) {
    present = static_cast<Index>(rng.Below(count));
  }
  while (liked_by_[present] == mark) present = (present + 1) % count;
  return present;
}

void Generator::MakeLikes() {
  Report("likes", 0);
  Rng rng = Rng::ForStream(options_.seed, kLikeStream);
  std::vector<double> weights;
  weights.reserve(tastes_.size());
  for (const UserTaste& taste : tastes_) weights.push_back(taste.like_weight);
  const std::vector<int64_t> counts = Allocate(options_.likes, weights, options_.presents, rng);
  liked_by_.assign(data().presents.size(), 0);
  auto& likes = data().likes;
  likes.reserve(static_cast<size_t>(options_.likes));
  user_likes_.assign(1, 0);
  const size_t report_every = std::max<size_t>(1, counts.size() / 20);
  for (Index user = 0; user < counts.size(); ++user) {
    if (user % report_every == 0) Report("likes", static_cast<double>(user) / counts.size());
    for (int64_t n = 0; n < counts[user]; ++n) {
      const Index present = DrawNewLike(user, rng);
      liked_by_[present] = user + 1;
      likes.push_back({user, present, InteractionTime(user, rng)});
    }
    user_likes_.push_back(likes.size());
  }
}

Index Generator::DrawClick(Index user, Rng& rng) const {
  const UserTaste& taste = tastes_[user];
  Index present = DrawTastePresent(taste, rng);
  for (int attempt = 0; attempt < 8 && !rng.Chance(Acceptance(user, present)); ++attempt) {
    present = DrawTastePresent(taste, rng);
  }
  return present;
}

void Generator::MakeClicks() {
  Report("clicks", 0);
  Rng rng = Rng::ForStream(options_.seed, kClickStream);
  const int64_t anonymous =
      options_.users == 0
          ? options_.clicks
          : static_cast<int64_t>(std::llround(options_.clicks * kAnonymousClickShare));
  std::vector<double> weights;
  weights.reserve(tastes_.size());
  for (const UserTaste& taste : tastes_) weights.push_back(taste.click_weight);
  const std::vector<int64_t> counts =
      Allocate(options_.clicks - anonymous, weights, INT64_MAX, rng);
  auto& clicks = data().clicks;
  clicks.reserve(static_cast<size_t>(options_.clicks));
  const auto& likes = data().likes;
  const size_t report_every = std::max<size_t>(1, counts.size() / 20);
  for (Index user = 0; user < counts.size(); ++user) {
    if (user % report_every == 0) Report("clicks", static_cast<double>(user) / counts.size());
    const size_t first_like = user_likes_[user];
    const size_t like_count = user_likes_[user + 1] - first_like;
    for (int64_t n = 0; n < counts[user]; ++n) {
      if (like_count > 0 && rng.Chance(kClickOfLikedShare)) {
        // Looked at it before liking it.
        const Interaction& like = likes[first_like + rng.Below(like_count)];
        const int64_t time =
            like.created_at - static_cast<int64_t>(rng.Exponential(2 * kSecondsPerDay));
        clicks.push_back({user, like.present, std::max(time, calendar_.start())});
        continue;
      }
      const Index present = DrawClick(user, rng);
      clicks.push_back({user, present, InteractionTime(user, rng)});
    }
  }
  for (int64_t n = 0; n < anonymous; ++n) {
    const Index present = global_popularity_.Sample(rng);
    clicks.push_back({kNoIndex, present, calendar_.Sample(rng, calendar_.start())});
  }
}

int64_t Generator::InteractionTime(Index user, Rng& rng) const {
  if (rng.Chance(kBurstShare)) {
    const int64_t time =
        tastes_[user].anchor + static_cast<int64_t>(rng.Exponential(3 * kSecondsPerDay));
    if (time < options_.now) return time;
  }
  return calendar_.Sample(rng, calendar_.start());
}

void Generator::PrecedeInteractions() {
  Rng rng = Rng::ForStream(options_.seed, kOrderStream);
  std::vector<int64_t> user_first(data().users.size(), INT64_MAX);
  std::vector<int64_t> present_first(data().presents.size(), INT64_MAX);
  for (const auto* table : {&data().likes, &data().clicks}) {
    for (const Interaction& row : *table) {
      if (row.user != kNoIndex)
        user_first[row.user] = std::min(user_first[row.user], row.created_at);
      present_first[row.present] = std::min(present_first[row.present], row.created_at);
    }
  }
  // Users sign up shortly before they start; presents are listed a while before anyone finds them.
  for (size_t u = 0; u < user_first.size(); ++u) {
    if (user_first[u] == INT64_MAX) continue;
    const int64_t signup =
        user_first[u] - 60 - static_cast<int64_t>(rng.Exponential(kSecondsPerDay));
    data().users[u].created_at = std::min(data().users[u].created_at, signup);
  }
  for (size_t p = 0; p < present_first.size(); ++p) {
    if (present_first[p] == INT64_MAX) continue;
    // Interactions are within the last year, so the two-year floor stays before them.
    const int64_t listed = std::max(
        options_.now - kTwoYears,
        present_first[p] - 3600 - static_cast<int64_t>(rng.Exponential(30 * kSecondsPerDay)));
    data().presents[p].created_at = std::min(data().presents[p].created_at, listed);
  }
}

// Tables come in the order rows were inserted: by time.
void Generator::Order() {
  Report("ordering", 0);
  const auto by_time = [](const Interaction& a, const Interaction& b) {
    return std::tie(a.created_at, a.user, a.present) < std::tie(b.created_at, b.user, b.present);
  };
  std::sort(data().likes.begin(), data().likes.end(), by_time);
  std::sort(data().clicks.begin(), data().clicks.end(), by_time);
  Report("ordering", 1);
}

}  // namespace

std::optional<GenerateOptions> ScaleOptions(std::string_view name) {
  if (name == "tiny") {
    return GenerateOptions{.users = 2'000, .presents = 500, .likes = 10'000, .clicks = 12'000};
  }
  if (name == "seed") {
    return GenerateOptions{
        .users = 100'000, .presents = 16'000, .likes = 600'000, .clicks = 800'000};
  }
  if (name == "large") {
    return GenerateOptions{
        .users = 300'000, .presents = 100'000, .likes = 2'000'000, .clicks = 3'000'000};
  }
  return std::nullopt;
}

std::optional<std::string> ValidateGenerateOptions(const GenerateOptions& options) {
  constexpr int64_t kMaxRows = int64_t{1} << 31;  // dense indices are 32-bit
  if (options.users < 0 || options.users > kMaxRows) return "users must be in 0..2^31";
  if (options.presents < 0 || options.presents > kMaxRows) return "presents must be in 0..2^31";
  if (options.likes < 0) return "likes must not be negative";
  if (options.clicks < 0) return "clicks must not be negative";
  if ((options.likes > 0 || options.clicks > 0) && options.presents == 0) {
    return "likes and clicks need presents";
  }
  if (options.likes > 0 && options.users == 0) return "likes need users";
  if (static_cast<__int128>(options.users) * options.presents < options.likes) {
    return "more likes than (user, present) pairs";
  }
  if (options.now < 3 * 365 * kSecondsPerDay) return "now must be after 1973";
  return std::nullopt;
}

MainData Generate(const GenerateOptions& options, const GenerateProgress& progress) {
  return std::move(GenerateWithTaste(options, progress).data);
}

GeneratedData GenerateWithTaste(const GenerateOptions& options, const GenerateProgress& progress) {
  if (auto error = ValidateGenerateOptions(options)) throw std::invalid_argument(*error);
  return Generator(options, progress).Run();
}

}  // namespace mysanta
