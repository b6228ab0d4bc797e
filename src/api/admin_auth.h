// Admin authorization (SPEC section 5): with ADMIN_TOKEN set, `Authorization: Bearer <token>` is
// required (missing -> 401, wrong -> 403, compared in constant time); without a token only
// loopback clients may call admin endpoints (others 403). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/error.h"

namespace mysanta::api {

// nullopt when the caller may proceed, else the 401 or 403 to answer.
std::optional<ApiError> CheckAdmin(const std::optional<std::string>& admin_token,
                                   const std::optional<std::string>& authorization,
                                   bool client_is_loopback);

// Equality whose time depends only on the lengths, not on where the texts differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace mysanta::api
