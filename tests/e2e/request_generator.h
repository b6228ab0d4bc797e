// RequestGenerator: random valid /popular and /personalized requests for the end-to-end tests,
// drawn from a fixed seed over the data's own values (categories, platforms, prices, regions,
// users with 0, 1-2 and 3+ interactions) and some unknown ones.
//
// Not thread-safe.
#pragma once

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "ground_truth.h"

namespace mysanta::e2e {

// Draws random valid requests over the data's own values (and some unknown ones).
class RequestGenerator {
 public:
  // Limits are drawn from 1..max_page_size.
  RequestGenerator(const GroundTruth& truth, uint32_t seed, int max_page_size)
      : truth_(truth), rng_(seed), max_page_size_(max_page_size) {
    const MainData& data = truth.data();
    for (uint16_t i = 0; i < data.categories.size(); ++i) categories_.push_back(data.categories.At(i));
    for (uint16_t i = 0; i < data.platforms.size(); ++i) platforms_.push_back(data.platforms.At(i));
    std::set<int32_t> regions;
    for (const Present& present : data.presents) {
      prices_.push_back(present.price);
      if (present.geo_id != kNoGeo) regions.insert(present.geo_id);
    }
    regions_.assign(regions.begin(), regions.end());
    for (const User& user : data.users) {
      if (user.geo_id != kNoGeo) user_regions_.push_back(user.geo_id);
    }
    for (Index u = 0; u < data.users.size(); ++u) {
      size_t count = truth.InteractionCount(u);
      (count == 0 ? new_users_ : count <= 2 ? light_users_ : heavy_users_).push_back(u);
    }
  }

  // Users by interaction count, to make sure the property test met each kind.
  bool HasUsersOfEveryKind() const {
    return !new_users_.empty() && !light_users_.empty() && !heavy_users_.empty();
  }

  RequestSpec Popular() {
    RequestSpec spec;
    if (Chance(0.7)) spec.gender = Pick<std::string>({"f", "m", "any", "F", "M", "Any", "ANY"});
    if (Chance(0.35)) {
      spec.age_label = Pick<std::string>({"0-17", "18-24", "25-34", "35-44", "45-54", "55+"});
    } else if (Chance(0.5)) {
      spec.age_years = Uniform(0, 120);
    }
    if (Chance(0.5)) {
      std::string category = Chance(0.85) ? Pick(categories_) : "no-such-category";
      int where = Uniform(0, 2);  // user_params, filters, or both (the same value)
      if (where != 1) spec.segment_category = category;
      if (where != 0) spec.filter_category = category;
    }
    if (Chance(0.6)) spec.geo_id = Region();
    AddFilters(spec, /*category=*/false);
    return spec;
  }

  RequestSpec Personalized() {
    RequestSpec spec;
    const double kind = Uniform(0.0, 1.0);
    Index user = kNoIndex;
    if (kind < 0.2 && !new_users_.empty()) {
      user = Pick(new_users_);
    } else if (kind < 0.45 && !light_users_.empty()) {
      user = Pick(light_users_);
    } else if (kind < 0.85 && !heavy_users_.empty()) {
      user = Pick(heavy_users_);
    }
    if (user == kNoIndex) {
      spec.user_id = boost::json::value(int64_t{900'000'000} + Uniform(0, 1'000'000));
    } else {
      spec.user_id = truth_.UserIdJson(user);
    }
    // Integer user ids may also come as strings of digits.
    if (spec.user_id->is_int64() && Chance(0.2)) {
      spec.user_id = boost::json::value(std::to_string(spec.user_id->get_int64()));
    }
    if (Chance(0.3)) spec.geo_id = Region();
    AddFilters(spec, /*category=*/true);
    return spec;
  }

 private:
  void AddFilters(RequestSpec& spec, bool category) {
    if (Chance(0.35)) spec.price_from = Pick(prices_);
    if (Chance(0.35)) spec.price_to = Pick(prices_);
    if (spec.price_from && spec.price_to && *spec.price_from > *spec.price_to) {
      std::swap(*spec.price_from, *spec.price_to);
    }
    if (category && Chance(0.4)) {
      spec.filter_category = Chance(0.85) ? Pick(categories_) : "unknown-category";
    }
    if (Chance(0.2)) spec.platform = Chance(0.85) ? Pick(platforms_) : "unknown-shop";
    if (Chance(0.3)) {
      int count = Uniform(1, 40);
      for (int i = 0; i < count; ++i) {
        Index present = static_cast<Index>(Uniform(0, static_cast<int>(prices_.size()) - 1));
        spec.exclude_ids.push_back(truth_.PresentIdJson(present));
      }
      if (truth_.data().present_ids.kind() == IdKind::kInteger) {
        spec.exclude_ids.push_back(int64_t{987'654'321});  // unknown ids are ignored
      }
    }
    spec.limit = Chance(0.1) ? Uniform(1, 4) : Uniform(5, max_page_size_);
  }

  int32_t Region() {
    if (Chance(0.6) && !regions_.empty()) return Pick(regions_);  // has regional presents
    if (Chance(0.5) && !user_regions_.empty()) return Pick(user_regions_);
    return Uniform(1, 100000);
  }

  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  int Uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }
  double Uniform(double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(rng_);
  }
  template <typename T>
  T Pick(const std::vector<T>& values) {
    return values[std::uniform_int_distribution<size_t>(0, values.size() - 1)(rng_)];
  }

  const GroundTruth& truth_;
  std::mt19937 rng_;
  int max_page_size_;
  std::vector<std::string> categories_;
  std::vector<std::string> platforms_;
  std::vector<double> prices_;
  std::vector<int32_t> regions_;
  std::vector<int32_t> user_regions_;
  std::vector<Index> new_users_;
  std::vector<Index> light_users_;
  std::vector<Index> heavy_users_;
};

}  // namespace mysanta::e2e
