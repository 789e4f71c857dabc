#pragma once
// Purchases remembered for their return window, and returns that undo their share exactly.

#include <cstdint>
#include <vector>

#include "eval/evaluation.hpp"

namespace loyalty::detail {

/// After a purchase: its record (lines as paid, points its earn rules gave, what it counted,
/// coupons it used), when the program takes returns.
void record_purchase(Evaluation& evaluation, const std::vector<std::int64_t>& line_paid);

/// A return: claws back the points earned on the returned lines in proportion, lowers the
/// counters, gives back the coupons of a purchase returned whole. Running totals make k partial
/// returns that add up to the whole equal one full return, and nothing beyond it.
/// Refuses the transaction with T050 (no such purchase in the return window), T051 (more than
/// was bought, or an item it did not have), T052 (the program takes no returns), T053 (dated
/// before its purchase) or T054 (the referrer's state not given).
void evaluate_return(Evaluation& evaluation);

}  // namespace loyalty::detail
