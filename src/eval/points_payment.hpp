#pragma once
// Points paying part of a purchase, at the program's rate.

#include <cstdint>

#include "eval/evaluation.hpp"

namespace loyalty::detail {

/// Spends the transaction's `points_payment` toward `cost` (what the purchase costs after
/// coupons and discounts, shipping and tax included): one burn delta naming the lots, soonest
/// expiry first. Refuses the transaction when the member has too few points (T043), when they
/// are not worth a whole number of minor units (T044), or when they pay more than `cost` (T045).
void pay_with_points(Evaluation& evaluation, std::int64_t cost);

}  // namespace loyalty::detail
