#pragma once
// What a member keeps and forgets: the horizon a transaction is judged by, and what no window
// needs as of it.

#include "eval/evaluation.hpp"

namespace loyalty::detail {

/// The earliest day a transaction of `member` may still come for, with `transaction` (on
/// `today`) counted: the latest day less the program's allowance for late transactions. Throws
/// TransactionError T032 when `today` is before it.
Date late_horizon(const CompiledProgram& program, const Member& member, const Transaction& transaction, Date today);

/// State changes that forget the counter buckets, rule uses, purchase records and coupons no
/// window needs as of the evaluation's horizon; nothing when the member forgot as of it already.
void forget_what_no_window_needs(Evaluation& evaluation);

}  // namespace loyalty::detail
