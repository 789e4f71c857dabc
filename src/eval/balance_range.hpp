#pragma once
// Sums an outcome would take past the range of exact arithmetic, found before it is handed out.

#include "eval/evaluation.hpp"

namespace loyalty::detail {

/// Refuses (T030) a member whose points, owed points or points below zero already lie past
/// ±10^15, before any step computes with them: within the range, the steps' sums of lots are
/// exact in int64.
void check_member_in_range(Evaluation& evaluation);

/// Refuses (T030) an outcome whose applying would take a balance past ±10^15: the member's
/// points, owed points, store credit or a counter, or a referrer's points when the host lets the
/// evaluation read her. Refused in evaluation, an outcome never overflows while it is applied.
void check_balances_stay_in_range(Evaluation& evaluation);

}  // namespace loyalty::detail
