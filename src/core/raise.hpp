#pragma once
// The one way out of the value types' throwing calls.

#include <cstdint>

#include "core/wide_integer.hpp"
#include "loyalty/currency.hpp"

namespace loyalty::detail {

// Defined where exceptions are enabled, so that the value types can be built without them: the
// evaluation core uses their checked forms and never reaches these. They take plain values and
// build their messages themselves: an exception leaving a frame built without exceptions runs
// none of its destructors, so that frame must own nothing when it throws.

/// Throws ArithmeticError: "`what` `value` exceeds the limit of `limit`".
[[noreturn]] void raise_out_of_range(const char* what, const WideInteger& value, std::int64_t limit);
/// Throws ArithmeticError for an amount of `a` combined with one of `b`.
[[noreturn]] void raise_currency_mismatch(Currency a, Currency b);
/// Throws std::invalid_argument.
[[noreturn]] void raise_invalid_argument(const char* message);
/// Throws std::bad_alloc, for memory a C library could not get: the one exception the core passes
/// on, which the calls that return their errors report as T099.
[[noreturn]] void raise_out_of_memory();

}  // namespace loyalty::detail
