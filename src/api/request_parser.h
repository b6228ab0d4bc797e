// Parsing and validation of request bodies and path ids, exactly per SPEC section 5: strict JSON
// types (integers are JSON integers, prices numbers, null = omitted; user_id may also be a digit
// string), ranges, the category conflict, and every faulty field listed in one 422.
// Pure functions; thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <expected>
#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include "api/error.h"
#include "core/ids.h"
#include "recommend/query.h"
#include "service/requests.h"

namespace mysanta::api {

// What validation depends on: the id forms of the main database and the page sizes.
struct RequestRules {
  IdKind user_id_kind = IdKind::kInteger;
  IdKind present_id_kind = IdKind::kInteger;
  int default_page_size = 20;  // DEFAULT_PAGE_SIZE
  int max_page_size = 100;     // MAX_PAGE_SIZE
};

inline constexpr size_t kMaxExcludeIds = 1000;
inline constexpr size_t kMaxTextIdLength = 64;
inline constexpr int kMaxAgeYears = 120;
// Nesting deeper than any valid request needs is refused while parsing.
inline constexpr size_t kMaxJsonDepth = 16;

// The parser fills the service's request values.
using service::PageRequest;
using service::PersonalizedRequest;
using service::PopularRequest;
using service::SimilarRequest;


// The body as a JSON object; 400 bad_request when empty, not JSON, or not an object.
std::expected<boost::json::object, ApiError> ParseJsonObject(std::string_view body);

// An id in the main database's form. Integer ids: a positive JSON integer or a string of digits;
// text ids: a non-empty string of at most 64 characters. The error is a message for `details`.
std::expected<ExternalId, std::string> ParseId(const boost::json::value& value, IdKind kind);
// The same for an id written in a URL path (already percent-decoded).
std::expected<ExternalId, std::string> ParseIdText(std::string_view text, IdKind kind);

std::expected<PopularRequest, ApiError> ParsePopularRequest(std::string_view body,
                                                            const RequestRules& rules);
std::expected<PersonalizedRequest, ApiError> ParsePersonalizedRequest(std::string_view body,
                                                                      const RequestRules& rules);
// POST /similar: present_id required (present id form), user_id optional, geo_id, filters and
// pagination as /personalized.
std::expected<SimilarRequest, ApiError> ParseSimilarRequest(std::string_view body,
                                                            const RequestRules& rules);

// "%41" -> "A"; nullopt for a malformed escape.
std::optional<std::string> PercentDecode(std::string_view text);

// The query string of GET /presents ("ids=1,2,3", ids percent-encoded): the ids in the order
// given, each once; 422 when `ids` is missing, an id is malformed, or there are more than
// max_page_size of them.
std::expected<std::vector<ExternalId>, ApiError> ParsePresentIdsQuery(std::string_view query,
                                                                      const RequestRules& rules);

}  // namespace mysanta::api
