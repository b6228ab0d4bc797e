#include "api/request_parser.h"

#include <gtest/gtest.h>

namespace mysanta::api {
namespace {

RequestRules Rules() { return {IdKind::kInteger, IdKind::kInteger, 20, 100}; }

// The fields named in a 422, or the status when it is another error.
std::vector<std::string> FaultyFields(std::string_view body) {
  auto parsed = ParsePopularRequest(body, Rules());
  if (parsed) return {};
  std::vector<std::string> fields;
  for (const FieldError& detail : parsed.error().details) fields.push_back(detail.field);
  if (parsed.error().status != 422)
    fields.push_back("status " + std::to_string(parsed.error().status));
  return fields;
}

std::vector<std::string> PersonalizedFaults(std::string_view body, RequestRules rules = Rules()) {
  auto parsed = ParsePersonalizedRequest(body, rules);
  if (parsed) return {};
  std::vector<std::string> fields;
  for (const FieldError& detail : parsed.error().details) fields.push_back(detail.field);
  if (parsed.error().status != 422)
    fields.push_back("status " + std::to_string(parsed.error().status));
  return fields;
}

using Fields = std::vector<std::string>;

TEST(RequestParserTest, EmptyBodyAndNonObjectsAreBadRequests) {
  EXPECT_EQ(FaultyFields(""), Fields{"status 400"});
  EXPECT_EQ(FaultyFields("[]"), Fields{"status 400"});
  EXPECT_EQ(FaultyFields("42"), Fields{"status 400"});
  EXPECT_EQ(FaultyFields("\"x\""), Fields{"status 400"});
  EXPECT_EQ(FaultyFields("null"), Fields{"status 400"});
  EXPECT_EQ(FaultyFields("{"), Fields{"status 400"});
  EXPECT_EQ(FaultyFields("{\"a\":1,}"), Fields{"status 400"});
  EXPECT_EQ(FaultyFields("{\"a\":\"\xff\"}"), Fields{"status 400"});  // invalid UTF-8
  EXPECT_EQ(FaultyFields(std::string(100, '[') + std::string(100, ']')), Fields{"status 400"});
  EXPECT_EQ(FaultyFields(R"({"filters": )" + std::string(40, '[') + std::string(40, ']') + "}"),
            Fields{"status 400"});
}

TEST(RequestParserTest, EmptyObjectIsValidWithDefaults) {
  auto parsed = ParsePopularRequest("{}", Rules());
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->page.page, 1);
  EXPECT_EQ(parsed->page.limit, 20);
  EXPECT_FALSE(parsed->query.segment.gender);
  EXPECT_FALSE(parsed->query.filters.price_from);
}

TEST(RequestParserTest, FullPopularRequest) {
  auto parsed = ParsePopularRequest(
      R"({"user_params": {"gender": "F", "age": "25-34", "category": "electronics", "geo_id": 213},
          "filters": {"price_from": 500, "price_to": 2000.5, "platform": "ozon", "exclude_ids": [3, "4"]},
          "pagination": {"page": 2, "limit": 50}, "unknown": {"deep": [1, 2]}})",
      Rules());
  ASSERT_TRUE(parsed) << parsed.error().message;
  const PopularQuery& query = parsed->query;
  EXPECT_EQ(query.segment.gender, Gender::kFemale);
  EXPECT_EQ(query.segment.age, (AgeRange{25, 34}));
  EXPECT_EQ(query.segment.category, "electronics");
  EXPECT_EQ(query.filters.category, "electronics");  // one filter, carried by both
  EXPECT_EQ(query.segment.geo_id, 213);
  EXPECT_EQ(query.filters.price_from, 500.0);
  EXPECT_EQ(query.filters.price_to, 2000.5);
  EXPECT_EQ(query.filters.platform, "ozon");
  EXPECT_EQ(query.filters.exclude_ids, (std::vector<ExternalId>{int64_t{3}, int64_t{4}}));
  EXPECT_EQ(parsed->page.page, 2);
  EXPECT_EQ(parsed->page.limit, 50);
}

TEST(RequestParserTest, AgeInYearsIsAOneYearRange) {
  auto parsed = ParsePopularRequest(R"({"user_params": {"age": 30}})", Rules());
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->query.segment.age, (AgeRange{30, 30}));
  EXPECT_TRUE(ParsePopularRequest(R"({"user_params": {"age": 0}})", Rules()));
  EXPECT_TRUE(ParsePopularRequest(R"({"user_params": {"age": 120}})", Rules()));
  EXPECT_TRUE(ParsePopularRequest(R"({"user_params": {"age": "55+"}})", Rules()));
}

