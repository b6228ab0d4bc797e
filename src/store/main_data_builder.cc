#include "store/main_data_builder.h"

#include <algorithm>
#include <charconv>
#include <numeric>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "store/store_error.h"

namespace mysanta {
namespace {

std::optional<int64_t> ParseIntegerId(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

MainDataBuilder::MainDataBuilder(IdKind user_kind, IdKind present_kind) {
  data_.user_ids = IdDictionary(user_kind);
  data_.present_ids = IdDictionary(present_kind);
}

Index MainDataBuilder::GrowUsers(Index user) {
  if (user == data_.users.size()) data_.users.emplace_back();
  return user;
}

Index MainDataBuilder::UserIndex(std::string_view id) {
  if (data_.user_ids.kind() == IdKind::kInteger) {
    const std::optional<int64_t> number = ParseIntegerId(id);
    if (!number) {
      ++data_.malformed_ids;
      return kNoIndex;
    }
    return UserIndex(*number);
  }
  return GrowUsers(data_.user_ids.Intern(id));
}

Index MainDataBuilder::UserIndex(int64_t id) {
  if (data_.user_ids.kind() == IdKind::kText) return UserIndex(std::to_string(id));
  return GrowUsers(data_.user_ids.Intern(id));
}

Index MainDataBuilder::AddPresentId(std::string_view id) {
  if (data_.present_ids.kind() == IdKind::kInteger) {
    const std::optional<int64_t> number = ParseIntegerId(id);
    if (!number) {
      ++data_.malformed_ids;
      return kNoIndex;
    }
    return AddPresentId(*number);
  }
  const Index present = data_.present_ids.Intern(id);
  if (present == data_.presents.size()) data_.presents.emplace_back();
  return present;
}

Index MainDataBuilder::AddPresentId(int64_t id) {
  if (data_.present_ids.kind() == IdKind::kText) return AddPresentId(std::to_string(id));
  const Index present = data_.present_ids.Intern(id);
  if (present == data_.presents.size()) data_.presents.emplace_back();
  return present;
}

Index MainDataBuilder::FindPresent(std::string_view id) const {
  if (data_.present_ids.kind() == IdKind::kInteger) {
    int64_t value = 0;
    auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
    if (ec != std::errc() || end != id.data() + id.size()) return kNoIndex;
    return data_.present_ids.Find(value);
  }
  return data_.present_ids.Find(id);
}

Index MainDataBuilder::FindPresent(int64_t id) const {
  if (data_.present_ids.kind() == IdKind::kText) return data_.present_ids.Find(std::string_view(std::to_string(id)));
  return data_.present_ids.Find(id);
}

void MainDataBuilder::SetUser(Index user, User attributes) {
  if (user == kNoIndex) return;
  attributes.in_users_table = true;
  data_.users[user] = attributes;
}

void MainDataBuilder::SetPresent(Index present, Present attributes) {
  if (present == kNoIndex) return;
  if (!(attributes.price >= 0)) {  // NaN (NULL) or negative
    ++data_.unpriced_presents;
    attributes.price = 0;
    attributes.is_active = false;
  }
  data_.presents[present] = std::move(attributes);
}

uint16_t MainDataBuilder::Category(std::string_view name) {
  if (name.empty()) ++data_.missing_categories;
  return data_.categories.Intern(name);
}

void MainDataBuilder::AddLike(Index user, Index present, int64_t created_at) {
  if (present == kNoIndex) {
    ++data_.orphan_likes;
    return;
  }
  if (user == kNoIndex) return;  // a malformed user id, counted by UserIndex
  data_.likes.push_back(Interaction{user, present, created_at});
}

void MainDataBuilder::AddClick(Index user, Index present, int64_t created_at) {
  if (present == kNoIndex) {
    ++data_.orphan_clicks;
    return;
  }
  data_.clicks.push_back(Interaction{user, present, created_at});
}

Gender MainDataBuilder::ReadUserGender(std::string_view text) {
  const auto gender = ParseGender(text);
  if (!gender) ++data_.unknown_genders;
  return gender.value_or(Gender::kAny);
}

Gender MainDataBuilder::ReadPresentGender(std::string_view text) {
  const auto gender = ParseGender(text);
  if (!gender) ++data_.unknown_genders;
  return gender.value_or(Gender::kAny);
}

AgeRange MainDataBuilder::ReadPresentAge(std::string_view text) {
  const auto age = ParseAgeRange(text);
  if (!age) ++data_.unknown_age_groups;
  return age.value_or(AgeRange{});
}

MainData MainDataBuilder::Finish() {
  std::vector<Interaction>& clicks = data_.clicks;
  auto key = [&](uint32_t i) {
    return std::tuple(clicks[i].user, clicks[i].present, clicks[i].created_at, i);
  };
  std::vector<uint32_t> order(clicks.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return key(a) < key(b); });
  std::vector<bool> duplicate(clicks.size(), false);
  for (size_t k = 1; k < order.size(); ++k) {
    const Interaction& previous = clicks[order[k - 1]];
    const Interaction& click = clicks[order[k]];
    if (click.user != kNoIndex && click.user == previous.user &&
        click.present == previous.present && click.created_at == previous.created_at) {
      duplicate[order[k]] = true;
      ++data_.duplicate_clicks;
    }
  }
  if (data_.duplicate_clicks > 0) {
    size_t kept = 0;
    for (size_t i = 0; i < clicks.size(); ++i) {
      if (!duplicate[i]) clicks[kept++] = clicks[i];
    }
    clicks.resize(kept);
  }
  return std::move(data_);
}

Gender MainDataBuilder::UserGender(std::string_view text) {
  const auto gender = ParseGender(text);
  return gender.value_or(Gender::kAny);
}

Gender MainDataBuilder::PresentGender(std::string_view text) {
  return ParseGender(text).value_or(Gender::kAny);
}

AgeRange MainDataBuilder::PresentAge(std::string_view text) {
  return ParseAgeRange(text).value_or(AgeRange{});
}

}  // namespace mysanta
