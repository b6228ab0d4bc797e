#include "support/synthetic_data.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/bit_mix.h"

namespace mysanta {
namespace {

constexpr std::array<int32_t, 3> kRegions = {213, 2, 54};

class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}
  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  int Below(int n) { return static_cast<int>(Uniform() * n); }
  double Normal() {
    const double u1 = std::max(Uniform(), 1e-12);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2 * M_PI * Uniform());
  }

 private:
  std::mt19937_64 engine_;
};

// Samples an index of a Zipf-weighted list by inverse CDF.
class ZipfSampler {
 public:
  ZipfSampler() = default;
  ZipfSampler(size_t n, double exponent) : cumulative_(n) {
    double total = 0;
    for (size_t k = 0; k < n; ++k) cumulative_[k] = total += 1.0 / std::pow(k + 1.0, exponent);
    for (double& c : cumulative_) c /= total;
  }
  size_t Sample(Random& random) const {
    const double u = random.Uniform();
    const auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), u);
    return std::min<size_t>(it - cumulative_.begin(), cumulative_.size() - 1);
  }
  bool empty() const { return cumulative_.empty(); }

 private:
  std::vector<double> cumulative_;
};

}  // namespace

int SyntheticUserCluster(const SyntheticDataOptions& options, Index user) {
  return static_cast<int>(MixBits(options.seed * 31 + user) % options.clusters);
}

int SyntheticPresentCluster(const SyntheticDataOptions& options, Index present) {
  return static_cast<int>(MixBits(options.seed * 17 + 0x9e3779b97f4a7c15ULL + present) %
                          options.clusters);
}

