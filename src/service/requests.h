// The inputs of the recommendation use cases, as plain values: the api layer parses and validates
// a request body into them (api/request_parser.h), the service answers them. Thread-compatible.
#pragma once

#include <cstdint>

#include "recommend/query.h"

namespace mysanta::service {

// Which page of a ranked list (SPEC rules 5 and 8); both already validated (page >= 1, limit >= 1).
struct PageRequest {
  int64_t page = 1;
  int limit = 20;  // DEFAULT_PAGE_SIZE
};

struct PopularRequest {
  PopularQuery query;
  PageRequest page;
};

struct PersonalizedRequest {
  PersonalizedQuery query;
  PageRequest page;
};

struct SimilarRequest {
  SimilarQuery query;
  PageRequest page;
};

}  // namespace mysanta::service
