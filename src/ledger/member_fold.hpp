#pragma once
// The one fold of an outcome's effects into a member: what `apply` does.

#include "ledger/fold_pools.hpp"
#include "loyalty/member.hpp"
#include "loyalty/outcome.hpp"

namespace loyalty::detail {

/// Whether the outcome changes `member`: false when it has the outcome's transaction already, or
/// when the outcome owns nothing of it; throws TransactionError T020 when it has the id with
/// other contents.
bool is_new_to(const Member& member, const Outcome& outcome);

/// Folds into `next` the effects the outcome gives it, and only those; what `next` drops goes
/// to `pools`, and what it gains comes from there, when given.
void fold_into(Member& next, const Outcome& outcome, FoldPools* pools);

}  // namespace loyalty::detail
