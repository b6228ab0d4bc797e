// GroundTruth: SPEC section 5's rules computed naively from the main database's rows, to check the
// service's answers against: which presents a request may get (rules 1-4 and the /popular
// segment), who liked what, how many interactions a user has, and which presents anyone
// interacted with. Written independently of the recommend layer on purpose (its own age-group
// table, overlap and gender rules), so that a shared mistake cannot hide.
//
// Thread-safe for const use.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "core/main_data.h"

namespace mysanta::e2e {

// What a request asks, in the test's own terms (the generator writes the JSON from it).
struct RequestSpec {
  // /popular segment; `gender` as sent (any case), `age_label` or `age_years`.
  std::optional<std::string> gender;
  std::optional<std::string> age_label;
  std::optional<int> age_years;
  std::optional<std::string> segment_category;
  std::optional<int32_t> geo_id;  // /popular: user_params.geo_id; /personalized: geo_id
  // Filters.
  std::optional<double> price_from;
  std::optional<double> price_to;
  std::optional<std::string> filter_category;
  std::optional<std::string> platform;
  std::vector<boost::json::value> exclude_ids;
  // /personalized.
  std::optional<boost::json::value> user_id;
  int limit = 10;
};

class GroundTruth {
 public:
  explicit GroundTruth(const MainData& data) : data_(data) {
    liked_.resize(data.users.size());
    interacted_by_.resize(data.users.size());
    anyone_interacted_.assign(data.presents.size(), false);
    for (const Interaction& like : data.likes) {
      anyone_interacted_[like.present] = true;
      if (like.user == kNoIndex) continue;
      liked_[like.user].insert(like.present);
      interacted_by_[like.user].insert(like.present);
    }
    for (const Interaction& click : data.clicks) {
      anyone_interacted_[click.present] = true;
      if (click.user != kNoIndex) interacted_by_[click.user].insert(click.present);
    }
  }

  const MainData& data() const { return data_; }

  // The present a JSON id of an answer names; nullopt when no such present exists.
  std::optional<Index> PresentOf(const boost::json::value& id) const {
    Index index = kNoIndex;
    if (data_.present_ids.kind() == IdKind::kInteger && id.is_int64()) {
      index = data_.present_ids.Find(id.get_int64());
    } else if (data_.present_ids.kind() == IdKind::kText && id.is_string()) {
      index = data_.present_ids.Find(std::string_view(id.get_string()));
    }
    if (index == kNoIndex) return std::nullopt;
    return index;
  }

  // The user a request's user_id names (integer ids may come as digit strings); kNoIndex when the
  // main database does not know them.
  Index UserOf(const boost::json::value& id) const {
    if (data_.user_ids.kind() == IdKind::kInteger) {
      if (id.is_int64()) return data_.user_ids.Find(id.get_int64());
      if (id.is_string()) return data_.user_ids.Find(std::stoll(std::string(id.get_string())));
      return kNoIndex;
    }
    return id.is_string() ? data_.user_ids.Find(std::string_view(id.get_string())) : kNoIndex;
  }

  boost::json::value PresentIdJson(Index present) const { return IdJson(data_.present_ids, present); }
  boost::json::value UserIdJson(Index user) const { return IdJson(data_.user_ids, user); }

  const std::set<Index>& Liked(Index user) const { return user == kNoIndex ? kNone : liked_[user]; }
  size_t InteractionCount(Index user) const {
    return user == kNoIndex ? 0 : interacted_by_[user].size();
  }
  bool AnyoneInteracted(Index present) const { return anyone_interacted_[present]; }

  // The region a /personalized request is for: its geo_id, else the user's own.
  std::optional<int32_t> PersonalizedRegion(const RequestSpec& spec) const {
    if (spec.geo_id) return spec.geo_id;
    if (!spec.user_id) return std::nullopt;  // /similar without a user
    Index user = UserOf(*spec.user_id);
    if (user != kNoIndex && data_.users[user].geo_id != kNoGeo) return data_.users[user].geo_id;
    return std::nullopt;
  }

  // Rules 1-3 and exclude_ids (both endpoints), plus the segment for /popular and the user's
  // likes (rule 4) for /personalized (and /similar when it names a user).
  bool Eligible(Index p, const RequestSpec& spec, bool popular) const {
    const Present& present = data_.presents[p];
    if (!present.is_active) return false;
    if (spec.price_from && present.price < *spec.price_from) return false;
    if (spec.price_to && present.price > *spec.price_to) return false;
    std::optional<std::string> category = spec.filter_category;
    if (popular && spec.segment_category) category = spec.segment_category;
    if (category && data_.categories.At(present.category) != *category) return false;
    if (spec.platform && data_.platforms.At(present.platform) != *spec.platform) return false;
    std::optional<int32_t> region = popular ? spec.geo_id : PersonalizedRegion(spec);
    if (present.geo_id != kNoGeo && (!region || *region != present.geo_id)) return false;
    for (const boost::json::value& excluded : spec.exclude_ids) {
      if (PresentOf(excluded) == p) return false;
    }
    if (popular) return MatchesSegment(present, spec);
    return !spec.user_id || !Liked(UserOf(*spec.user_id)).contains(p);
  }

  std::vector<Index> EligiblePresents(const RequestSpec& spec, bool popular) const {
    std::vector<Index> out;
    for (Index p = 0; p < data_.presents.size(); ++p) {
      if (Eligible(p, spec, popular)) out.push_back(p);
    }
    return out;
  }

 private:
  static boost::json::value IdJson(const IdDictionary& ids, Index index) {
    if (ids.kind() == IdKind::kInteger) return ids.IntegerAt(index);
    return boost::json::value(ids.TextAt(index));
  }

  static std::string Lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  }

  // SPEC section 5: gender f/m matches itself and 'any'; age ranges overlap ('any' matches all).
  static bool MatchesSegment(const Present& present, const RequestSpec& spec) {
    if (spec.gender) {
      std::string gender = Lower(*spec.gender);
      if (gender == "f" && present.gender == Gender::kMale) return false;
      if (gender == "m" && present.gender == Gender::kFemale) return false;
    }
    int low = -1;
    int high = -1;
    if (spec.age_years) low = high = *spec.age_years;
    if (spec.age_label) {
      // The six groups of SPEC section 3; "55+" is open-ended.
      static const std::pair<std::string_view, std::pair<int, int>> kGroups[] = {
          {"0-17", {0, 17}},  {"18-24", {18, 24}}, {"25-34", {25, 34}},
          {"35-44", {35, 44}}, {"45-54", {45, 54}}, {"55+", {55, 100000}}};
      for (const auto& [label, range] : kGroups) {
        if (label == *spec.age_label) std::tie(low, high) = range;
      }
    }
    if (low >= 0 && !present.age.is_any()) {
      // An open range such as "45+" is stored with the maximum age as its top.
      int present_high = present.age.max >= AgeRange::kMaxAge ? 100000 : present.age.max;
      if (present.age.min > high || present_high < low) return false;
    }
    return true;
  }

  static inline const std::set<Index> kNone;
  const MainData& data_;
  std::vector<std::set<Index>> liked_;
  std::vector<std::set<Index>> interacted_by_;
  std::vector<bool> anyone_interacted_;
};

}  // namespace mysanta::e2e
