// MainData: the main database's four relations (SPEC section 3) loaded into memory, with ids
// mapped to dense indices. The store layer fills it; the generator produces it; the recommend
// layer builds its snapshot from it. A plain value: build once, then share read-only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/demographics.h"
#include "core/ids.h"

namespace mysanta {

inline constexpr int32_t kNoGeo = INT32_MIN;  // geo_id NULL

struct User {
  Gender gender = Gender::kAny;  // kAny: unknown
  int32_t birth_date = kUnknownDate;  // days since epoch
  int32_t geo_id = kNoGeo;
  int64_t created_at = 0;  // seconds since epoch
  bool in_users_table = false;  // false: only seen in likes/clicks; demographics unknown
};

struct Present {
  std::string title;
  double price = 0;
  uint16_t category = 0;  // index into MainData::categories
  uint16_t platform = 0;  // index into MainData::platforms
  Gender gender = Gender::kAny;  // whom it suits
  AgeRange age;                  // whom it suits
  int32_t geo_id = kNoGeo;       // kNoGeo: available everywhere
  bool is_active = true;
  int64_t created_at = 0;
};

// A like or a click. `user` is kNoIndex for an anonymous click.
struct Interaction {
  Index user = kNoIndex;
  Index present = 0;
  int64_t created_at = 0;
};

struct MainData {
  IdDictionary user_ids{IdKind::kInteger};
  IdDictionary present_ids{IdKind::kInteger};
  NameDictionary categories;
  NameDictionary platforms;
  std::vector<User> users;        // indexed by user index
  std::vector<Present> presents;  // indexed by present index
  std::vector<Interaction> likes;
  std::vector<Interaction> clicks;
  // Rows skipped while loading because they name a present that does not exist.
  int64_t orphan_likes = 0;
  int64_t orphan_clicks = 0;
  // Other dirty rows (MySanta's data through views), skipped or normalized while loading, never
  // fatal; /stats reports them per cause (DataQualityCounts).
  int64_t duplicate_clicks = 0;    // skipped: same user, present and second as another click
  int64_t malformed_ids = 0;       // skipped: an id that is not of the column's form ('abc' among integers)
  int64_t unpriced_presents = 0;   // normalized: NULL or negative price -> never recommended
  int64_t missing_categories = 0;  // normalized: NULL or empty category -> matches no category filter
  int64_t unknown_genders = 0;     // normalized: a gender other than m/f/any -> unknown (any)
  int64_t unknown_age_groups = 0;  // normalized: an age label that is no range -> any
};

// The dirty-row counts of `data`, per cause: (name, rows) in a fixed order, skipped causes first.
struct DataQualityCount {
  std::string_view cause;
  bool skipped;  // false: the row was kept, normalized
  int64_t rows;
};
inline std::vector<DataQualityCount> DataQualityCounts(const MainData& data) {
  return {{"orphan_likes", true, data.orphan_likes},
          {"orphan_clicks", true, data.orphan_clicks},
          {"duplicate_clicks", true, data.duplicate_clicks},
          {"malformed_ids", true, data.malformed_ids},
          {"unpriced_presents", false, data.unpriced_presents},
          {"missing_categories", false, data.missing_categories},
          {"unknown_genders", false, data.unknown_genders},
          {"unknown_age_groups", false, data.unknown_age_groups}};
}

// One user's interactions as read from the main database at request time (SPEC rule 4): the
// distinct presents (that exist) the user liked, and those they clicked.
struct UserActivity {
  std::vector<ExternalId> liked;
  std::vector<ExternalId> clicked;
};

}  // namespace mysanta
