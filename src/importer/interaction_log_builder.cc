#include "importer/interaction_log_builder.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <limits>
#include <tuple>

#include "importer/present_attributes.h"

namespace mysanta {
namespace {

int64_t ParseCanonicalInteger(std::string_view id) {
  int64_t value = 0;
  std::from_chars(id.data(), id.data() + id.size(), value);
  return value;
}

// The day `age_years` before the day of `at` (seconds): a birth date of that age then.
int32_t BirthDateOfAge(int64_t at, int age_years) {
  namespace chrono = std::chrono;
  const chrono::sys_days day{chrono::days{at / 86400}};
  chrono::year_month_day date{day};
  date -= chrono::years{age_years};
  if (!date.ok()) date = date.year() / date.month() / chrono::last;  // 29 February
  return static_cast<int32_t>(chrono::sys_days{date}.time_since_epoch().count());
}

}  // namespace

bool IsCanonicalPositiveInteger(std::string_view id) {
  if (id.empty() || id.front() == '0' || id.size() > 19) return false;
  int64_t value = 0;
  const auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), value);
  return error == std::errc() && end == id.data() + id.size() && value > 0;
}

uint32_t InteractionLogBuilder::RawIds::Intern(std::string_view id) {
  auto it = index_.find(id);
  if (it != index_.end()) return it->second;
  const auto index = static_cast<uint32_t>(names_.size());
  names_.emplace_back(id);
  index_.emplace(std::string(id), index);
  all_integers_ = all_integers_ && IsCanonicalPositiveInteger(id);
  return index;
}

InteractionLogBuilder::InteractionLogBuilder(const ImportOptions& options, IdTypeChoice id_type)
    : options_(options), id_type_(id_type) {}

bool InteractionLogBuilder::IsAcceptableId(std::string_view id) const {
  if (id_type_ == IdTypeChoice::kInteger) return IsCanonicalPositiveInteger(id);
  return !id.empty() && id.size() <= kMaxTextIdLength;
}

void InteractionLogBuilder::AddInteraction(std::string_view user, std::string_view item,
                                           int64_t created_at, std::optional<double> rating) {
  const bool like = !options_.min_rating || !rating || *rating >= *options_.min_rating;
  if (!like && options_.below_min_rating == BelowMinRating::kSkip) {
    ++below_min_skipped_;
    return;
  }
  rows_.push_back({users_.Intern(user), items_.Intern(item), created_at, like});
}

bool InteractionLogBuilder::AddItem(std::string_view item, std::string title,
                                    std::string category) {
  const uint32_t index = items_.Intern(item);
  if (item_info_.size() <= index) item_info_.resize(index + 1);
  ItemInfo& info = item_info_[index];
  if (info.described) return false;
  info = {std::move(title), std::move(category), true};
  return true;
}

bool InteractionLogBuilder::AddUser(std::string_view user, Gender gender, int age_years) {
  const uint32_t index = users_.Intern(user);
  if (user_info_.size() <= index) user_info_.resize(index + 1);
  UserInfo& info = user_info_[index];
  if (info.described) return false;
  info = {gender, age_years, true};
  return true;
}

IdKind InteractionLogBuilder::ChooseIdKind() const {
  switch (id_type_) {
    case IdTypeChoice::kInteger:
      return IdKind::kInteger;
    case IdTypeChoice::kText:
      return IdKind::kText;
    case IdTypeChoice::kAuto:
      break;
  }
  return users_.all_integers() && items_.all_integers() ? IdKind::kInteger : IdKind::kText;
}

MainData InteractionLogBuilder::Build(ImportReport& report) const {
  const IdKind kind = ChooseIdKind();
  constexpr int64_t kNone = std::numeric_limits<int64_t>::min();
  std::vector<int64_t> user_first(users_.size(), kNone), user_last(users_.size(), kNone);
  std::vector<int64_t> item_first(items_.size(), kNone);
  int64_t earliest = kNone;
  for (const Row& row : rows_) {
    auto earlier = [](int64_t& slot, int64_t t) { slot = slot == kNone ? t : std::min(slot, t); };
    earlier(user_first[row.user], row.created_at);
    earlier(item_first[row.item], row.created_at);
    earlier(earliest, row.created_at);
    user_last[row.user] = std::max(user_last[row.user], row.created_at);
  }
  if (earliest == kNone) earliest = kNoTimeEpoch;

  MainData data;
  data.user_ids = IdDictionary(kind);
  data.present_ids = IdDictionary(kind);
  BuildUsers(data, kind, user_first, user_last, earliest);
  BuildPresents(data, kind, item_first, earliest, report);
  BuildInteractions(data, report);
  report.users = static_cast<int64_t>(data.users.size());
  report.presents = static_cast<int64_t>(data.presents.size());
  report.likes = static_cast<int64_t>(data.likes.size());
  report.clicks = static_cast<int64_t>(data.clicks.size());
  report.below_min_skipped = below_min_skipped_;
  return data;
}

