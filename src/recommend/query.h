// What a recommendation request asks, after the api layer has parsed and validated it, and what
// the engine answers. Shared vocabulary of the api and recommend layers; plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/demographics.h"
#include "core/ids.h"

namespace mysanta {

// Filters of SPEC section 5, shared by both endpoints. Unset fields put no condition.
struct Filters {
  std::optional<double> price_from;  // inclusive
  std::optional<double> price_to;    // inclusive
  std::optional<std::string> category;  // unknown names match nothing
  std::optional<std::string> platform;  // unknown names match nothing
  std::vector<ExternalId> exclude_ids;  // at most 1,000; unknown ids are ignored
};

// The demographic segment of /popular. Unset (or gender kAny) puts no condition.
struct Segment {
  std::optional<Gender> gender;
  // Age group ("25-34") or an age in years (a one-year range such as 30..30).
  std::optional<AgeRange> age;
  std::optional<std::string> category;
  std::optional<int32_t> geo_id;  // the requester's region: regional presents of it are allowed
};

struct PopularQuery {
  Segment segment;
  Filters filters;
};

struct PersonalizedQuery {
  ExternalId user_id;
  std::optional<int32_t> geo_id;  // default: the user's own region
  Filters filters;
};

// What POST /similar asks: presents liked by the people who liked present_id.
struct SimilarQuery {
  ExternalId present_id;
  std::optional<ExternalId> user_id;  // when given, that user's likes are left out (by the caller)
  std::optional<int32_t> geo_id;      // default: the user's own region, else none
  Filters filters;
};

// kSimilar: the list of /similar.
enum class Algorithm { kPopular, kContentBased, kCollaborative, kSimilar };
std::string_view AlgorithmName(Algorithm algorithm);  // "popular", "content_based", ...

// A ranked list of presents, best first: no duplicates, deterministic, at most max_results long.
struct RankedList {
  std::vector<Index> presents;  // indices into the snapshot's presents
  Algorithm algorithm = Algorithm::kPopular;
};

}  // namespace mysanta
