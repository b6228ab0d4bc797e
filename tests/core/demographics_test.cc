#include "core/demographics.h"

#include <gtest/gtest.h>

#include "core/ids.h"

namespace mysanta {
namespace {

TEST(DemographicsTest, ParsesGenderCaseInsensitively) {
  EXPECT_EQ(ParseGender("F"), Gender::kFemale);
  EXPECT_EQ(ParseGender("m"), Gender::kMale);
  EXPECT_EQ(ParseGender("Any"), Gender::kAny);
  EXPECT_FALSE(ParseGender("x").has_value());
  EXPECT_FALSE(ParseGender("").has_value());
}

TEST(DemographicsTest, ParsesAgeRanges) {
  EXPECT_EQ(ParseAgeRange("25-34"), (AgeRange{25, 34}));
  EXPECT_EQ(ParseAgeRange("45+"), (AgeRange{45, AgeRange::kMaxAge}));
  EXPECT_TRUE(ParseAgeRange("any")->is_any());
  EXPECT_FALSE(ParseAgeRange("34-25").has_value());
  EXPECT_FALSE(ParseAgeRange("abc").has_value());
  EXPECT_FALSE(ParseAgeRange("-5").has_value());
  EXPECT_EQ(AgeRangeLabel(*ParseAgeRange("45+")), "45+");
  EXPECT_EQ(AgeRangeLabel(*ParseAgeRange("18-24")), "18-24");
}

TEST(DemographicsTest, AgeGroupsCoverEveryAge) {
  EXPECT_EQ(AgeGroupOfAge(0), 0);
  EXPECT_EQ(AgeGroupOfAge(17), 0);
  EXPECT_EQ(AgeGroupOfAge(18), 1);
  EXPECT_EQ(AgeGroupOfAge(34), 2);
  EXPECT_EQ(AgeGroupOfAge(54), 4);
  EXPECT_EQ(AgeGroupOfAge(120), 5);
  EXPECT_EQ(AgeGroupOfAge(-1), kNoAgeGroup);
  EXPECT_EQ(AgeGroupOfLabel("35-44"), 3);
  EXPECT_EQ(AgeGroupOfLabel("45+"), kNoAgeGroup);
  // A present for "45+" overlaps the user groups 45-54 and 55+.
  EXPECT_TRUE(ParseAgeRange("45+")->Overlaps(AgeGroupRange(4)));
  EXPECT_FALSE(ParseAgeRange("45+")->Overlaps(AgeGroupRange(3)));
}

TEST(DemographicsTest, DatesAndAges) {
  const int32_t birth = *ParseDate("1990-06-15");
  EXPECT_EQ(FormatDate(birth), "1990-06-15");
  EXPECT_EQ(AgeInYears(birth, *ParseDate("2026-06-14")), 35);
  EXPECT_EQ(AgeInYears(birth, *ParseDate("2026-06-15")), 36);
  EXPECT_EQ(AgeInYears(kUnknownDate, 0), -1);
  EXPECT_FALSE(ParseDate("1990-13-01").has_value());
  EXPECT_FALSE(ParseDate("19900101").has_value());
}

TEST(DemographicsTest, TimestampsRoundTrip) {
  const auto seconds = ParseTimestamp("2025-12-24 18:30:05");
  ASSERT_TRUE(seconds.has_value());
  EXPECT_EQ(FormatTimestamp(*seconds), "2025-12-24 18:30:05");
  EXPECT_EQ(FormatTimestampIso(*seconds), "2025-12-24T18:30:05Z");
  EXPECT_EQ(ParseTimestamp("2025-12-24T18:30:05.123+00"), seconds);
  EXPECT_EQ(*ParseTimestamp("1970-01-02"), 86400);
}

TEST(IdDictionaryTest, MapsIntegerAndTextIdsToDenseIndices) {
  IdDictionary integers(IdKind::kInteger);
  EXPECT_EQ(integers.Intern(int64_t{42}), 0u);
  EXPECT_EQ(integers.Intern(int64_t{7}), 1u);
  EXPECT_EQ(integers.Intern(int64_t{42}), 0u);
  EXPECT_EQ(integers.Find(int64_t{7}), 1u);
  EXPECT_EQ(integers.Find(int64_t{8}), kNoIndex);
  EXPECT_EQ(std::get<int64_t>(integers.At(1)), 7);

  IdDictionary texts(IdKind::kText);
  EXPECT_EQ(texts.Intern(std::string_view("a-uuid")), 0u);
  EXPECT_EQ(texts.Find(ExternalId(std::string("a-uuid"))), 0u);
  EXPECT_EQ(texts.Find(std::string_view("other")), kNoIndex);
  EXPECT_EQ(ExternalIdToString(texts.At(0)), "a-uuid");
}

}  // namespace
}  // namespace mysanta
