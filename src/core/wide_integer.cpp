#include "core/wide_integer.hpp"

#include <cassert>
#include <string>

#include "loyalty/error.hpp"

namespace loyalty::detail {

WideInteger power_of_ten(int exponent) {
    assert(exponent >= 0 && exponent <= 36);
    WideInteger result = 1;
    for (int i = 0; i < exponent; ++i) result *= 10;
    return result;
}

WideInteger divide_rounded(const WideInteger& numerator, const WideInteger& denominator,
                           Rounding rounding) {
    assert(denominator > 0);
    WideInteger quotient = numerator / denominator;  // truncates toward zero
    const WideInteger remainder = numerator % denominator;
    if (remainder == 0) return quotient;

    const int sign = numerator < 0 ? -1 : 1;
    const WideInteger twice_remainder = (remainder < 0 ? WideInteger(-remainder) : remainder) * 2;
    switch (rounding) {
        case Rounding::floor:
            if (sign < 0) quotient -= 1;
            break;
        case Rounding::ceil:
            if (sign > 0) quotient += 1;
            break;
        case Rounding::half_up:
            if (twice_remainder >= denominator) quotient += sign;
            break;
        case Rounding::half_even:
            if (twice_remainder > denominator ||
                (twice_remainder == denominator && quotient % 2 != 0)) {
                quotient += sign;
            }
            break;
    }
    return quotient;
}

std::int64_t narrow(const WideInteger& value, std::int64_t limit, const char* what) {
    if (value > limit || value < -limit) {
        throw ArithmeticError(std::string(what) + " " + value.str() + " exceeds the limit of " +
                              std::to_string(limit));
    }
    return static_cast<std::int64_t>(value);
}

}  // namespace loyalty::detail