TEST(RequestParserTest, NullMeansOmitted) {
  auto parsed = ParsePopularRequest(
      R"({"user_params": null, "filters": {"price_from": null, "category": null},
          "pagination": {"page": null, "limit": null}})",
      Rules());
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->page.limit, 20);
  EXPECT_FALSE(parsed->query.filters.price_from);
}

TEST(RequestParserTest, StrictIntegerTypes) {
  EXPECT_EQ(FaultyFields(R"({"pagination": {"limit": "20"}})"), Fields{"pagination.limit"});
  EXPECT_EQ(FaultyFields(R"({"pagination": {"limit": 20.0}})"), Fields{"pagination.limit"});
  EXPECT_EQ(FaultyFields(R"({"pagination": {"page": true}})"), Fields{"pagination.page"});
  EXPECT_EQ(FaultyFields(R"({"user_params": {"geo_id": "213"}})"), Fields{"user_params.geo_id"});
  EXPECT_EQ(FaultyFields(R"({"user_params": {"age": 30.5}})"), Fields{"user_params.age"});
  EXPECT_EQ(FaultyFields(R"({"filters": {"price_from": "500"}})"), Fields{"filters.price_from"});
  EXPECT_EQ(FaultyFields(R"({"filters": {"category": 5}})"), Fields{"filters.category"});
  EXPECT_EQ(FaultyFields(R"({"filters": 5})"), Fields{"filters"});
  EXPECT_EQ(FaultyFields(R"({"pagination": []})"), Fields{"pagination"});
}

TEST(RequestParserTest, Ranges) {
  EXPECT_EQ(FaultyFields(R"({"pagination": {"limit": 0}})"), Fields{"pagination.limit"});
  EXPECT_EQ(FaultyFields(R"({"pagination": {"limit": 101}})"), Fields{"pagination.limit"});
  EXPECT_EQ(FaultyFields(R"({"pagination": {"limit": 100}})"), Fields{});
  EXPECT_EQ(FaultyFields(R"({"pagination": {"page": 0}})"), Fields{"pagination.page"});
  EXPECT_EQ(FaultyFields(R"({"pagination": {"page": -3}})"), Fields{"pagination.page"});
  EXPECT_EQ(FaultyFields(R"({"pagination": {"page": 99999999999999999999}})"),
            Fields{"pagination.page"});
  EXPECT_EQ(FaultyFields(R"({"pagination": {"page": 18446744073709551615}})"),
            Fields{"pagination.page"});
  EXPECT_EQ(FaultyFields(R"({"filters": {"price_from": -1}})"), Fields{"filters.price_from"});
  EXPECT_EQ(FaultyFields(R"({"filters": {"price_to": -0.5}})"), Fields{"filters.price_to"});
  EXPECT_EQ(FaultyFields(R"({"filters": {"price_from": 1e999}})"), Fields{"filters.price_from"});
  EXPECT_EQ(FaultyFields(R"({"filters": {"price_from": 10, "price_to": 5}})"),
            Fields{"filters.price_from"});
  EXPECT_EQ(FaultyFields(R"({"filters": {"price_from": 5, "price_to": 5}})"), Fields{});
  EXPECT_EQ(FaultyFields(R"({"user_params": {"gender": "x"}})"), Fields{"user_params.gender"});
  EXPECT_EQ(FaultyFields(R"({"user_params": {"gender": "ANY"}})"), Fields{});
  EXPECT_EQ(FaultyFields(R"({"user_params": {"age": "20-30"}})"), Fields{"user_params.age"});
  EXPECT_EQ(FaultyFields(R"({"user_params": {"age": 121}})"), Fields{"user_params.age"});
  EXPECT_EQ(FaultyFields(R"({"user_params": {"age": -1}})"), Fields{"user_params.age"});
  EXPECT_EQ(FaultyFields(R"({"user_params": {"geo_id": 9999999999}})"),
            Fields{"user_params.geo_id"});
}

TEST(RequestParserTest, ListsEveryFaultyField) {
  EXPECT_EQ(FaultyFields(R"({"user_params": {"gender": "x", "age": "old"},
                             "filters": {"price_from": -1},
                             "pagination": {"page": 0, "limit": 1000}})"),
            (Fields{"user_params.gender", "user_params.age", "filters.price_from",
                    "pagination.page", "pagination.limit"}));
}

