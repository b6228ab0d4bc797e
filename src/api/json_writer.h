// WriteJson: the one serializer of every JSON response body. Boost.JSON's own serializer writes
// doubles with an exponent (`4.70328E-1`); SPEC section 5 wants plain decimals (`0.470`), so
// numbers go through core/plain_decimal. Strings are escaped as JSON requires (", \ and control
// characters); other bytes are copied as they are (callers pass valid UTF-8).
//
// Thread safety: pure functions.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace mysanta::api {

std::string WriteJson(const boost::json::value& value);
void AppendJson(std::string& out, const boost::json::value& value);
// `text` as a quoted, escaped JSON string.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace mysanta::api
