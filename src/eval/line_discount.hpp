#pragma once
// Discounts on a whole purchase, spread exactly over its lines.

#include <cstdint>
#include <vector>

#include "loyalty/decimal.hpp"
#include "loyalty/rounding.hpp"

namespace loyalty::detail {

/// `percent` (0 to 100) of `cost` minor units (0 to Money::minor_units_max), rounded as stated:
/// never more than `cost`.
std::int64_t percent_of(std::int64_t cost, const Decimal& percent, Rounding rounding);

/// Lowers `line_paid` by `discount` in all, in proportion to what each line costs: the
/// remainder of the division goes one minor unit at a time to the lines that lost most to it,
/// so the shares add up to the discount exactly. The lines are not negative, and `discount` is at
/// most their total, which is within Money's range.
void spread_discount(std::int64_t discount, std::vector<std::int64_t>& line_paid);

}  // namespace loyalty::detail
