// JSON bodies read as text, for the tests of SPEC section 5's plain decimals: finds a number
// written with an exponent (`4.7E-1`) anywhere outside a string.
#pragma once

#include <cctype>
#include <optional>
#include <string>
#include <string_view>

namespace mysanta::testing {

// The first number token of `body` that has an exponent; nullopt when there is none.
inline std::optional<std::string> NumberWithExponent(std::string_view body) {
  bool in_string = false;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
      continue;
    }
    if (c != '-' && !std::isdigit(static_cast<unsigned char>(c))) continue;
    size_t end = i;
    while (end < body.size() && (std::isdigit(static_cast<unsigned char>(body[end])) ||
                                 std::string_view("+-.eE").find(body[end]) != std::string_view::npos)) {
      ++end;
    }
    std::string_view token = body.substr(i, end - i);
    if (token.find_first_of("eE") != std::string_view::npos) return std::string(token);
    i = end - 1;
  }
  return std::nullopt;
}

}  // namespace mysanta::testing
