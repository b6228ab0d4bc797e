#include "core/demographics.h"

#include <charconv>
#include <chrono>

#include <fmt/format.h>

namespace mysanta {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Parses all of `text` as a non-negative int; false otherwise.
bool ParseWhole(std::string_view text, int& value) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && value >= 0;
}

int32_t DaysFromCivil(int year, unsigned month, unsigned day) {
  using namespace std::chrono;
  const year_month_day date{std::chrono::year(year), std::chrono::month(month),
                            std::chrono::day(day)};
  if (!date.ok()) return kUnknownDate;
  return static_cast<int32_t>(sys_days(date).time_since_epoch().count());
}

}  // namespace

std::optional<Gender> ParseGender(std::string_view text) {
  if (EqualsIgnoreCase(text, "f")) return Gender::kFemale;
  if (EqualsIgnoreCase(text, "m")) return Gender::kMale;
  if (EqualsIgnoreCase(text, "any")) return Gender::kAny;
  return std::nullopt;
}

std::string_view GenderName(Gender gender) {
  switch (gender) {
    case Gender::kFemale: return "f";
    case Gender::kMale: return "m";
    case Gender::kAny: return "any";
  }
  return "any";
}

std::optional<AgeRange> ParseAgeRange(std::string_view text) {
  if (EqualsIgnoreCase(text, "any")) return AgeRange{};
  int low = 0;
  int high = 0;
  if (text.ends_with('+')) {
    if (!ParseWhole(text.substr(0, text.size() - 1), low) || low > AgeRange::kMaxAge) {
      return std::nullopt;
    }
    return AgeRange{static_cast<int16_t>(low), AgeRange::kMaxAge};
  }
  const size_t dash = text.find('-');
  if (dash == std::string_view::npos || !ParseWhole(text.substr(0, dash), low) ||
      !ParseWhole(text.substr(dash + 1), high) || low > high || high > AgeRange::kMaxAge) {
    return std::nullopt;
  }
  return AgeRange{static_cast<int16_t>(low), static_cast<int16_t>(high)};
}

std::string AgeRangeLabel(AgeRange range) {
  if (range.is_any()) return "any";
  if (range.max == AgeRange::kMaxAge) return fmt::format("{}+", range.min);
  return fmt::format("{}-{}", range.min, range.max);
}

int AgeGroupOfAge(int age_years) {
  if (age_years < 0) return kNoAgeGroup;
  if (age_years <= 17) return 0;
  if (age_years <= 24) return 1;
  if (age_years <= 34) return 2;
  if (age_years <= 44) return 3;
  if (age_years <= 54) return 4;
  return 5;
}

int AgeGroupOfLabel(std::string_view label) {
  for (int i = 0; i < kAgeGroupCount; ++i) {
    if (kAgeGroupLabels[i] == label) return i;
  }
  return kNoAgeGroup;
}

AgeRange AgeGroupRange(int age_group) {
  return *ParseAgeRange(kAgeGroupLabels[age_group]);
}

std::optional<int32_t> ParseDate(std::string_view text) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-' ||
      !ParseWhole(text.substr(0, 4), year) || !ParseWhole(text.substr(5, 2), month) ||
      !ParseWhole(text.substr(8, 2), day)) {
    return std::nullopt;
  }
  const int32_t days = DaysFromCivil(year, month, day);
  if (days == kUnknownDate) return std::nullopt;
  return days;
}

std::string FormatDate(int32_t days) {
  using namespace std::chrono;
  const year_month_day date{sys_days(std::chrono::days(days))};
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

int AgeInYears(int32_t birth_days, int32_t on_days) {
  if (birth_days == kUnknownDate) return -1;
  using namespace std::chrono;
  const year_month_day birth{sys_days(std::chrono::days(birth_days))};
  const year_month_day on{sys_days(std::chrono::days(on_days))};
  int age = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) {
    --age;
  }
  return age;
}

std::optional<int64_t> ParseTimestamp(std::string_view text) {
  auto date = ParseDate(text);
  if (!date) return std::nullopt;
  int64_t seconds = int64_t{*date} * 86400;
  if (text.size() >= 19 && (text[10] == ' ' || text[10] == 'T')) {
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!ParseWhole(text.substr(11, 2), hour) || !ParseWhole(text.substr(14, 2), minute) ||
        !ParseWhole(text.substr(17, 2), second)) {
      return std::nullopt;
    }
    seconds += hour * 3600 + minute * 60 + second;
  }
  return seconds;
}

std::string FormatTimestamp(int64_t seconds) {
  const auto days = static_cast<int32_t>(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400);
  const int64_t rest = seconds - int64_t{days} * 86400;
  return fmt::format("{} {:02d}:{:02d}:{:02d}", FormatDate(days), rest / 3600, rest / 60 % 60,
                     rest % 60);
}

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string FormatTimestampIso(int64_t seconds) {
  std::string text = FormatTimestamp(seconds);
  text[10] = 'T';
  return text + "Z";
}

}  // namespace mysanta
