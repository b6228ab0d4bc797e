#include "store/main_data_builder.h"

#include <charconv>
#include <string>

#include "store/store_error.h"

namespace mysanta {
namespace {

int64_t ParseIntegerId(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw StoreError("main database: expected an integer id, got \"" + std::string(text) + "\"");
  }
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
  if (data_.user_ids.kind() == IdKind::kInteger) return UserIndex(ParseIntegerId(id));
  return GrowUsers(data_.user_ids.Intern(id));
}

Index MainDataBuilder::UserIndex(int64_t id) {
  if (data_.user_ids.kind() == IdKind::kText) return UserIndex(std::to_string(id));
  return GrowUsers(data_.user_ids.Intern(id));
}

Index MainDataBuilder::AddPresentId(std::string_view id) {
  if (data_.present_ids.kind() == IdKind::kInteger) return AddPresentId(ParseIntegerId(id));
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
  attributes.in_users_table = true;
  data_.users[user] = attributes;
}

void MainDataBuilder::SetPresent(Index present, Present attributes) {
  data_.presents[present] = std::move(attributes);
}

void MainDataBuilder::AddLike(Index user, Index present, int64_t created_at) {
  if (present == kNoIndex) {
    ++data_.orphan_likes;
    return;
  }
  data_.likes.push_back(Interaction{user, present, created_at});
}

void MainDataBuilder::AddClick(Index user, Index present, int64_t created_at) {
  if (present == kNoIndex) {
    ++data_.orphan_clicks;
    return;
  }
  data_.clicks.push_back(Interaction{user, present, created_at});
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
