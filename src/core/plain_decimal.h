// PlainDecimal: a double written in plain decimal notation, never with an exponent (SPEC section 5:
// `0.076`, never `7.6E-2`), for JSON bodies and the Prometheus text alike. The digits are the
// shortest that read back as the same double; a whole number keeps a ".0" so that it still reads
// as a fraction (`0.0`, `12.0`). RoundTo rounds at the source, where a quantity has a natural
// precision (milliseconds to the microsecond, prices to the kopeck).
//
// Thread safety: pure functions.
#pragma once

#include <string>

namespace mysanta {

// NaN and infinities have no JSON form: they are written as "null" (callers of the Prometheus
// text avoid them).
std::string PlainDecimal(double value);
void AppendPlainDecimal(std::string& out, double value);

// `value` rounded to `decimals` places after the point (0-9).
double RoundTo(double value, int decimals);

}  // namespace mysanta
