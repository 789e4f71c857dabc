#pragma once
// The coupons a purchase presents: a discount for each one that can be used, a reason for each
// one that cannot.

#include <cstdint>
#include <vector>

#include "eval/evaluation.hpp"

namespace loyalty::detail {

/// `line_paid` holds what each line costs so far, in minor units; usable coupons lower it (so
/// earning is on what was paid) and write coupon_use and discount deltas. Coupons that cannot
/// be used add a notice (N001–N006) and change nothing.
void use_coupons(Evaluation& evaluation, std::vector<std::int64_t>& line_paid);

}  // namespace loyalty::detail
