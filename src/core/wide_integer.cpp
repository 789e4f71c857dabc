#include "core/wide_integer.hpp"

#include <algorithm>
#include <cassert>

namespace loyalty::detail {
#if defined(__SIZEOF_INT128__) && !defined(LOYALTY_WIDE_INTEGER_PORTABLE)
inline namespace native_int128 {
#else
inline namespace portable_int128 {
#endif

std::optional<std::int64_t> WideInteger::to_int64() const {
    if (overflowed_ || value_ > Value(INT64_MAX) || value_ < Value(INT64_MIN)) return std::nullopt;
    return static_cast<std::int64_t>(value_);
}

std::string WideInteger::to_string() const {
    if (overflowed_) return "an overflowed value";
    // Digits from the magnitude, least significant first: no value within the range has more than 39.
    std::string digits;
    Value magnitude = value_ < 0 ? Value(-value_) : value_;
    do {
        digits += static_cast<char>('0' + static_cast<int>(magnitude % 10));
        magnitude /= 10;
    } while (magnitude > 0);
    if (value_ < 0) digits += '-';
    std::reverse(digits.begin(), digits.end());
    return digits;
}

WideInteger power_of_ten(int exponent) {
    assert(exponent >= 0 && exponent <= 36);
    WideInteger result = 1;
    for (int i = 0; i < exponent; ++i) result *= 10;
    return result;
}

WideInteger divide_rounded(const WideInteger& numerator, const WideInteger& denominator, Rounding rounding) {
    if (numerator.overflowed()) return numerator;
    if (denominator.overflowed()) return denominator;
    assert(denominator > 0);
    WideInteger quotient = numerator / denominator;  // truncates toward zero
    const WideInteger remainder = numerator % denominator;
    if (remainder == 0) return quotient;

    const int sign = numerator.sign();
    // |remainder| < denominator, so twice it stays within the range.
    const WideInteger twice_remainder = (remainder < 0 ? -remainder : remainder) * 2;
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
            if (twice_remainder > denominator || (twice_remainder == denominator && quotient % 2 != 0)) {
                quotient += sign;
            }
            break;
    }
    return quotient;
}

std::optional<std::int64_t> narrow(const WideInteger& value, std::int64_t limit) {
    if (value.overflowed() || value > limit || value < -limit) return std::nullopt;
    return value.to_int64();
}

}  // inline namespace
}  // namespace loyalty::detail
