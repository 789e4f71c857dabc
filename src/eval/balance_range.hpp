#pragma once
// Sums an outcome would take past the range of exact arithmetic, found before it is handed out.

#include "eval/evaluation.hpp"

namespace loyalty::detail {

/// Throws ArithmeticError when applying the evaluation's outcome would take a balance past
/// ±10^15: the member's points, owed points, store credit or a counter, or a referrer's points
/// when the host lets the evaluation read her. Refused in evaluation (T030), an outcome never
/// overflows while it is applied.
void check_balances_stay_in_range(const Evaluation& evaluation);

}  // namespace loyalty::detail
