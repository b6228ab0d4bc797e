// The OpenAPI 3.0 document of this API (GET /openapi.json): every path, request and response
// schemas and the error schema, with the configured page-size limits. Pure; thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include "core/config.h"

namespace mysanta::api {

boost::json::object OpenApiDocument(const Config& config);

}  // namespace mysanta::api