void InteractionLogBuilder::BuildUsers(MainData& data, IdKind kind,
                                       const std::vector<int64_t>& first,
                                       const std::vector<int64_t>& last, int64_t fallback) const {
  data.users.resize(users_.size());
  for (uint32_t i = 0; i < users_.size(); ++i) {
    const std::string& id = users_.At(i);
    kind == IdKind::kInteger ? data.user_ids.Intern(ParseCanonicalInteger(id))
                             : data.user_ids.Intern(std::string_view(id));
    User& user = data.users[i];
    user.in_users_table = true;
    user.created_at = first[i] != std::numeric_limits<int64_t>::min() ? first[i] : fallback;
    if (i < user_info_.size() && user_info_[i].described) {
      user.gender = user_info_[i].gender;
      if (user_info_[i].age_years >= 0) {
        const int64_t then = std::max(last[i], user.created_at);
        user.birth_date = BirthDateOfAge(then, user_info_[i].age_years);
      }
    }
  }
}

void InteractionLogBuilder::BuildPresents(MainData& data, IdKind kind,
                                          const std::vector<int64_t>& first, int64_t fallback,
                                          ImportReport& report) const {
  const bool item_file_read = std::ranges::any_of(item_info_, &ItemInfo::described);
  std::string default_category = CategoryName(options_.default_category);
  if (default_category.empty()) default_category = "other";
  data.presents.resize(items_.size());
  for (uint32_t i = 0; i < items_.size(); ++i) {
    const std::string& id = items_.At(i);
    kind == IdKind::kInteger ? data.present_ids.Intern(ParseCanonicalInteger(id))
                             : data.present_ids.Intern(std::string_view(id));
    const ItemInfo* info = i < item_info_.size() && item_info_[i].described ? &item_info_[i]
                                                                              : nullptr;
    if (item_file_read && info == nullptr) ++report.items_not_in_item_file;
    Present& present = data.presents[i];
    present.title = info != nullptr && !info->title.empty() ? info->title : "Item " + id;
    std::string category = info != nullptr ? CategoryName(info->category) : std::string();
    present.category = data.categories.Intern(category.empty() ? default_category : category);
    present.platform = data.platforms.Intern(DeterministicPlatform(id));
    present.price = DeterministicPrice(id);
    present.created_at = first[i] != std::numeric_limits<int64_t>::min() ? first[i] : fallback;
  }
}

void InteractionLogBuilder::BuildInteractions(MainData& data, ImportReport& report) const {
  std::vector<Row> rows = rows_;
  std::ranges::sort(rows, [](const Row& a, const Row& b) {
    return std::tie(a.user, a.item, a.created_at) < std::tie(b.user, b.item, b.created_at);
  });
  for (size_t begin = 0; begin < rows.size();) {
    size_t end = begin;
    int64_t likes = 0;
    int64_t latest_like = 0;
    for (; end < rows.size() && rows[end].user == rows[begin].user &&
           rows[end].item == rows[begin].item;
         ++end) {
      if (rows[end].like) {
        ++likes;
        latest_like = rows[end].created_at;  // sorted by time within the pair
      } else {
        data.clicks.push_back({rows[end].user, rows[end].item, rows[end].created_at});
      }
    }
    if (likes > 0) data.likes.push_back({rows[begin].user, rows[begin].item, latest_like});
    report.duplicate_likes_merged += std::max<int64_t>(likes - 1, 0);
    begin = end;
  }
  // Clicks get their ids in time order.
  std::ranges::stable_sort(data.clicks, {}, &Interaction::created_at);
}

}  // namespace mysanta
