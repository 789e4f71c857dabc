#pragma once
// What a member keeps and forgets: the horizon a transaction is judged by, and what no window
// needs as of it.

#include "eval/evaluation.hpp"

namespace loyalty::detail {

/// Sets the evaluation's horizon: the earliest day a transaction of the member may still come for,
/// this one counted, which is the latest day less the program's allowance for late transactions.
/// Refuses the transaction (T032) when its day is before it.
void set_late_horizon(Evaluation& evaluation);

/// State changes that forget the counter buckets, rule uses, purchase records and coupons no
/// window needs as of the evaluation's horizon; nothing when the member forgot as of it already.
void forget_what_no_window_needs(Evaluation& evaluation);

}  // namespace loyalty::detail
