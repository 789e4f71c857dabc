#pragma once
// Checked 128-bit intermediates: products of amounts and rates never wrap, and never throw.

#include <cstdint>
#include <optional>
#include <string>

#if !defined(__SIZEOF_INT128__) || defined(LOYALTY_WIDE_INTEGER_PORTABLE)
#include <boost/multiprecision/cpp_int.hpp>
#endif

#include "loyalty/rounding.hpp"

namespace loyalty::detail {

// The two representations live in their own namespaces so that a test can build the portable one
// beside the native one without either redefining the other.
#if defined(__SIZEOF_INT128__) && !defined(LOYALTY_WIDE_INTEGER_PORTABLE)
inline namespace native_int128 {
// A GNU extension, which GCC and Clang both have on 64-bit targets; named once, without the
// pedantic warning.
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 Uint128;
#else
inline namespace portable_int128 {
#endif

/// An integer within ±(2^127 − 1). An operation whose exact result leaves that range gives an
/// overflowed value, and anything computed from an overflowed value is overflowed too, so that a
/// chain of arithmetic is checked once, at its end (`narrow`). The engine's bounds keep one
/// product of an amount and a rate far inside the range; only products of several can leave it.
///
/// On a compiler with `__int128` that is the representation; elsewhere (32-bit ARM) it is
/// Boost's fixed 256-bit integer, wide enough that no product of two in-range values wraps before
/// it is checked. Both give the same results, bit for bit.
class WideInteger {
public:
    constexpr WideInteger(std::int64_t value = 0) : value_(value) {}  // NOLINT: widening is lossless

    bool overflowed() const { return overflowed_; }
    /// -1, 0 or 1.
    int sign() const { return value_ < 0 ? -1 : (value_ > 0 ? 1 : 0); }
    /// The value when it lies within int64 and did not overflow.
    std::optional<std::int64_t> to_int64() const;
    /// Decimal digits, or "an overflowed value".
    std::string to_string() const;

    friend WideInteger operator+(const WideInteger& a, const WideInteger& b);
    friend WideInteger operator-(const WideInteger& a, const WideInteger& b);
    friend WideInteger operator*(const WideInteger& a, const WideInteger& b);
    // An overflowed value holds 0: dividing by one gives an overflowed result, never a division
    // by zero.
    /// Truncates toward zero; `b` is not zero.
    friend WideInteger operator/(const WideInteger& a, const WideInteger& b) {
        return b.overflowed_ ? b : checked(a, b, false, a.value_ / b.value_);
    }
    /// Has the sign of `a`; `b` is not zero.
    friend WideInteger operator%(const WideInteger& a, const WideInteger& b) {
        return b.overflowed_ ? b : checked(a, b, false, a.value_ % b.value_);
    }
    WideInteger operator-() const { return checked(*this, *this, false, -value_); }
    WideInteger& operator+=(const WideInteger& other) { return *this = *this + other; }
    WideInteger& operator-=(const WideInteger& other) { return *this = *this - other; }
    WideInteger& operator*=(const WideInteger& other) { return *this = *this * other; }

    // Comparisons read the values alone: an overflowed chain is refused by `narrow`, whatever a
    // comparison along the way decided.
    friend bool operator==(const WideInteger& a, const WideInteger& b) { return a.value_ == b.value_; }
    friend bool operator!=(const WideInteger& a, const WideInteger& b) { return a.value_ != b.value_; }
    friend bool operator<(const WideInteger& a, const WideInteger& b) { return a.value_ < b.value_; }
    friend bool operator>(const WideInteger& a, const WideInteger& b) { return a.value_ > b.value_; }
    friend bool operator<=(const WideInteger& a, const WideInteger& b) { return a.value_ <= b.value_; }
    friend bool operator>=(const WideInteger& a, const WideInteger& b) { return a.value_ >= b.value_; }

private:
#if defined(__SIZEOF_INT128__) && !defined(LOYALTY_WIDE_INTEGER_PORTABLE)
    using Value = Int128;
#else
    using Value = boost::multiprecision::int256_t;
#endif

    /// A result of operands within range: overflowed when either was, when forming it wrapped,
    /// or when it left the range. (The range is symmetric, so negation and division never leave it.)
    static WideInteger checked(const WideInteger& a, const WideInteger& b, bool wrapped, const Value& value) {
        WideInteger result;
        result.overflowed_ = a.overflowed_ || b.overflowed_ || wrapped || value > largest() || value < -largest();
        result.value_ = result.overflowed_ ? Value(0) : value;
        return result;
    }
    static Value largest();

    Value value_;
    bool overflowed_ = false;
};

#if defined(__SIZEOF_INT128__) && !defined(LOYALTY_WIDE_INTEGER_PORTABLE)
inline WideInteger::Value WideInteger::largest() {
    return static_cast<Value>((Uint128(1) << 127) - 1);
}

// Two values within the range can still wrap __int128 when added: the builtins say so instead.
inline WideInteger operator+(const WideInteger& a, const WideInteger& b) {
    WideInteger::Value sum = 0;
    const bool wrapped = __builtin_add_overflow(a.value_, b.value_, &sum);
    return WideInteger::checked(a, b, wrapped, sum);
}

inline WideInteger operator-(const WideInteger& a, const WideInteger& b) {
    WideInteger::Value difference = 0;
    const bool wrapped = __builtin_sub_overflow(a.value_, b.value_, &difference);
    return WideInteger::checked(a, b, wrapped, difference);
}

// Not __builtin_mul_overflow: for __int128, clang calls __muloti4, which libgcc lacks. The
// magnitudes are compared with the quotient of the largest value instead.
inline WideInteger operator*(const WideInteger& a, const WideInteger& b) {
    using Unsigned = Uint128;
    const auto magnitude = [](const WideInteger::Value& value) {
        return value < 0 ? Unsigned(0) - Unsigned(value) : Unsigned(value);
    };
    const Unsigned magnitude_a = magnitude(a.value_);
    const Unsigned magnitude_b = magnitude(b.value_);
    const bool wrapped = magnitude_a != 0 && magnitude_b > Unsigned(WideInteger::largest()) / magnitude_a;
    const auto product = wrapped ? WideInteger::Value(0) : static_cast<WideInteger::Value>(magnitude_a * magnitude_b);
    return WideInteger::checked(a, b, wrapped, (a.value_ < 0) != (b.value_ < 0) ? -product : product);
}
#else
inline WideInteger::Value WideInteger::largest() {
    return (Value(1) << 127) - 1;
}

// 256 bits hold any sum or product of two values within ±(2^127 − 1): nothing wraps.
inline WideInteger operator+(const WideInteger& a, const WideInteger& b) {
    return WideInteger::checked(a, b, false, a.value_ + b.value_);
}

inline WideInteger operator-(const WideInteger& a, const WideInteger& b) {
    return WideInteger::checked(a, b, false, a.value_ - b.value_);
}

inline WideInteger operator*(const WideInteger& a, const WideInteger& b) {
    return WideInteger::checked(a, b, false, a.value_ * b.value_);
}
#endif

/// 10^exponent for 0 <= exponent <= 36.
WideInteger power_of_ten(int exponent);

/// numerator / denominator (denominator > 0), rounded as asked; overflowed if either is.
WideInteger divide_rounded(const WideInteger& numerator, const WideInteger& denominator, Rounding rounding);

/// The value as int64 if it did not overflow and lies within ±limit.
std::optional<std::int64_t> narrow(const WideInteger& value, std::int64_t limit);

}  // inline namespace

}  // namespace loyalty::detail
