// ApiError: an error answer of SPEC section 5 — {"error": CODE, "message": TEXT, "details":
// [{"field": F, "message": M}]} with its HTTP status. Plain values; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "api/message.h"

namespace mysanta::api {

// One faulty request field, named by its path ("pagination.limit").
struct FieldError {
  std::string field;
  std::string message;
};

struct ApiError {
  int status = 400;
  std::string code;  // "bad_request", "validation_error", ...
  std::string message;
  std::vector<FieldError> details;
  std::string allow;  // 405 only: the methods the path accepts (the Allow header)

  static ApiError BadRequest(std::string message);
  static ApiError Validation(std::vector<FieldError> details);
  static ApiError NotFound(std::string message);
  static ApiError MethodNotAllowed(std::string_view method, std::string allow);
  static ApiError PayloadTooLarge();
  static ApiError Unauthorized(std::string message);
  static ApiError Forbidden(std::string message);
  static ApiError Conflict(std::string message);
  static ApiError Unavailable(std::string message);
};

// The JSON error body, with the status (and the Allow header for 405).
// What a 503 tells the caller in Retry-After: a dependency or a connection slot is usually back
// within a second or two.
inline constexpr int kRetryAfterSeconds = 1;

// The JSON error body; a 503 also carries Retry-After.
Response ErrorResponse(const ApiError& error);

}  // namespace mysanta::api
