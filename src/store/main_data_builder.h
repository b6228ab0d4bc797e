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

  // Ids in text form as the database gives them. With integer ids, a text that is no integer is
  // a malformed id: counted, and kNoIndex returned (the row is skipped).
  Index UserIndex(std::string_view id);
  Index UserIndex(int64_t id);
  Index AddPresentId(std::string_view id);
  Index AddPresentId(int64_t id);
  // kNoIndex when the present does not exist.
  Index FindPresent(std::string_view id) const;
  Index FindPresent(int64_t id) const;

  // A row of the users table (marks the user in_users_table); kNoIndex (malformed id): skipped.
  void SetUser(Index user, User attributes);
  // kNoIndex: skipped. A price that is NaN (NULL) or negative: the present is kept as a target
  // of interactions but never recommended (is_active false), and counted.
  void SetPresent(Index present, Present attributes);
  // An empty name (NULL) is counted as a missing category.
  uint16_t Category(std::string_view name);
  uint16_t Platform(std::string_view name) { return data_.platforms.Intern(name); }

  // `present` kNoIndex: an orphan, counted and skipped. A like's `user` kNoIndex: a malformed
  // id, skipped. A click's `user` kNoIndex: an anonymous click (see SkipMalformedClick).
  void AddLike(Index user, Index present, int64_t created_at);
  void AddClick(Index user, Index present, int64_t created_at);

  // The labels of SPEC section 3, as the static forms below, counting what they had to guess.
  Gender ReadUserGender(std::string_view text);
  Gender ReadPresentGender(std::string_view text);
  AgeRange ReadPresentAge(std::string_view text);

  // Drops duplicate clicks (same user, present and second; anonymous clicks are all kept).
  MainData Finish();

  // Column values as SPEC section 3 defines them.
  static Gender UserGender(std::string_view text);     // 'm'/'f', else unknown (kAny)
  static Gender PresentGender(std::string_view text);  // 'f'/'m'/'any', unknown -> any
  static AgeRange PresentAge(std::string_view text);   // a range label, unparseable -> any

 private:
  Index GrowUsers(Index user);

  MainData data_;
};

}  // namespace mysanta
