// Request bodies from a RequestSpec, and WalkList: fetches every page of one ranked list (and the
// page past its end) and checks SPEC rules 5, 7 and 8 on the way — consecutive slices, no
// duplicates, total_count and total_pages, has_next/has_previous, the same algorithm on every
// page, and cache hits for the pages after the first. Failures are reported with gtest's
// EXPECT_*; the caller adds a SCOPED_TRACE naming the request.
//
// Not thread-safe (uses the caller's HttpClient).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "ground_truth.h"
#include "http_client.h"

namespace mysanta::e2e {

inline boost::json::object FiltersJson(const RequestSpec& spec) {
  boost::json::object filters;
  if (spec.price_from) filters["price_from"] = *spec.price_from;
  if (spec.price_to) filters["price_to"] = *spec.price_to;
  if (spec.filter_category) filters["category"] = *spec.filter_category;
  if (spec.platform) filters["platform"] = *spec.platform;
  if (!spec.exclude_ids.empty()) {
    filters["exclude_ids"] = boost::json::array(spec.exclude_ids.begin(), spec.exclude_ids.end());
  }
  return filters;
}

inline boost::json::object PopularBody(const RequestSpec& spec) {
  boost::json::object params;
  if (spec.gender) params["gender"] = *spec.gender;
  if (spec.age_label) params["age"] = *spec.age_label;
  if (spec.age_years) params["age"] = *spec.age_years;
  if (spec.segment_category) params["category"] = *spec.segment_category;
  if (spec.geo_id) params["geo_id"] = *spec.geo_id;
  boost::json::object body;
  if (!params.empty()) body["user_params"] = std::move(params);
  boost::json::object filters = FiltersJson(spec);
  if (!filters.empty()) body["filters"] = std::move(filters);
  return body;
}

inline boost::json::object PersonalizedBody(const RequestSpec& spec) {
  boost::json::object body;
  body["user_id"] = *spec.user_id;
  if (spec.geo_id) body["geo_id"] = *spec.geo_id;
  boost::json::object filters = FiltersJson(spec);
  if (!filters.empty()) body["filters"] = std::move(filters);
  return body;
}

inline std::string WithPage(boost::json::object body, int64_t page, int limit) {
  body["pagination"] = boost::json::object{{"page", page}, {"limit", limit}};
  return boost::json::serialize(body);
}

struct WalkedList {
  bool ok = false;  // every page answered 200 with a well-formed body
  std::vector<boost::json::value> items;  // the whole list, pages concatenated
  int64_t total_count = 0;
  std::string algorithm;
  bool first_page_cache_hit = false;
};

// Fetches pages 1..total_pages+1 of `body` at `limit` from `endpoint`.
inline WalkedList WalkList(HttpClient& client, const std::string& endpoint,
                           const boost::json::object& body, int limit) {
  WalkedList walked;
  int64_t total_pages = 0;
  for (int64_t page = 1;; ++page) {
    SCOPED_TRACE("page " + std::to_string(page));
    HttpResponse response = client.Post(endpoint, WithPage(body, page, limit));
    EXPECT_EQ(response.status, 200) << response.body;
    if (response.status != 200) return walked;
    boost::json::value answer = response.Json();
    const boost::json::object* object = answer.if_object();
    EXPECT_NE(object, nullptr) << response.body;
    if (object == nullptr) return walked;
    const boost::json::object& pagination = object->at("pagination").as_object();
    const boost::json::array& items = object->at("items").as_array();
    const int64_t total = pagination.at("total_count").as_int64();
    const std::string algorithm(object->at("algorithm_used").as_string());
    const bool cache_hit = object->at("cache_hit").as_bool();
    if (page == 1) {
      walked.total_count = total;
      walked.algorithm = algorithm;
      walked.first_page_cache_hit = cache_hit;
      total_pages = pagination.at("total_pages").as_int64();
      EXPECT_EQ(total_pages, (total + limit - 1) / limit) << "total_pages = ceil(total/limit)";
    } else {
      EXPECT_EQ(total, walked.total_count) << "one list behind every page";
      EXPECT_EQ(pagination.at("total_pages").as_int64(), total_pages);
      EXPECT_EQ(algorithm, walked.algorithm);
      EXPECT_TRUE(cache_hit) << "a later page of a list computed earlier is a cache hit";
    }
    EXPECT_EQ(pagination.at("page").as_int64(), page);
    EXPECT_EQ(pagination.at("limit").as_int64(), limit);
    EXPECT_EQ(pagination.at("has_previous").as_bool(), page > 1);
    EXPECT_EQ(pagination.at("has_next").as_bool(), page < total_pages);
    const int64_t expected_size = std::clamp<int64_t>(total - (page - 1) * limit, 0, limit);
    EXPECT_EQ(static_cast<int64_t>(items.size()), expected_size);
    walked.items.insert(walked.items.end(), items.begin(), items.end());
    if (page > total_pages) break;  // the page past the end was checked: empty, no next
    if (page > 100000) return walked;
  }
  EXPECT_EQ(static_cast<int64_t>(walked.items.size()), walked.total_count)
      << "total_count is the sum of the page sizes";
  std::set<std::string> seen;
  for (const boost::json::value& id : walked.items) {
    EXPECT_TRUE(seen.insert(boost::json::serialize(id)).second) << "duplicate id " << id;
  }
  walked.ok = true;
  return walked;
}

}  // namespace mysanta::e2e
