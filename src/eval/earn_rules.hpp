#pragma once
// The earn rules of one transaction, in the order written: who fires, what they give, and why not.

#include <string>

#include "eval/earn_rule_evaluation.hpp"
#include "eval/evaluation.hpp"

namespace loyalty::detail {

/// An earn delta to this transaction's member, making a lot under the program's expiry policy.
Delta earn_delta(const Evaluation& evaluation, std::uint32_t rule, std::int64_t points, const Reason& reason);

/// Runs the earn rules that act on this transaction (purchases, or events of one name) with
/// their windows, limits, draws, conditions, groups and stops, planning what they give; then the
/// caps trim the plan, and the deltas are made from it; credits the member's lots with them.
void run_earn_rules(Evaluation& evaluation, const ExpressionInput& input);

}  // namespace loyalty::detail
