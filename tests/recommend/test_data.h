// Small hand-made MainData for the recommend layer's tests.
#pragma once

#include <memory>
#include <string>

#include "core/main_data.h"
#include "recommend/snapshot.h"
#include "recommend/tables.h"

namespace mysanta::testing {

inline constexpr int64_t kNow = 1767225600;  // 2026-01-01
inline constexpr int64_t kDay = 86400;

class TestData {
 public:
  // Returns the present index. Ids are 100 + index.
  Index AddPresent(const std::string& category, double price, const std::string& platform = "ozon",
                   Gender gender = Gender::kAny, AgeRange age = {}, int32_t geo = kNoGeo,
                   bool active = true) {
    const Index index = data_.present_ids.Intern(int64_t{100 + static_cast<int64_t>(data_.presents.size())});
    Present present;
    present.title = "present";
    present.price = price;
    present.category = data_.categories.Intern(category);
    present.platform = data_.platforms.Intern(platform);
    present.gender = gender;
    present.age = age;
    present.geo_id = geo;
    present.is_active = active;
    present.created_at = kNow - 100 * kDay + index;
    data_.presents.push_back(present);
    return index;
  }
  // Returns the user index. Ids are 1 + index.
  Index AddUser(Gender gender = Gender::kAny, int age_years = -1, int32_t geo = kNoGeo,
                bool in_users_table = true) {
    const Index index = data_.user_ids.Intern(int64_t{1 + static_cast<int64_t>(data_.users.size())});
    User user;
    user.gender = gender;
    if (age_years >= 0) user.birth_date = static_cast<int32_t>(kNow / kDay) - age_years * 366;
    user.geo_id = geo;
    user.in_users_table = in_users_table;
    data_.users.push_back(user);
    return index;
  }
  void Like(Index user, Index present, int64_t days_ago = 1) {
    data_.likes.push_back({user, present, kNow - days_ago * kDay});
  }
  void Click(Index user, Index present, int64_t days_ago = 1) {
    data_.clicks.push_back({user, present, kNow - days_ago * kDay});
  }
  MainData& data() { return data_; }

  std::shared_ptr<const Snapshot> Build(SnapshotOptions options = {}) {
    options.now = kNow;
    return Snapshot::Build(ComputeSnapshotInputs(std::make_shared<const MainData>(data_), options));
  }

 private:
  MainData data_;
};

inline ExternalId UserId(Index user) { return int64_t{1 + static_cast<int64_t>(user)}; }
inline ExternalId PresentId(Index present) { return int64_t{100 + static_cast<int64_t>(present)}; }

}  // namespace mysanta::testing
