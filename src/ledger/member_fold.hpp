#pragma once
// The one fold of an outcome's effects into a member: what `apply` does.

#include <optional>

#include "ledger/fold_pools.hpp"
#include "loyalty/evaluation_error.hpp"
#include "loyalty/member.hpp"
#include "loyalty/outcome.hpp"

namespace loyalty::detail {

/// T020 when the member has the outcome's transaction id with another fingerprint.
std::optional<EvaluationError> fingerprint_conflict(const Member& member, const Outcome& outcome);

/// Whether the outcome changes `member`: false when it has the outcome's transaction id already
/// (see fingerprint_conflict), or when the outcome owns nothing of it.
bool is_new_to(const Member& member, const Outcome& outcome);

/// Folds into `next` the effects the outcome gives it, and only those; what `next` drops goes
/// to `pools`, and what it gains comes from there, when given. T099, and the fold stopped where
/// it was, for an outcome that does not fit `next`: one `evaluate` did not make for it.
std::optional<EvaluationError> fold_into(Member& next, const Outcome& outcome, FoldPools* pools);

}  // namespace loyalty::detail
