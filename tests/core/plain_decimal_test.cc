#include "core/plain_decimal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace mysanta {
namespace {

TEST(PlainDecimalTest, NeverAnExponent) {
  EXPECT_EQ(PlainDecimal(0.470), "0.47");
  EXPECT_EQ(PlainDecimal(1246.11), "1246.11");
  EXPECT_EQ(PlainDecimal(0.076), "0.076");
  EXPECT_EQ(PlainDecimal(2.5e-5), "0.000025");
  EXPECT_EQ(PlainDecimal(1e21), "1000000000000000000000.0");
  EXPECT_EQ(PlainDecimal(-3.25), "-3.25");
}

TEST(PlainDecimalTest, WholeNumbersStayFractions) {
  EXPECT_EQ(PlainDecimal(0.0), "0.0");
  EXPECT_EQ(PlainDecimal(12.0), "12.0");
}

TEST(PlainDecimalTest, DigitsReadBackAsTheSameDouble) {
  for (double value : {0.1, 1.0 / 3.0, 1.2461149178077433e3, 4.70328e-1, 123456.789e-9}) {
    EXPECT_EQ(std::stod(PlainDecimal(value)), value) << PlainDecimal(value);
  }
}

TEST(PlainDecimalTest, NonFiniteIsNull) {
  EXPECT_EQ(PlainDecimal(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(PlainDecimal(std::numeric_limits<double>::infinity()), "null");
}

TEST(PlainDecimalTest, RoundToKeepsTheNaturalPrecision) {
  EXPECT_EQ(PlainDecimal(RoundTo(0.470328, 3)), "0.47");
  EXPECT_EQ(PlainDecimal(RoundTo(1246.1149178077433, 2)), "1246.11");
  EXPECT_EQ(PlainDecimal(RoundTo(0.0004, 3)), "0.0");
  EXPECT_EQ(RoundTo(1e300, 3), 1e300);
}

}  // namespace
}  // namespace mysanta
