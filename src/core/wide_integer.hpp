#pragma once
// Checked 128-bit intermediates: products of amounts and rates never wrap.

#include <cstdint>
#include <stdexcept>
#include <string>

#include <boost/multiprecision/cpp_int.hpp>

#include "loyalty/error.hpp"
#include "loyalty/rounding.hpp"

namespace loyalty::detail {

/// Overflow in any operation throws std::overflow_error (Boost's checked backend);
/// `checked` turns that into the library's own ArithmeticError.
using WideInteger = boost::multiprecision::checked_int128_t;

/// 10^exponent for 0 <= exponent <= 36.
WideInteger power_of_ten(int exponent);

/// numerator / denominator (denominator > 0), rounded as asked.
WideInteger divide_rounded(const WideInteger& numerator, const WideInteger& denominator,
                           Rounding rounding);

/// The value as int64 if it lies within ±limit; otherwise ArithmeticError naming `what`.
std::int64_t narrow(const WideInteger& value, std::int64_t limit, const char* what);

/// Runs `operation`, reporting a 128-bit overflow as ArithmeticError naming `what`.
template <typename Operation>
auto checked(const char* what, Operation&& operation) -> decltype(operation()) {
    try {
        return operation();
    } catch (const std::overflow_error&) {
        throw ArithmeticError(std::string(what) + " exceeds the range of exact arithmetic");
    }
}

}  // namespace loyalty::detail
