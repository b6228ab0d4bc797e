#include "api/json_writer.h"

#include <boost/json.hpp>
#include <charconv>

#include "core/plain_decimal.h"

namespace mysanta::api {
namespace {

template <typename Integer>
void AppendInteger(std::string& out, Integer value) {
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out.append(buffer, end);
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t plain_from = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte != '"' && byte != '\\') continue;
    out.append(text.substr(plain_from, i - plain_from));
    plain_from = i + 1;
    switch (byte) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += kHex[byte >> 4];
        out += kHex[byte & 0xF];
    }
  }
  out.append(text.substr(plain_from));
  out += '"';
}

void AppendJson(std::string& out, const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null:
      out += "null";
      return;
    case boost::json::kind::bool_:
      out += value.get_bool() ? "true" : "false";
      return;
    case boost::json::kind::int64:
      AppendInteger(out, value.get_int64());
      return;
    case boost::json::kind::uint64:
      AppendInteger(out, value.get_uint64());
      return;
    case boost::json::kind::double_:
      AppendPlainDecimal(out, value.get_double());
      return;
    case boost::json::kind::string:
      AppendJsonString(out, value.get_string());
      return;
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const boost::json::value& element : value.get_array()) {
        if (!first) out += ',';
        first = false;
        AppendJson(out, element);
      }
      out += ']';
      return;
    }
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const boost::json::key_value_pair& member : value.get_object()) {
        if (!first) out += ',';
        first = false;
        AppendJsonString(out, member.key());
        out += ':';
        AppendJson(out, member.value());
      }
      out += '}';
      return;
    }
  }
}

std::string WriteJson(const boost::json::value& value) {
  std::string out;
  out.reserve(256);
  AppendJson(out, value);
  return out;
}

}  // namespace mysanta::api
