// InteractionLogBuilder: gathers what the format readers parse from a public data set (the
// interactions, and the items and users when the data set describes them) and turns it into the
// main database's four relations (MainData), as SPEC section 3 needs them:
//
// - An interaction with no rating, or a rating at least ImportOptions::min_rating, is a like; one
//   below it is a click or is skipped (ImportOptions::below_min_rating). Repeated likes of one
//   (user, item) pair are one like at the latest time (the primary key allows one).
// - Every user seen is written to `users`, with gender and birth date from the users file when
//   there is one (birth date: the age given, counted back from the user's last interaction, when
//   the data was collected), else unknown; no region; created at their first interaction.
// - Every item is a present: title and category from the item file (category: ImportOptions::
//   default_category where the data has none), price and platform from present_attributes.h,
//   whom it suits 'any', available everywhere, active, created at its first interaction.
//
// Ids are kept as text until Build() chooses their kind (ImportOptions::id_type). Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/demographics.h"
#include "core/main_data.h"
#include "importer/import_options.h"
#include "importer/import_report.h"

namespace mysanta {

inline constexpr size_t kMaxTextIdLength = 64;  // the API's limit for text ids (SPEC section 5)
// The time of data without timestamps: 2024-01-01 00:00:00 UTC.
inline constexpr int64_t kNoTimeEpoch = 1704067200;

class InteractionLogBuilder {
 public:
  // `id_type` overrides options.id_type (MovieLens ids are integers).
  InteractionLogBuilder(const ImportOptions& options, IdTypeChoice id_type);

  // Whether `id` can be a user or item id of this import: a positive integer without leading
  // zeros for integer ids; 1..64 characters otherwise.
  bool IsAcceptableId(std::string_view id) const;

  // The ids must be acceptable; `created_at` in seconds since the epoch.
  void AddInteraction(std::string_view user, std::string_view item, int64_t created_at,
                      std::optional<double> rating);
  // False when the item was added before (the row is a duplicate). An empty title means none.
  bool AddItem(std::string_view item, std::string title, std::string category);
  // False when the user was added before. `age_years` < 0: unknown.
  bool AddUser(std::string_view user, Gender gender, int age_years);

  int64_t interactions() const { return static_cast<int64_t>(rows_.size()); }

  // The data set; fills the report's counts (not its files).
  MainData Build(ImportReport& report) const;

 private:
  // Ids as text, interned in the order first seen.
  class RawIds {
   public:
    uint32_t Intern(std::string_view id);
    size_t size() const { return names_.size(); }
    const std::string& At(uint32_t index) const { return names_[index]; }
    bool all_integers() const { return all_integers_; }

   private:
    struct Hash {
      using is_transparent = void;
      size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> index_;
    std::vector<std::string> names_;
    bool all_integers_ = true;
  };
  struct Row {
    uint32_t user;
    uint32_t item;
    int64_t created_at;
    bool like;
  };
  struct ItemInfo {
    std::string title;
    std::string category;
    bool described = false;  // in the item file
  };
  struct UserInfo {
    Gender gender = Gender::kAny;
    int age_years = -1;
    bool described = false;
  };

  IdKind ChooseIdKind() const;
  void BuildUsers(MainData& data, IdKind kind, const std::vector<int64_t>& first,
                  const std::vector<int64_t>& last, int64_t fallback) const;
  void BuildPresents(MainData& data, IdKind kind, const std::vector<int64_t>& first,
                     int64_t fallback, ImportReport& report) const;
  void BuildInteractions(MainData& data, ImportReport& report) const;

  const ImportOptions& options_;
  IdTypeChoice id_type_;
  RawIds users_;
  RawIds items_;
  std::vector<Row> rows_;
  std::vector<ItemInfo> item_info_;  // by item index; may be shorter than items_
  std::vector<UserInfo> user_info_;  // by user index; may be shorter than users_
  int64_t below_min_skipped_ = 0;
};

// Whether `id` is a positive decimal integer that fits int64 without leading zeros or a sign.
bool IsCanonicalPositiveInteger(std::string_view id);

}  // namespace mysanta
