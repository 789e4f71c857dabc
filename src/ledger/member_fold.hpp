#pragma once
// The one fold of an outcome's effects into a member: what `apply` does.

#include <optional>

#include "ledger/fold_pools.hpp"
#include "loyalty/evaluation_error.hpp"
#include "loyalty/member.hpp"
#include "loyalty/outcome.hpp"
#include "loyalty/result.hpp"

namespace loyalty::detail {

/// Whether the outcome changes `member`, with one look at its recent transactions: false when it
/// has the outcome's transaction already, or when the outcome owns nothing of it; T020 when it has
/// the transaction id with another fingerprint.
Result<bool, EvaluationError> is_new_to(const Member& member, const Outcome& outcome);

/// Folds into `next` the effects the outcome gives it, and only those; what `next` drops goes
/// to `pools`, and what it gains comes from there, when given. T099, and the fold stopped where
/// it was, for an outcome that does not fit `next`: one `evaluate` did not make for it.
std::optional<EvaluationError> fold_into(Member& next, const Outcome& outcome, FoldPools* pools);

}  // namespace loyalty::detail
