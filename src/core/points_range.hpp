#pragma once
// A wide sum of points as Points, when it lies within their range.

#include <optional>

#include "core/wide_integer.hpp"
#include "loyalty/points.hpp"

namespace loyalty::detail {

/// The sum as Points within ±Points::value_max; nothing past it.
std::optional<Points> points_within_range(const WideInteger& sum);
/// The same, or ArithmeticError naming `what` (the throwing forms).
Points points_or_raise(const WideInteger& sum, const char* what);

}  // namespace loyalty::detail