MainData MakeSyntheticData(const SyntheticDataOptions& options) {
  Random random(options.seed);
  MainData data;
  if (options.text_ids) {
    data.user_ids = IdDictionary(IdKind::kText);
    data.present_ids = IdDictionary(IdKind::kText);
  }
  for (int c = 0; c < options.categories; ++c) data.categories.Intern(fmt::format("category{}", c));
  for (int p = 0; p < options.platforms; ++p) data.platforms.Intern(fmt::format("platform{}", p));
  const int64_t year = 365 * 86400;

  // Clusters: a main and a second category, a price level, a gender lean, an age group.
  struct Cluster {
    int category;
    int second_category;
    double log_price;
    Gender gender;
    int age_group;
    int platform;
  };
  std::vector<Cluster> clusters(options.clusters);
  for (int c = 0; c < options.clusters; ++c) {
    clusters[c] = {c % options.categories, random.Below(options.categories),
                   std::log(300.0) + random.Uniform() * std::log(30.0),
                   static_cast<Gender>(random.Below(3)), random.Below(kAgeGroupCount),
                   random.Below(options.platforms)};
  }

  std::vector<std::vector<Index>> cluster_presents(options.clusters);
  data.presents.resize(options.presents);
  for (int p = 0; p < options.presents; ++p) {
    if (options.text_ids) data.present_ids.Intern(std::string_view(fmt::format("p-{:08x}-{}", MixBits(p) & 0xffffffff, p)));
    else data.present_ids.Intern(int64_t{1000 + p});
    const int c = SyntheticPresentCluster(options, p);
    const Cluster& cluster = clusters[c];
    Present& present = data.presents[p];
    present.title = fmt::format("Present {}", p);
    present.category = static_cast<uint16_t>(random.Uniform() < 0.7 ? cluster.category
                                             : random.Uniform() < 0.6 ? cluster.second_category
                                                                      : random.Below(options.categories));
    present.platform = static_cast<uint16_t>(random.Uniform() < 0.6 ? cluster.platform
                                                                    : random.Below(options.platforms));
    present.price = std::round(std::exp(cluster.log_price + 0.5 * random.Normal()));
    present.gender = random.Uniform() < 0.5 ? cluster.gender : Gender::kAny;
    present.age = random.Uniform() < 0.5 ? AgeGroupRange(cluster.age_group) : AgeRange{};
    if (random.Uniform() < 0.1) present.age = *ParseAgeRange("45+");
    present.geo_id = random.Uniform() < options.regional ? kRegions[random.Below(3)] : kNoGeo;
    present.is_active = random.Uniform() >= options.inactive;
    present.created_at = options.now - 2 * year + static_cast<int64_t>(random.Uniform() * year);
    cluster_presents[c].push_back(p);
  }
  // Popularity inside each cluster follows a random order, so ids carry no signal.
  std::vector<ZipfSampler> in_cluster(options.clusters);
  for (int c = 0; c < options.clusters; ++c) {
    auto& list = cluster_presents[c];
    for (size_t k = list.size(); k > 1; --k) std::swap(list[k - 1], list[random.Below(k)]);
    in_cluster[c] = ZipfSampler(list.size(), 0.7);
  }
  std::vector<Index> global_order(options.presents);
  for (int p = 0; p < options.presents; ++p) global_order[p] = p;
  for (size_t k = global_order.size(); k > 1; --k) std::swap(global_order[k - 1], global_order[random.Below(k)]);
  const ZipfSampler global(global_order.size(), 0.8);

  data.users.resize(options.users);
  std::vector<double> activity(options.users);
  double activity_total = 0;
  for (int u = 0; u < options.users; ++u) {
    if (options.text_ids) data.user_ids.Intern(std::string_view(fmt::format("u-{:08x}-{}", MixBits(u + 7) & 0xffffffff, u)));
    else data.user_ids.Intern(int64_t{1 + u});
    const Cluster& cluster = clusters[SyntheticUserCluster(options, u)];
    User& user = data.users[u];
    user.in_users_table = random.Uniform() >= options.missing_users;
    if (user.in_users_table) {
      user.gender = cluster.gender != Gender::kAny && random.Uniform() < 0.8
                        ? cluster.gender
                        : static_cast<Gender>(1 + random.Below(2));
      const AgeRange range = AgeGroupRange(cluster.age_group);
      const int age = range.min + random.Below(std::min<int>(range.max, 80) - range.min + 1);
      user.birth_date = static_cast<int32_t>(options.now / 86400) - age * 365 - 200;
      user.geo_id = random.Uniform() < 0.8 ? kRegions[random.Below(3)] : kNoGeo;
      user.created_at = options.now - 2 * year;
    }
    activity[u] = std::exp(1.2 * random.Normal());
    activity_total += activity[u];
  }

  auto timestamp = [&] {
    // A December peak: a third of the events fall in the last month.
    const double u = random.Uniform();
    const double age = u < 0.33 ? random.Uniform() * year / 12 : random.Uniform() * year;
    return options.now - static_cast<int64_t>(age);
  };
  auto pick_present = [&](int cluster) -> Index {
    if (random.Uniform() < options.in_cluster && !cluster_presents[cluster].empty()) {
      return cluster_presents[cluster][in_cluster[cluster].Sample(random)];
    }
    return global_order[global.Sample(random)];
  };
  auto generate = [&](int64_t total, std::vector<Interaction>& out) {
    for (int u = 0; u < options.users; ++u) {
      const double expected = total * activity[u] / activity_total;
      auto count = static_cast<int64_t>(expected);
      if (random.Uniform() < expected - count) ++count;
      const int cluster = SyntheticUserCluster(options, u);
      for (int64_t k = 0; k < count; ++k) out.push_back({static_cast<Index>(u), pick_present(cluster), timestamp()});
    }
  };
  generate(options.likes, data.likes);
  // A user likes a present once (the likes table's primary key).
  std::sort(data.likes.begin(), data.likes.end(), [](const Interaction& a, const Interaction& b) {
    return a.user != b.user ? a.user < b.user : a.present < b.present;
  });
  data.likes.erase(std::unique(data.likes.begin(), data.likes.end(),
                               [](const Interaction& a, const Interaction& b) {
                                 return a.user == b.user && a.present == b.present;
                               }),
                   data.likes.end());
  generate(options.clicks, data.clicks);
  for (Interaction& click : data.clicks) {
    if (random.Uniform() < options.anonymous_clicks) click.user = kNoIndex;
  }
  return data;
}

}  // namespace mysanta
