#include "core/plain_decimal.h"

#include <array>
#include <charconv>
#include <cmath>
#include <string_view>

namespace mysanta {

void AppendPlainDecimal(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  // Fixed notation, shortest round trip: at most 309 digits before the point, 1074 after.
  std::array<char, 1100> buffer;
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                 std::chars_format::fixed);
  std::string_view digits(buffer.data(), ec == std::errc() ? end - buffer.data() : 0);
  if (digits.empty()) {  // unreachable with this buffer; still never an exponent
    out += "0.0";
    return;
  }
  out += digits;
  if (digits.find('.') == std::string_view::npos) out += ".0";
}

std::string PlainDecimal(double value) {
  std::string out;
  AppendPlainDecimal(out, value);
  return out;
}

double RoundTo(double value, int decimals) {
  static constexpr std::array<double, 10> kScale = {1,   1e1, 1e2, 1e3, 1e4,
                                                    1e5, 1e6, 1e7, 1e8, 1e9};
  double scale = kScale[decimals < 0 ? 0 : decimals > 9 ? 9 : decimals];
  if (!std::isfinite(value) || std::fabs(value) * scale > 9e15) return value;
  return std::round(value * scale) / scale;
}

}  // namespace mysanta
