#include "api/admin_auth.h"

#include <algorithm>
#include <cctype>

namespace mysanta::api {
namespace {

// The token of "Bearer <token>" (scheme case-insensitive); nullopt for any other form.
std::optional<std::string_view> BearerToken(std::string_view header) {
  constexpr std::string_view kScheme = "bearer ";
  if (header.size() < kScheme.size()) return std::nullopt;
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return std::nullopt;
  }
  std::string_view token = header.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  return token;
}

}  // namespace

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  unsigned char difference = a.size() == b.size() ? 0 : 1;
  size_t length = std::max(a.size(), b.size());
  for (size_t i = 0; i < length; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    difference |= x ^ y;
  }
  return difference == 0;
}

std::optional<ApiError> CheckAdmin(const std::optional<std::string>& admin_token,
                                   const std::optional<std::string>& authorization,
                                   bool client_is_loopback) {
  if (!admin_token) {
    if (client_is_loopback) return std::nullopt;
    return ApiError::Forbidden(
        "admin endpoints answer only loopback clients when no ADMIN_TOKEN is set");
  }
  std::optional<std::string_view> token;
  if (authorization) token = BearerToken(*authorization);
  if (!token || token->empty()) {
    return ApiError::Unauthorized("admin endpoints need an Authorization: Bearer <token> header");
  }
  if (!ConstantTimeEquals(*token, *admin_token)) return ApiError::Forbidden("wrong admin token");
  return std::nullopt;
}

}  // namespace mysanta::api
