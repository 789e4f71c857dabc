#pragma once
// Tiers as counts reach them, and what happens when a period closes: rebates and tier reviews.

#include <cstdint>
#include <vector>

#include "eval/evaluation.hpp"

namespace loyalty::detail {

/// Moves the member up the tier ladder as soon as the counter, this purchase included
/// (`added` by counter index), reaches a higher tier; kept through the end of the next period.
void upgrade_tier(Evaluation& evaluation, const std::vector<std::int64_t>& added);

/// An event named "period_close" with attribute "period" ("2026", or "2026-11" for a month):
/// pays each rebate on its counter's value for that period, once per period however often it is
/// closed, and reviews the tier: kept while the count qualifies or its keep-until date has not
/// passed, lowered otherwise. Refuses the transaction with T060 for a period it cannot read, T061
/// for one not over yet.
void close_period(Evaluation& evaluation);

}  // namespace loyalty::detail