TEST(RequestParserTest, CategoryConflict) {
  EXPECT_EQ(
      FaultyFields(R"({"user_params": {"category": "books"}, "filters": {"category": "toys"}})"),
      Fields{"filters.category"});
  auto same = ParsePopularRequest(
      R"({"user_params": {"category": "books"}, "filters": {"category": "books"}})", Rules());
  ASSERT_TRUE(same);
  EXPECT_EQ(same->query.segment.category, "books");
  auto filter_only = ParsePopularRequest(R"({"filters": {"category": "toys"}})", Rules());
  ASSERT_TRUE(filter_only);
  EXPECT_EQ(filter_only->query.segment.category, "toys");
}

TEST(RequestParserTest, ExcludeIds) {
  std::string ids;
  for (int i = 1; i <= 1000; ++i) ids += (i > 1 ? "," : "") + std::to_string(i);
  EXPECT_EQ(FaultyFields(R"({"filters": {"exclude_ids": [)" + ids + "]}}"), Fields{});
  EXPECT_EQ(FaultyFields(R"({"filters": {"exclude_ids": [)" + ids + ",1001]}}"),
            Fields{"filters.exclude_ids"});
  EXPECT_EQ(FaultyFields(R"({"filters": {"exclude_ids": 5}})"), Fields{"filters.exclude_ids"});
  EXPECT_EQ(FaultyFields(R"({"filters": {"exclude_ids": [1, "x"]}})"),
            Fields{"filters.exclude_ids[1]"});
  EXPECT_EQ(FaultyFields(R"({"filters": {"exclude_ids": [1.5]}})"),
            Fields{"filters.exclude_ids[0]"});
}

TEST(RequestParserTest, UserIdForms) {
  EXPECT_EQ(PersonalizedFaults("{}"), Fields{"user_id"});
  EXPECT_EQ(PersonalizedFaults(R"({"user_id": null})"), Fields{"user_id"});
  EXPECT_EQ(PersonalizedFaults(R"({"user_id": 123})"), Fields{});
  EXPECT_EQ(PersonalizedFaults(R"({"user_id": "123"})"), Fields{});
  EXPECT_EQ(PersonalizedFaults(R"({"user_id": 0})"), Fields{"user_id"});
  EXPECT_EQ(PersonalizedFaults(R"({"user_id": -5})"), Fields{"user_id"});
  EXPECT_EQ(PersonalizedFaults(R"({"user_id": "-5"})"), Fields{"user_id"});
  EXPECT_EQ(PersonalizedFaults(R"({"user_id": "12a"})"), Fields{"user_id"});
  EXPECT_EQ(PersonalizedFaults(R"({"user_id": ""})"), Fields{"user_id"});
  EXPECT_EQ(PersonalizedFaults(R"({"user_id": 12.0})"), Fields{"user_id"});
  EXPECT_EQ(PersonalizedFaults(R"({"user_id": "99999999999999999999"})"), Fields{"user_id"});
  EXPECT_EQ(PersonalizedFaults(R"({"user_id": 18446744073709551615})"), Fields{"user_id"});
  EXPECT_EQ(PersonalizedFaults(R"({"user_id": [1]})"), Fields{"user_id"});
  auto parsed = ParsePersonalizedRequest(R"({"user_id": "0042", "geo_id": 7})", Rules());
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->query.user_id, ExternalId(int64_t{42}));
  EXPECT_EQ(parsed->query.geo_id, 7);

  RequestRules text_ids{IdKind::kText, IdKind::kText, 20, 100};
  EXPECT_EQ(PersonalizedFaults(R"({"user_id": "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"})", text_ids),
            Fields{});
  EXPECT_EQ(PersonalizedFaults(R"({"user_id": 5})", text_ids), Fields{"user_id"});
  EXPECT_EQ(PersonalizedFaults(R"({"user_id": ""})", text_ids), Fields{"user_id"});
  EXPECT_EQ(PersonalizedFaults(R"({"user_id": ")" + std::string(65, 'a') + "\"}", text_ids),
            Fields{"user_id"});
  EXPECT_EQ(PersonalizedFaults(R"({"user_id": ")" + std::string(64, 'a') + "\"}", text_ids),
            Fields{});
}

TEST(RequestParserTest, IdText) {
  EXPECT_EQ(ParseIdText("17", IdKind::kInteger), ExternalId(int64_t{17}));
  EXPECT_FALSE(ParseIdText("0", IdKind::kInteger));
  EXPECT_FALSE(ParseIdText("x", IdKind::kInteger));
  EXPECT_EQ(ParseIdText("abc", IdKind::kText), ExternalId(std::string("abc")));
  EXPECT_FALSE(ParseIdText("\xff\xfe", IdKind::kText));
  EXPECT_TRUE(ParseIdText("\xd0\xaf", IdKind::kText));  // "Я"
}

}  // namespace
}  // namespace mysanta::api
