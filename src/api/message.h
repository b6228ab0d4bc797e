// Request and Response: an HTTP exchange as the api layer sees it, without sockets. The http layer
// fills a Request from the wire and writes the Response back. Plain values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace mysanta::api {

// Largest request body the service reads (SPEC section 5: 413 above it).
inline constexpr size_t kMaxBodyBytes = 64 * 1024;

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and optional query string, e.g. "/user-profile/12?x=1"
  std::optional<std::string> authorization;  // the Authorization header, when sent
  std::string body;
  bool client_is_loopback = false;
  // Set by the http layer when a declared Content-Length exceeds kMaxBodyBytes: the body was not
  // read, and the answer is 413 whatever the route.
  bool body_too_large = false;
  // The X-Request-Id of the exchange (the caller's, or one the http layer made): named in logs.
  std::string request_id;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // Set for 405: the methods the path accepts (the Allow header).
  std::string allow;
  // Set for 503: when to try again (the Retry-After header), in seconds; 0: no header.
  int retry_after_seconds = 0;
};

}  // namespace mysanta::api
