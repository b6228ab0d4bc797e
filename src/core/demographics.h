// Gender, age groups and age ranges as SPEC section 3 defines them.
//
// Users have a gender ('m', 'f' or unknown) and a birth date; presents say whom they suit: a gender
// ('f', 'm' or 'any') and an age range label ('0-17', '18-24', ..., '55+', MySanta's '45+', any
// 'A-B' or 'A+', or 'any'). Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mysanta {

enum class Gender : uint8_t { kAny = 0, kFemale = 1, kMale = 2 };

// 'f'/'m'/'any', case-insensitive; nullopt for anything else.
std::optional<Gender> ParseGender(std::string_view text);
std::string_view GenderName(Gender gender);  // "f", "m", "any"

// An inclusive age range in years. `any` is 0..kMaxAge.
struct AgeRange {
  static constexpr int kMaxAge = 200;
  int16_t min = 0;
  int16_t max = kMaxAge;

  bool is_any() const { return min == 0 && max == kMaxAge; }
  bool Contains(int age) const { return age >= min && age <= max; }
  bool Overlaps(AgeRange other) const { return min <= other.max && other.min <= max; }
  bool operator==(const AgeRange&) const = default;
};

// "A-B", "A+" or "any" (case-insensitive); nullopt for anything else.
std::optional<AgeRange> ParseAgeRange(std::string_view text);
std::string AgeRangeLabel(AgeRange range);  // "25-34", "45+", "any"

// The six user age groups of SPEC section 3, in order.
inline constexpr int kAgeGroupCount = 6;
inline constexpr std::array<std::string_view, kAgeGroupCount> kAgeGroupLabels = {
    "0-17", "18-24", "25-34", "35-44", "45-54", "55+"};
inline constexpr int kNoAgeGroup = -1;

// Index into kAgeGroupLabels of an age in years; kNoAgeGroup for a negative age.
int AgeGroupOfAge(int age_years);
// Index of one of the six labels; kNoAgeGroup for anything else.
int AgeGroupOfLabel(std::string_view label);
AgeRange AgeGroupRange(int age_group);

// Dates are days since 1970-01-01 (so they fit int32 and compare cheaply).
inline constexpr int32_t kUnknownDate = INT32_MIN;
// "YYYY-MM-DD" (a longer timestamp's date part is accepted); nullopt when malformed.
std::optional<int32_t> ParseDate(std::string_view text);
std::string FormatDate(int32_t days);
// Whole years between a birth date and a day; -1 when the birth date is unknown.
int AgeInYears(int32_t birth_days, int32_t on_days);

// Timestamps are seconds since the epoch, UTC.
// "YYYY-MM-DD[ T]HH:MM:SS[.frac][+TZ]" -> seconds (time zone suffix ignored: UTC assumed).
std::optional<int64_t> ParseTimestamp(std::string_view text);
std::string FormatTimestamp(int64_t seconds);  // "YYYY-MM-DD HH:MM:SS"
std::string FormatTimestampIso(int64_t seconds);  // "YYYY-MM-DDTHH:MM:SSZ"
// The wall clock in seconds since the epoch.
int64_t NowSeconds();

}  // namespace mysanta
