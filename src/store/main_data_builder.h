// MainDataBuilder: assembles a MainData from the rows of the main database, whichever backend
// they come from. It maps ids to dense indices, adds users that appear only in likes or clicks
// (in_users_table = false), and skips (and counts) likes and clicks of presents that do not
// exist. Presents must be added before likes and clicks.
//
// Not thread-safe: one builder per load.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/main_data.h"

namespace mysanta {

class MainDataBuilder {
 public:
  MainDataBuilder(IdKind user_kind, IdKind present_kind);

  // Ids in text form as the database gives them; integer ids must parse (else StoreError).
  Index UserIndex(std::string_view id);
  Index UserIndex(int64_t id);
  Index AddPresentId(std::string_view id);
  Index AddPresentId(int64_t id);
  // kNoIndex when the present does not exist.
  Index FindPresent(std::string_view id) const;
  Index FindPresent(int64_t id) const;

  // A row of the users table (marks the user in_users_table).
  void SetUser(Index user, User attributes);
  void SetPresent(Index present, Present attributes);
  uint16_t Category(std::string_view name) { return data_.categories.Intern(name); }
  uint16_t Platform(std::string_view name) { return data_.platforms.Intern(name); }

  // `present` kNoIndex: an orphan, counted and skipped. `user` kNoIndex: an anonymous click.
  void AddLike(Index user, Index present, int64_t created_at);
  void AddClick(Index user, Index present, int64_t created_at);

  MainData Finish() { return std::move(data_); }

  // Column values as SPEC section 3 defines them.
  static Gender UserGender(std::string_view text);     // 'm'/'f', else unknown (kAny)
  static Gender PresentGender(std::string_view text);  // 'f'/'m'/'any', unknown -> any
  static AgeRange PresentAge(std::string_view text);   // a range label, unparseable -> any

 private:
  Index GrowUsers(Index user);

  MainData data_;
};

}  // namespace mysanta
