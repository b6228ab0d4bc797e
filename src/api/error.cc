#include "api/error.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/json_writer.h"

namespace mysanta::api {
namespace {

// Messages may quote the request (a path) or a dependency's error text: bytes that are not UTF-8
// become '?', so that the error body is always valid JSON.
std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    size_t length = byte < 0x80             ? 1
                    : (byte & 0xE0) == 0xC0 ? 2
                    : (byte & 0xF0) == 0xE0 ? 3
                    : (byte & 0xF8) == 0xF0 ? 4
                                            : 0;
    bool valid = length > 0 && length <= text.size() - i && (length != 2 || byte >= 0xC2);
    for (size_t k = 1; valid && k < length; ++k) {
      valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (valid) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += '?';
      ++i;
    }
  }
  return out;
}

}  // namespace

ApiError ApiError::BadRequest(std::string message) {
  return {400, "bad_request", std::move(message), {}, {}};
}

ApiError ApiError::Validation(std::vector<FieldError> details) {
  std::string message = "invalid request:";
  for (size_t i = 0; i < details.size(); ++i) {
    message += (i == 0 ? " " : "; ") + details[i].field + " " + details[i].message;
  }
  return {422, "validation_error", std::move(message), std::move(details), {}};
}

ApiError ApiError::NotFound(std::string message) {
  return {404, "not_found", std::move(message), {}, {}};
}

ApiError ApiError::MethodNotAllowed(std::string_view method, std::string allow) {
  std::string message =
      "method " + std::string(method) + " is not allowed on this path; allowed: " + allow;
  return {405, "method_not_allowed", std::move(message), {}, std::move(allow)};
}

ApiError ApiError::PayloadTooLarge() {
  return {413,
          "payload_too_large",
          "request body is larger than " + std::to_string(kMaxBodyBytes) + " bytes",
          {},
          {}};
}

ApiError ApiError::Unauthorized(std::string message) {
  return {401, "unauthorized", std::move(message), {}, {}};
}

ApiError ApiError::Forbidden(std::string message) {
  return {403, "forbidden", std::move(message), {}, {}};
}

ApiError ApiError::Conflict(std::string message) {
  return {409, "conflict", std::move(message), {}, {}};
}

ApiError ApiError::Unavailable(std::string message) {
  return {503, "unavailable", std::move(message), {}, {}};
}

Response ErrorResponse(const ApiError& error) {
  boost::json::array details;
  for (const FieldError& detail : error.details) {
    details.push_back(boost::json::object{{"field", detail.field}, {"message", detail.message}});
  }
  boost::json::object body{{"error", error.code},
                           {"message", ValidUtf8(error.message)},
                           {"details", std::move(details)}};
  Response response;
  response.status = error.status;
  response.body = WriteJson(body);
  response.allow = error.allow;
  if (error.status == 503) response.retry_after_seconds = kRetryAfterSeconds;
  return response;
}

}  // namespace mysanta::api
